import { Breadcrumbs } from "./Breadcrumbs";
import type { CSSProperties } from "react";
import type { Locale } from "@/lib/i18n";
import { capitalise, dictionary } from "@/lib/i18n";
import { links } from "@/lib/links";
import type { SessionDetail } from "@/lib/schemas";
import { dayKey, formatDay, formatTimeRange } from "@/lib/time";
import { Icon } from "./Icon";
import { JsonLd } from "./JsonLd";
import { RichText } from "./RichText";
import styles from "./SessionView.module.css";
import { SpeakerCard } from "./SpeakerCard";
import { StarButton } from "./StarButton";
import { starredOf } from "./starredOf";

export function SessionView({ locale, session }: { locale: Locale; session: SessionDetail }) {
  const t = dictionary(locale);
  const trackStyle = session.track?.color ? ({ "--track": session.track.color } as CSSProperties) : undefined;
  return (
    <article data-testid="session" data-session-id={session.id} className={styles.page} style={trackStyle}>
      <JsonLd data={session.jsonld} />
      <Breadcrumbs
        label={t.site.breadcrumb}
        items={[
          { href: links.edition(locale, session.year), text: `${t.edition} ${session.year}` },
          { href: links.agenda(locale, session.year), text: t.nav.agenda },
        ]}
      />

      {session.cancelled ? (
        <p className={styles.notice} data-testid="session-cancelled">
          {t.sessionCancelled}
        </p>
      ) : null}

      <header className={styles.head}>
        <p className={styles.chips}>
          <span className="chip">{session.type_label}</span>
          {session.track ? (
            <span className="chip">
              <span className="chip-dot" aria-hidden="true" />
              {session.track.name}
            </span>
          ) : null}
          {session.language ? <span className="chip">{t.languages[session.language] ?? session.language}</span> : null}
        </p>
        <div className={styles.titleRow}>
          {session.cancelled ? (
            <h1>
              <s>{session.title}</s> <span className={styles.cancelled}>{t.cancelled}</span>
            </h1>
          ) : (
            <h1>{session.title}</h1>
          )}
          <StarButton session={starredOf(session)} labels={t} />
        </div>
      </header>

      {/* The details first in the page's order: on phones they stand above the text, beside it from
          960px (placed there), so nothing is pushed down while the page loads. */}
      <div className={styles.layout}>
        <aside className={styles.side} aria-label={t.site.sessionDetails}>
          <dl className={styles.facts}>
            <div>
              <dt>
                <Icon name="calendar" size={18} />
                {t.site.when}
              </dt>
              <dd>
                {formatDay(dayKey(session.start), locale, true)}
                <br />
                <time dateTime={session.start} className={styles.time}>
                  {formatTimeRange(session.start, session.end, locale)}
                </time>
              </dd>
            </div>
            {session.room ? (
              <div>
                <dt>
                  <Icon name="pin" size={18} />
                  {t.room}
                </dt>
                <dd>{session.room.name}</dd>
              </div>
            ) : null}
          </dl>
          <p className={styles.actions}>
            <a className="button button-secondary" href={session.calendar_url}>
              <Icon name="download" size={18} />
              {t.addToCalendar}
            </a>
          </p>
          {session.topics.length ? (
            <div className={styles.topics}>
              <h2>{t.site.topics}</h2>
              <p>
                {session.topics.map((topic) => (
                  <span key={topic.id} className="tag">
                    {topic.name}
                  </span>
                ))}
              </p>
            </div>
          ) : null}
        </aside>

        <div className={styles.main}>
          <RichText html={session.abstract} />
          {session.speakers.length ? (
            <section aria-labelledby="session-speakers" className={styles.block}>
              <h2 id="session-speakers">{t.speakersTitle}</h2>
              <ul className={styles.speakers}>
                {session.speakers.map(({ role, person }) => (
                  <li key={`${role}-${person.guid}`}>
                    <SpeakerCard
                      href={links.speaker(locale, person.id)}
                      name={person.name}
                      photo={person.photo}
                      subtitle={[person.job_title, person.organisation?.name].filter(Boolean).join(", ")}
                    >
                      <span className="chip">{capitalise(t.role[role] ?? role)}</span>
                    </SpeakerCard>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {session.materials.length ? (
            <section aria-labelledby="materials" className={styles.block}>
              <h2 id="materials">{t.materials}</h2>
              <ul className={styles.materials}>
                {session.materials.map((m) => (
                  <li key={m.url}>
                    <a href={m.url}>
                      <Icon name={m.kind === "document" ? "download" : "external"} size={18} />
                      {m.title || m.kind}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>

      </div>
    </article>
  );
}
