import Link from "next/link";
import type { Locale } from "@/lib/i18n";
import { dictionary } from "@/lib/i18n";
import { links } from "@/lib/links";
import type { SessionDetail } from "@/lib/schemas";
import { formatDay, formatTimeRange, dayKey } from "@/lib/time";
import { JsonLd } from "./JsonLd";
import { Picture } from "./Picture";
import { RichText } from "./RichText";
import { StarButton } from "./StarButton";
import { starredOf } from "./starredOf";

export function SessionView({ locale, session }: { locale: Locale; session: SessionDetail }) {
  const t = dictionary(locale);
  return (
    <article data-testid="session" data-session-id={session.id}>
      <JsonLd data={session.jsonld} />
      <p>
        <Link href={links.agenda(locale, session.year)}>
          {t.agenda} {session.year}
        </Link>
      </p>
      <h1>
        {session.title} <StarButton session={starredOf(session)} labels={t} />
      </h1>
      <p>
        <span className="tag">{session.type_label}</span>
        {session.track ? (
          <span className="tag" style={{ borderColor: session.track.color }}>
            {session.track.name}
          </span>
        ) : null}
        {session.language ? <span className="tag">{t.languages[session.language] ?? session.language}</span> : null}
      </p>
      <p>
        <strong>{formatDay(dayKey(session.start), locale, true)}</strong>,{" "}
        <time dateTime={session.start}>{formatTimeRange(session.start, session.end, locale)}</time>
        {session.room ? ` · ${session.room.name}` : ""}
      </p>
      <RichText html={session.abstract} />
      {session.speakers.length ? (
        <section aria-labelledby="session-speakers">
          <h2 id="session-speakers">{t.speakersTitle}</h2>
          <ul className="cards">
            {session.speakers.map(({ role, person }) => (
              <li key={`${role}-${person.guid}`} className="card person">
                <Picture image={person.photo} size="thumbnail" alt="" />
                <div>
                  <Link href={links.speaker(locale, person.id)}>{person.name}</Link>
                  <div className="muted">
                    {t.role[role] ?? role}
                    {person.job_title ? ` · ${person.job_title}` : ""}
                    {person.organisation ? `, ${person.organisation.name}` : ""}
                  </div>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {session.topics.length ? (
        <p>
          {session.topics.map((topic) => (
            <span key={topic.id} className="tag">
              {topic.name}
            </span>
          ))}
        </p>
      ) : null}
      {session.materials.length ? (
        <section aria-labelledby="materials">
          <h2 id="materials">{t.materials}</h2>
          <ul>
            {session.materials.map((m) => (
              <li key={m.url}>
                <a href={m.url}>{m.title || m.kind}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <a href={session.calendar_url}>{t.addToCalendar}</a>
      </p>
    </article>
  );
}
