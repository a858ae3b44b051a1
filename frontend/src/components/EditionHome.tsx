import Link from "@/components/Link";
import type { CSSProperties } from "react";
import { byTier, mapLink, programmeHighlights, registrationOpen, splitPartners, venueAddress } from "@/lib/editions";
import type { Locale } from "@/lib/i18n";
import { dictionary } from "@/lib/i18n";
import { links } from "@/lib/links";
import type { EditionDetail, Page, Session, SpeakerListItem } from "@/lib/schemas";
import { plural } from "@/lib/site";
import { keySpeakers } from "@/lib/speakers";
import { dayKey, formatDateRange, formatDay, formatTimeRange } from "@/lib/time";
import styles from "./EditionHome.module.css";
import { Icon } from "./Icon";
import { JsonLd } from "./JsonLd";
import { PartnerLogo } from "./PartnerGroups";
import { Picture } from "./Picture";
import { RichText } from "./RichText";
import { SpeakerCard } from "./SpeakerCard";

interface Props {
  locale: Locale;
  edition: EditionDetail;
  speakers?: SpeakerListItem[];
  pages?: Page[];
  sessions?: Session[];
  venuePage?: Page | null;
  aboutPage?: Page | null;
}

/** An edition's home: what, when, where, who organises it, what is on, who speaks, who supports it. */
export function EditionHome({ locale, edition, speakers: allSpeakers = [], pages = [], sessions = [], venuePage = null, aboutPage = null }: Props) {
  const t = dictionary(locale);
  const today = dayKey(new Date());
  const v = edition.venue;
  const address = venueAddress(v);
  const map = mapLink(v);
  const open = registrationOpen(edition, today);
  const past = edition.status === "archived" || edition.end_date < today;
  const { patrons, organisers, others: rest } = splitPartners(edition.partners);
  // Sponsors (by tier) lead the partners below; the other roles keep the editors' order.
  const others = [...rest.filter((g) => g.role === "sponsor"), ...rest.filter((g) => g.role !== "sponsor")];
  const patron = patrons[0]?.partners[0]?.organisation;
  const speakers = keySpeakers(allSpeakers, 8);
  const highlights = programmeHighlights(sessions, 4);
  const news = pages
    .filter((p) => p.type === "news")
    .sort((a, b) => (b.date ?? "").localeCompare(a.date ?? ""))
    .slice(0, 3);
  const days = Math.round((Date.parse(edition.end_date) - Date.parse(edition.start_date)) / 86_400_000) + 1;
  const stats = [
    { key: "days", n: days },
    { key: "sessions", n: sessions.length },
    { key: "speakers", n: allSpeakers.length },
    { key: "tracks", n: edition.tracks.length },
  ].filter((s) => s.n > 0);
  const venueHref = venuePage ? links.content(locale, edition.year, venuePage.slug) : null;
  const status = open ? t.site.registrationOpen : edition.status === "live" ? t.site.liveNow : past ? t.site.tookPlace : t.site.upcoming;

  return (
    <article data-testid="edition-home" data-year={edition.year} className={styles.home}>
      <JsonLd data={edition.jsonld} />

      <section className={styles.hero} aria-labelledby="edition-title">
        {/* The edition's image, if any, only tints the background: the gradient carries the design. */}
        {edition.hero_image ? <Picture image={edition.hero_image} size="hero" alt="" className={styles.heroImage} /> : null}
        <div className={styles.heroMain}>
          {patron ? (
            <p className={styles.patronage} data-testid="patronage">
              <span>{t.site.underPatronage}</span> <strong>{patron.name}</strong>
            </p>
          ) : null}
          <p className={styles.status} data-state={open ? "open" : past ? "past" : "upcoming"}>
            {status}
          </p>
          <h1 id="edition-title" className={styles.title}>
            {edition.title}
          </h1>
          {edition.theme ? <p className={styles.theme}>{edition.theme}</p> : null}
          <ul className={styles.meta}>
            <li>
              <Icon name="calendar" />
              <span data-testid="edition-dates">{formatDateRange(edition.start_date, edition.end_date, locale)}</span>
            </li>
            <li>
              <Icon name="pin" />
              <span>
                {v.name}
                {v.city ? `, ${v.city}` : ""}
              </span>
            </li>
          </ul>
          <p className={styles.actions}>
            {open ? (
              <a className="button button-accent button-large" href={edition.registration_url} data-testid="register">
                <Icon name="ticket" />
                {t.site.register}
              </a>
            ) : null}
            <Link className={`button button-large ${open ? styles.onDarkSecondary : styles.onDarkPrimary}`} href={links.agenda(locale, edition.year)}>
              {t.site.seeProgramme}
              <Icon name="arrow" />
            </Link>
          </p>
        </div>

        <aside className={styles.info} aria-label={t.site.venueTitle}>
          <dl className={styles.facts}>
            <div>
              <dt>{t.site.when}</dt>
              <dd>{formatDateRange(edition.start_date, edition.end_date, locale)}</dd>
            </div>
            <div>
              <dt>{t.site.where}</dt>
              <dd>
                <strong>{v.name}</strong>
                {address ? <span className={styles.address}>{address}</span> : null}
              </dd>
            </div>
          </dl>
          <ul className={styles.infoLinks}>
            {map ? (
              <li>
                <a href={map} rel="noopener" data-testid="map-link">
                  <Icon name="pin" size={18} />
                  {t.site.viewOnMap}
                </a>
              </li>
            ) : null}
            {venueHref ? (
              <li>
                <Link href={venueHref} data-testid="directions-link">
                  <Icon name="directions" size={18} />
                  {t.site.directions}
                </Link>
              </li>
            ) : null}
            <li>
              <a href={edition.links.agenda_ics}>
                <Icon name="download" size={18} />
                {t.addToCalendar}
              </a>
            </li>
          </ul>
        </aside>
      </section>

      {organisers.length || patrons.length ? (
        <section className={styles.organisers} aria-labelledby="organisers">
          <h2 id="organisers" className={styles.stripTitle}>
            {t.site.organisedBy}
          </h2>
          <div className={styles.organiserList}>
            {[...patrons, ...organisers].map((group) => (
              <section key={group.role} data-role={group.role} aria-labelledby={`role-${group.role}`} className={styles.organiserGroup}>
                <h3 id={`role-${group.role}`} className={styles.roleLabel}>
                  {group.role_label}
                </h3>
                <ul className="row-list">
                  {group.partners.map((p) => (
                    <li key={p.organisation.id}>
                      <PartnerLogo partner={p} size="logo_small" />
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
        </section>
      ) : null}

      {stats.length ? (
        <ul className={styles.stats} aria-label={t.site.aboutEdition}>
          {stats.map(({ key, n }) => (
            <li key={key}>
              <strong>{n}</strong>
              <span>{plural(n, t.site.stats[key] ?? ["", ""])}</span>
            </li>
          ))}
        </ul>
      ) : null}

      {edition.intro || edition.topics.length ? (
        <section className={`section ${styles.about}`} aria-labelledby="about-edition">
          <div>
            <h2 id="about-edition">{t.site.aboutEdition}</h2>
            <RichText html={edition.intro} className="prose" />
            {aboutPage ? (
              <p>
                <Link href={links.content(locale, edition.year, aboutPage.slug)} className={styles.more}>
                  {aboutPage.title}
                  <Icon name="arrow" size={18} />
                </Link>
              </p>
            ) : null}
          </div>
          {edition.topics.length ? (
            <div>
              <h3>{t.site.topics}</h3>
              <ul className={styles.topics}>
                {edition.topics.map((topic) => (
                  <li key={topic.id} className="chip">
                    {topic.name}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      ) : null}

      {highlights.length ? (
        <section className="section" aria-labelledby="highlights">
          <div className="section-head">
            <h2 id="highlights">{t.site.highlights}</h2>
            <Link href={links.agenda(locale, edition.year)}>{t.site.fullProgramme} →</Link>
          </div>
          <ol className={styles.highlights} data-testid="highlights">
            {highlights.map((s) => (
              <li key={s.id} className={styles.highlight} style={s.track?.color ? ({ "--track": s.track.color } as CSSProperties) : undefined}>
                <p className={styles.when}>
                  <Icon name="clock" size={16} />
                  <span>
                    {formatDay(dayKey(s.start), locale)}, <time dateTime={s.start}>{formatTimeRange(s.start, s.end, locale)}</time>
                  </span>
                </p>
                <h3 className={styles.sessionTitle}>
                  <Link href={links.content(locale, s.year, s.slug)}>{s.title}</Link>
                </h3>
                <p className={styles.sessionMeta}>
                  <span className="chip">{s.type_label}</span>
                  {s.room ? <span className={styles.room}>{s.room.name}</span> : null}
                </p>
                {s.speakers.length ? (
                  <ul className={styles.faces} aria-label={t.speakersTitle}>
                    {s.speakers.slice(0, 4).map((p) => (
                      <li key={`${p.id}-${p.role}`}>
                        {p.photo ? <img src={p.photo} alt="" width={32} height={32} loading="lazy" decoding="async" /> : null}
                        <span>{p.name}</span>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {speakers.length ? (
        <section className="section" aria-labelledby="key-speakers">
          <div className="section-head">
            <h2 id="key-speakers">{t.keySpeakers}</h2>
            <Link href={`${links.speakers(locale)}?year=${edition.year}`}>{t.allSpeakers} →</Link>
          </div>
          <ul className={styles.speakers}>
            {speakers.map((p) => (
              <li key={p.guid}>
                <SpeakerCard
                  href={links.speaker(locale, p.id)}
                  name={p.name}
                  photo={p.photo}
                  layout="tile"
                  subtitle={[p.job_title, p.organisation?.name].filter(Boolean).join(", ")}
                />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {news.length ? (
        <section className="section" aria-labelledby="edition-news">
          <div className="section-head">
            <h2 id="edition-news">{t.site.latestNews}</h2>
            <Link href={links.news(locale)}>{t.site.allNews} →</Link>
          </div>
          <ul className="cards">
            {news.map((p) => (
              <li key={p.id} className={`card ${styles.news}`}>
                {p.date ? (
                  <p className={styles.newsDate}>
                    <time dateTime={p.date}>{formatDay(p.date, locale)}</time>
                  </p>
                ) : null}
                <h3>
                  <Link href={links.content(locale, edition.year, p.slug)}>{p.title}</Link>
                </h3>
                {p.intro ? <p className="muted small">{p.intro}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {others.length ? (
        <section className="section" aria-labelledby="partners">
          <div className="section-head">
            <h2 id="partners">{t.site.partnersOf}</h2>
            <Link href={links.partners(locale, edition.year)}>{t.site.allPartners} →</Link>
          </div>
          <div className={styles.partnerStrip}>
            {others.flatMap((group) =>
              byTier(group.partners).map(({ tier, partners }) => (
                <div key={`${group.role}-${tier}`} className={styles.partnerTier} data-role={group.role} data-tier={tier || "none"}>
                  <h3 className={styles.partnerTierTitle}>{tier ? (t.site.tiers[tier] ?? tier) : group.role_label}</h3>
                  <ul>
                    {partners.map((p) => (
                      <li key={p.organisation.id}>
                        <PartnerLogo partner={p} size={tier === "platinum" || tier === "gold" ? "logo" : "logo_small"} />
                      </li>
                    ))}
                  </ul>
                </div>
              )),
            )}
          </div>
        </section>
      ) : null}

      <section className={`section ${styles.venue}`} aria-labelledby="venue">
        <div>
          <h2 id="venue">{t.site.venueTitle}</h2>
          <p className={styles.venueName}>{v.name}</p>
          {address ? <p className="muted">{address}</p> : null}
          <p className="cluster">
            {venueHref ? (
              <Link className="button" href={venueHref}>
                <Icon name="directions" size={18} />
                {t.site.directions}
              </Link>
            ) : null}
            {map ? (
              <a className="button button-secondary" href={map} rel="noopener">
                <Icon name="pin" size={18} />
                {t.site.viewOnMap}
              </a>
            ) : null}
          </p>
        </div>
        {open ? (
          <div className={styles.venueCta}>
            <p className={styles.venueCtaTitle}>{t.site.registrationOpen}</p>
            <a className="button button-accent button-large" href={edition.registration_url}>
              {t.site.register}
            </a>
          </div>
        ) : null}
      </section>
    </article>
  );
}
