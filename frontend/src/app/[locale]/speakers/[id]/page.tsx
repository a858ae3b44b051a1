import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Picture } from "@/components/Picture";
import { RichText } from "@/components/RichText";
import { api } from "@/lib/api";
import { dictionary } from "@/lib/i18n";
import { links } from "@/lib/links";
import { stripTags } from "@/lib/sanitize";
import { alternates, localeOf } from "@/lib/site";
import { dayKey, formatDay, formatTimeRange } from "@/lib/time";

export async function generateMetadata({ params }: PageProps<"/[locale]/speakers/[id]">): Promise<Metadata> {
  const p = await params;
  const locale = localeOf(p.locale);
  const speaker = /^\d+$/.test(p.id) ? await api.speaker(p.id, locale) : null;
  if (!speaker) return {};
  return {
    title: speaker.name,
    description: stripTags(speaker.bio) || speaker.job_title,
    alternates: alternates(locale, `/speakers/${p.id}`),
    openGraph: { title: speaker.name, type: "profile", locale },
  };
}

export default async function SpeakerPage({ params }: PageProps<"/[locale]/speakers/[id]">) {
  const p = await params;
  const locale = localeOf(p.locale);
  if (!/^\d+$/.test(p.id)) notFound();
  const speaker = await api.speaker(p.id, locale);
  if (!speaker) notFound();
  const t = dictionary(locale);
  const years = [...new Set(speaker.appearances.map((a) => a.session.year))].sort((a, b) => b - a);
  return (
    <article data-testid="speaker">
      <div className="person">
        <Picture image={speaker.photo} size="square" alt="" className="" priority />
        <div>
          <h1>{speaker.name}</h1>
          <p className="muted">{[speaker.job_title, speaker.organisation?.name].filter(Boolean).join(", ")}</p>
        </div>
      </div>
      <RichText html={speaker.bio} />
      <h2>{t.appearances}</h2>
      {years.map((year) => (
        <section key={year} data-testid="appearance-year" data-year={year} aria-labelledby={`y${year}`}>
          <h3 id={`y${year}`}>
            <Link href={links.edition(locale, year)}>{year}</Link>
          </h3>
          <ul>
            {speaker.appearances
              .filter((a) => a.session.year === year)
              .sort((a, b) => a.session.start.localeCompare(b.session.start))
              .map((a) => (
                <li key={`${a.session.id}-${a.role}`}>
                  <Link href={links.sessionById(locale, a.session.id)}>{a.session.title}</Link>{" "}
                  <span className="muted">
                    · {t.role[a.role] ?? a.role} · {formatDay(dayKey(a.session.start), locale)}, {formatTimeRange(a.session.start, a.session.end, locale)}
                  </span>
                </li>
              ))}
          </ul>
        </section>
      ))}
      <p>
        <a href={speaker.calendar_url}>{t.addToCalendar}</a>
      </p>
    </article>
  );
}
