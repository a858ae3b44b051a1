import type { Metadata } from "next";
import { YearPills } from "@/components/YearPills";
import { notFound } from "next/navigation";
import { SpeakerCard } from "@/components/SpeakerCard";
import { api } from "@/lib/api";
import { pickCurrentEdition } from "@/lib/editions";
import { dictionary, type Locale } from "@/lib/i18n";
import { links } from "@/lib/links";
import { alternates, localeOf } from "@/lib/site";
import { speakerYearFilter } from "@/lib/speakers";
import { dayKey } from "@/lib/time";
import styles from "./speakers.module.css";

type Props = PageProps<"/[locale]/speakers">;

async function selection(locale: Locale, raw: string | string[] | undefined) {
  const editions = [...(await api.editions(locale))].sort((a, b) => b.year - a.year);
  const current = pickCurrentEdition(editions, dayKey(new Date()));
  const chosen = speakerYearFilter(raw, editions.map((e) => e.year), current?.year);
  return { editions, chosen };
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const locale = localeOf((await params).locale);
  const t = dictionary(locale);
  const { chosen } = await selection(locale, (await searchParams).year);
  if (chosen === null) return { title: t.site.notFoundTitle };
  return {
    title: chosen === "all" ? `${t.speakersTitle} · ${t.site.allYears}` : `${t.speakersTitle} ${chosen}`,
    alternates: alternates(locale, "/speakers"),
  };
}

export default async function Speakers({ params, searchParams }: Props) {
  const locale = localeOf((await params).locale);
  const t = dictionary(locale);
  const { editions, chosen } = await selection(locale, (await searchParams).year);
  if (chosen === null) notFound();
  const year = chosen === "all" ? undefined : chosen;
  const speakers = [...(await api.speakers(locale, year))]
    .filter((s) => s.appearances.length)
    .sort((a, b) => a.name.localeCompare(b.name, locale));
  const edition = editions.find((e) => e.year === year);
  const base = links.speakers(locale);
  return (
    <>
      <header className="page-head">
        <h1>{t.speakersTitle}</h1>
        <p className="lead">{edition ? edition.title : t.site.allYears}</p>
      </header>
      <YearPills
        label={t.site.editionFilter}
        testId="speaker-years"
        items={[
          ...editions.map((e) => ({ href: `${base}?year=${e.year}`, text: e.year, current: e.year === year })),
          { href: `${base}?year=all`, text: t.site.allYears, current: chosen === "all" },
        ]}
      />
      <p className="muted" data-testid="speakers-count">
        {t.site.speakersCount}: {speakers.length}
      </p>
      {speakers.length ? (
        <ul className={styles.grid} data-testid="speakers" data-year={chosen}>
          {speakers.map((s) => {
            const years = [...new Set(s.appearances.map((a) => a.session.year))].sort((a, b) => b - a);
            return (
              <li key={s.id}>
                <SpeakerCard href={links.speaker(locale, s.id)} name={s.name} photo={s.photo} subtitle={[s.job_title, s.organisation?.name].filter(Boolean).join(", ")}>
                  {chosen === "all" ? (
                    <p className={styles.years}>
                      {years.map((y) => (
                        <span key={y} className="year-badge">
                          {y}
                        </span>
                      ))}
                    </p>
                  ) : null}
                </SpeakerCard>
              </li>
            );
          })}
        </ul>
      ) : (
        <p>{t.site.noSpeakers}</p>
      )}
    </>
  );
}
