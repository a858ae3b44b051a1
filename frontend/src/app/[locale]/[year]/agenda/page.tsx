import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AgendaView, type View } from "@/components/AgendaView";
import { api, PUBLIC_API_URL } from "@/lib/api";
import { dictionary } from "@/lib/i18n";
import { links } from "@/lib/links";
import { alternates, localeOf, yearOf } from "@/lib/site";
import { formatDateRange } from "@/lib/time";

export async function generateMetadata({ params }: PageProps<"/[locale]/[year]/agenda">): Promise<Metadata> {
  const p = await params;
  const locale = localeOf(p.locale);
  const year = yearOf(p.year);
  const edition = await api.edition(year, locale);
  if (!edition) return {};
  const title = `${dictionary(locale).agenda} · ${edition.title}`;
  return { title, alternates: alternates(locale, `/${year}/agenda`), openGraph: { title, type: "website", locale } };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export default async function AgendaPage({ params, searchParams }: PageProps<"/[locale]/[year]/agenda">) {
  const p = await params;
  const q = await searchParams;
  const locale = localeOf(p.locale);
  const year = yearOf(p.year);
  const [edition, sessions, topics] = await Promise.all([api.edition(year, locale), api.sessions(year, locale), api.topics(locale)]);
  if (!edition) notFound();
  const t = dictionary(locale);
  const nowParam = one(q.now);
  const fixedNow = !!nowParam && !Number.isNaN(Date.parse(nowParam));
  const view = one(q.view);
  return (
    <>
      <h1>
        {t.agenda}: {edition.title}
      </h1>
      <p className="muted">
        {formatDateRange(edition.start_date, edition.end_date, locale)} · {edition.venue.name} · <Link href={links.edition(locale, year)}>{t.nav.home}</Link> ·{" "}
        <a href={`${PUBLIC_API_URL}/api/v1/editions/${year}/agenda.ics?locale=${locale}`}>.ics</a>
      </p>
      <AgendaView
        locale={locale}
        t={t}
        sessions={sessions}
        topics={topics.map(({ id, name, slug }) => ({ id, name, slug }))}
        initial={{
          day: one(q.day),
          view: view === "grid" || view === "list" || view === "now" ? (view as View) : undefined,
          filters: { track: one(q.track), type: one(q.type), topic: one(q.topic), language: one(q.language) },
          now: fixedNow ? new Date(nowParam!).toISOString() : new Date().toISOString(),
          fixedNow,
        }}
      />
    </>
  );
}
