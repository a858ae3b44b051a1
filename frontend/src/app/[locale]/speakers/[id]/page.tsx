import type { Metadata } from "next";
import Link from "@/components/Link";
import { notFound } from "next/navigation";
import { Icon } from "@/components/Icon";
import { Picture } from "@/components/Picture";
import { RichText } from "@/components/RichText";
import { api } from "@/lib/api";
import { capitalise, dictionary } from "@/lib/i18n";
import { links } from "@/lib/links";
import { speakerDescription } from "@/lib/meta";
import { alternates, localeOf } from "@/lib/site";
import { appearancesByEdition } from "@/lib/speakers";
import { dayKey, formatDay, formatTimeRange } from "@/lib/time";
import styles from "./speaker.module.css";

export async function generateMetadata({ params }: PageProps<"/[locale]/speakers/[id]">): Promise<Metadata> {
  const p = await params;
  const locale = localeOf(p.locale);
  const speaker = /^\d+$/.test(p.id) ? await api.speaker(p.id, locale) : null;
  if (!speaker) return { title: dictionary(locale).site.notFoundTitle };
  return {
    title: speaker.name,
    description: speakerDescription(speaker),
    alternates: alternates(locale, `/speakers/${p.id}`),
    openGraph: { title: speaker.name, description: speakerDescription(speaker), type: "profile", locale },
  };
}

export default async function SpeakerPage({ params }: PageProps<"/[locale]/speakers/[id]">) {
  const p = await params;
  const locale = localeOf(p.locale);
  if (!/^\d+$/.test(p.id)) notFound();
  const [speaker, editions] = await Promise.all([api.speaker(p.id, locale), api.editions(locale)]);
  if (!speaker) notFound();
  const t = dictionary(locale);
  const groups = appearancesByEdition(speaker.appearances);
  const titleOf = new Map(editions.map((e) => [e.year, e.title]));
  const subtitle = [speaker.job_title, speaker.organisation?.name].filter(Boolean).join(", ");
  return (
    <article data-testid="speaker" className={styles.page}>
      <p className="eyebrow">
        <Link href={links.speakers(locale)}>{t.speakersTitle}</Link>
      </p>
      <header className={styles.head}>
        {speaker.photo ? <Picture image={speaker.photo} size="square" alt="" className={styles.photo} priority /> : null}
        <div>
          <h1>{speaker.name}</h1>
          {subtitle ? <p className="lead">{subtitle}</p> : null}
          <p className={styles.links}>
            {speaker.website ? (
              <a href={speaker.website} rel="noopener" className="chip">
                <Icon name="globe" size={16} />
                {t.site.website}
              </a>
            ) : null}
            {speaker.linkedin ? (
              <a href={speaker.linkedin} rel="noopener" className="chip">
                <Icon name="linkedin" size={16} />
                LinkedIn
              </a>
            ) : null}
            {groups.length ? (
              <span className={styles.years}>
                {groups.map((g) => (
                  <span key={g.year} className="year-badge">
                    {g.year}
                  </span>
                ))}
              </span>
            ) : null}
          </p>
        </div>
      </header>
      <RichText html={speaker.bio} />
      {groups.length ? (
        <section aria-labelledby="appearances" className="section">
          <h2 id="appearances">{t.appearances}</h2>
          <div className={styles.editions}>
            {groups.map(({ year, appearances }) => (
              <section key={year} data-testid="appearance-year" data-year={year} aria-labelledby={`y${year}`} className={styles.edition}>
                <h3 id={`y${year}`} className={styles.editionTitle}>
                  <span className="year-badge">{year}</span>
                  <Link href={links.edition(locale, year)}>{titleOf.get(year) ?? year}</Link>
                </h3>
                <ul className={styles.sessions}>
                  {appearances.map((a) => (
                    <li key={`${a.session.id}-${a.role}`}>
                      <span className={styles.when}>
                        {formatDay(dayKey(a.session.start), locale)}, <time dateTime={a.session.start}>{formatTimeRange(a.session.start, a.session.end, locale)}</time>
                      </span>
                      <Link href={links.sessionById(locale, a.session.id)} className={styles.sessionTitle}>
                        {a.session.title}
                      </Link>
                      <span className="chip" data-testid="appearance-role">
                        {capitalise(t.role[a.role] ?? a.role)}
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
        </section>
      ) : null}
      <p>
        <a className="button button-secondary" href={speaker.calendar_url}>
          <Icon name="download" size={18} />
          {t.addToCalendar}
        </a>
      </p>
    </article>
  );
}
