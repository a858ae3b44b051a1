import type { Metadata } from "next";
import Link from "@/components/Link";
import { notFound } from "next/navigation";
import { AgendaView, type View } from "@/components/AgendaView";
import { dayLabels, filterOptions, filtersFromParams, groupByDay, validTimeZone, withLocalTimes, type AgendaSession } from "@/lib/agenda";
import { api, PUBLIC_API_URL } from "@/lib/api";
import { agendaText, dictionary } from "@/lib/i18n";
import { links } from "@/lib/links";
import { agendaFeedTypes, alternates, localeOf, yearOf } from "@/lib/site";
import { formatDateRange } from "@/lib/time";
import styles from "./page.module.css";

export async function generateMetadata({ params }: PageProps<"/[locale]/[year]/agenda">): Promise<Metadata> {
  const p = await params;
  const locale = localeOf(p.locale);
  const year = yearOf(p.year);
  const edition = await api.edition(year, locale);
  if (!edition) return {};
  const title = `${dictionary(locale).agenda} · ${edition.title}`;
  // What a search result shows under the title: the edition, its dates and venue, its theme.
  const when = `${formatDateRange(edition.start_date, edition.end_date, locale)} · ${edition.venue.name}`;
  const description = `${title}: ${when}.${edition.theme ? ` ${edition.theme}` : ""}`;
  return {
    title,
    description,
    // With the feed of the edition's agenda releases, for feed readers to discover.
    alternates: { ...alternates(locale, `/${year}/agenda`), types: agendaFeedTypes(PUBLIC_API_URL, year, locale, edition.title) },
    openGraph: { title, description, type: "website", locale },
  };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export default async function AgendaPage({ params, searchParams }: PageProps<"/[locale]/[year]/agenda">) {
  const p = await params;
  const q = await searchParams;
  const locale = localeOf(p.locale);
  const year = yearOf(p.year);
  const [edition, sessions, topics] = await Promise.all([
    api.edition(year, locale),
    api.sessions(year, locale),
    api.topics(locale),
  ]);
  if (!edition) notFound();
  const t = dictionary(locale);
  const nowParam = one(q.now);
  const fixedNow = !!nowParam && !Number.isNaN(Date.parse(nowParam));
  const view = one(q.view);
  const day = one(q.day);
  const timeZone = validTimeZone(edition.timezone);
  // Only what the agenda shows travels to the browser, with its days, times and labels worked out
  // here: the browser starts the agenda without date arithmetic of its own.
  const agenda: AgendaSession[] = sessions.map((s) => withLocalTimes({
    id: s.id,
    guid: s.guid,
    title: s.title,
    slug: s.slug,
    year: s.year,
    type: s.type,
    type_label: s.type_label,
    start: s.start,
    end: s.end,
    language: s.language,
    room: s.room,
    track: s.track,
    topics: s.topics,
    // Only when true: the page sends no more for the sessions that go ahead.
    ...(s.cancelled ? { cancelled: true } : {}),
    // The organisation at the time of the session, as the session's own speaker entry gives it.
    speakers: s.speakers.map((sp) => ({ id: sp.id, name: sp.name, role: sp.role, organisation: sp.organisation ? { name: sp.organisation.name } : null })),
  }, timeZone));
  const usedTopics = new Set(agenda.flatMap((s) => s.topics));
  const topicRefs = topics.filter((tp) => usedTopics.has(tp.id)).map(({ id, name, slug }) => ({ id, name, slug }));
  const roomRefs = edition.rooms.map((r) => ({ id: r.id, name: r.name, key: r.guid.slice(0, 8) }));
  return (
    <>
      <h1 className={styles.title}>
        {t.agenda}: {edition.title}
      </h1>
      <p className={`muted ${styles.meta}`}>
        {formatDateRange(edition.start_date, edition.end_date, locale)} · {edition.venue.name}
        <span className={styles.links}>
          {" "}
          · <Link href={links.edition(locale, year)}>{t.nav.home}</Link> ·{" "}
          <a href={`${PUBLIC_API_URL}/api/v1/editions/${year}/agenda.ics?locale=${locale}`}>.ics</a>
        </span>
      </p>
      <AgendaView
        locale={locale}
        t={agendaText(t)}
        sessions={agenda}
        topics={topicRefs}
        rooms={roomRefs}
        tracks={edition.tracks.map(({ slug, name, color }) => ({ slug, name, color }))}
        timeZone={timeZone}
        options={filterOptions(agenda, topicRefs, roomRefs)}
        dayLabels={dayLabels(
          groupByDay(agenda, timeZone).map((d) => d.day),
          locale,
          t,
        )}
        initial={{
          day: day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : undefined,
          view: view === "grid" || view === "list" ? (view as View) : view === "now" ? "list" : undefined,
          filters: filtersFromParams((key) => one(q[key])),
          now: fixedNow ? new Date(nowParam!).toISOString() : new Date().toISOString(),
          fixedNow,
        }}
      />
    </>
  );
}
