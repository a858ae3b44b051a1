import Link from "next/link";
import type { Locale } from "@/lib/i18n";
import { dictionary } from "@/lib/i18n";
import { links } from "@/lib/links";
import type { EditionDetail, Page, SpeakerListItem } from "@/lib/schemas";
import { keySpeakers } from "@/lib/speakers";
import { formatDateRange } from "@/lib/time";
import { JsonLd } from "./JsonLd";
import { PartnerGroups } from "./PartnerGroups";
import { Picture } from "./Picture";
import { RichText } from "./RichText";

export function EditionHome({ locale, edition, speakers: all, pages }: { locale: Locale; edition: EditionDetail; speakers: SpeakerListItem[]; pages: Page[] }) {
  const t = dictionary(locale);
  const speakers = keySpeakers(all);
  const v = edition.venue;
  return (
    <article data-testid="edition-home" data-year={edition.year}>
      <JsonLd data={edition.jsonld} />
      <div className="hero">
        <Picture image={edition.hero_image} size="hero" priority />
      </div>
      <h1>{edition.title}</h1>
      <ul className="facts">
        <li>
          <strong>{t.dates}</strong>
          <span data-testid="edition-dates">{formatDateRange(edition.start_date, edition.end_date, locale)}</span>
        </li>
        <li>
          <strong>{t.venue}</strong>
          {v.name}
          {v.address || v.city ? <span className="muted">, {[v.address, v.city].filter(Boolean).join(", ")}</span> : null}
        </li>
        {edition.theme ? (
          <li>
            <strong>{t.theme}</strong>
            {edition.theme}
          </li>
        ) : null}
        <li>
          <strong>{t.edition}</strong>
          {edition.year} · {t.status[edition.status] ?? edition.status}
        </li>
      </ul>
      <RichText html={edition.intro} />
      <p>
        <Link className="button" href={links.agenda(locale, edition.year)}>
          {t.viewAgenda}
        </Link>{" "}
        {edition.registration_url ? (
          <a className="button secondary" href={edition.registration_url}>
            Registration
          </a>
        ) : null}
      </p>
      {speakers.length ? (
        <section aria-labelledby="key-speakers">
          <h2 id="key-speakers">{t.keySpeakers}</h2>
          <ul className="cards">
            {speakers.map((p) => (
              <li key={p.guid} className="card person">
                <Picture image={p.photo} size="thumbnail" alt="" />
                <div>
                  <Link href={links.speaker(locale, p.id)}>{p.name}</Link>
                  <div className="muted">{[p.job_title, p.organisation?.name].filter(Boolean).join(", ")}</div>
                </div>
              </li>
            ))}
          </ul>
          <p>
            <Link href={links.speakers(locale)}>{t.allSpeakers}</Link>
          </p>
        </section>
      ) : null}
      {pages.length ? (
        <section aria-labelledby="edition-pages">
          <h2 id="edition-pages">{t.newsTitle}</h2>
          <ul>
            {pages.map((p) => (
              <li key={p.id}>
                <Link href={links.content(locale, edition.year, p.slug)}>{p.title}</Link>
                {p.date ? <span className="muted"> · {p.date}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {edition.partners.length ? (
        <section aria-labelledby="partners">
          <h2 id="partners">{t.partnersByRole}</h2>
          <PartnerGroups groups={edition.partners} headingLevel={3} tierLabel={t.tier} />
        </section>
      ) : null}
    </article>
  );
}
