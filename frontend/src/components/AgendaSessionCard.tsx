"use client";
import { createContext, memo, useContext } from "react";
import { isBreak, sessionTimes, type AgendaSession } from "@/lib/agenda";
import type { AgendaText, Locale } from "@/lib/i18n";
import { links } from "@/lib/links";
import styles from "./AgendaSessionCard.module.css";

export type Mark = "now" | "next";

/** What every card of one agenda shares: language, labels and the now/next marks. */
export interface CardContext {
  locale: Locale;
  t: AgendaText;
  timeZone: string;
  marks: Map<number, Mark>;
}

/** The visitor's starred sessions, read in the browser after the agenda starts: only the stars
 * follow it, so reading them (or a change in another tab) re-renders no card. */
export interface Stars {
  starred: Set<string>;
  ready: boolean;
  toggle: (s: AgendaSession) => void;
}

export const StarsContext = createContext<Stars>({ starred: new Set(), ready: false, toggle: () => {} });


const LANGUAGE_CODES: Record<string, string> = { bg: "BG", en: "EN", "bg-en": "BG/EN" };

function Badge({ mark, t }: { mark: Mark | undefined; t: AgendaText }) {
  if (!mark) return null;
  return (
    <span className={styles.badge} data-mark={mark} data-testid="mark">
      {mark === "now" ? t.now : t.next}
    </span>
  );
}

/** The star of one session: the same button as StarButton, fed by one store for the whole agenda. */
function Star({ s, t }: { s: AgendaSession; t: AgendaText }) {
  const stars = useContext(StarsContext);
  const on = stars.starred.has(s.guid);
  return (
    <button
      type="button"
      className={`star ${styles.star}`}
      aria-pressed={on}
      disabled={!stars.ready}
      aria-label={`${on ? t.unstar : t.star}: ${s.title}`}
      title={on ? t.unstar : t.star}
      data-testid="star"
      onClick={() => stars.toggle(s)}
    >
      <span aria-hidden="true">{on ? "★" : "☆"}</span>
    </button>
  );
}

/** "Cancelled" in words beside the struck title: screen readers say it, print shows it. */
function CancelledBadge({ t }: { t: AgendaText }) {
  return (
    <span className={styles.cancelled} data-testid="cancelled">
      {t.cancelled}
    </span>
  );
}

/** A break (registration, coffee, lunch): one slim line, no star, no language, no link. */
export function BreakLine({ s, ctx, roomText, variant }: { s: AgendaSession; ctx: CardContext; roomText?: string; variant: "grid" | "list" }) {
  const mark = s.cancelled ? undefined : ctx.marks.get(s.id);
  return (
    <div className={styles.break} data-mark={mark} data-variant={variant} data-cancelled={s.cancelled || undefined}>
      <time dateTime={s.start} className={styles.time}>
        {sessionTimes(s, ctx.timeZone)}
      </time>
      <span className={styles.breakTitle}>{s.cancelled ? <s>{s.title}</s> : s.title}</span>
      {s.cancelled ? <CancelledBadge t={ctx.t} /> : null}
      {roomText ? <span className={styles.muted}>{roomText}</span> : null}
      <Badge mark={mark} t={ctx.t} />
    </div>
  );
}

/**
 * One session: time range, title linking to its page, type, language, room, speakers with their
 * organisations, the track's colour bar and name, a now/next badge and the star. A cancelled
 * session keeps its place: its title struck through, a "cancelled" badge, never now or next.
 * `roomVisible`: the room in plain sight (list) or for screen readers only (grid: the column says it).
 */
export const SessionCard = memo(function SessionCard({
  s,
  ctx,
  roomText,
  roomVisible,
  variant,
}: {
  s: AgendaSession;
  ctx: CardContext;
  roomText?: string;
  roomVisible: boolean;
  variant: "grid" | "list";
}) {
  const { t, locale } = ctx;
  if (isBreak(s)) return <BreakLine s={s} ctx={ctx} roomText={roomVisible ? roomText : undefined} variant={variant} />;
  const mark = s.cancelled ? undefined : ctx.marks.get(s.id);
  const style = s.track?.color ? ({ "--track": s.track.color } as React.CSSProperties) : undefined;
  return (
    <article className={styles.card} data-mark={mark} data-variant={variant} data-cancelled={s.cancelled || undefined} style={style}>
      <div className={styles.top}>
        <time dateTime={s.start} className={styles.time}>
          {sessionTimes(s, ctx.timeZone)}
        </time>
        <Badge mark={mark} t={t} />
        <Star s={s} t={t} />
      </div>
      <h3 className={styles.title}>
        {/* A plain link: the agenda follows its marked links (useAgendaLinks), one listener for all. */}
        <a href={links.content(locale, s.year, s.slug)} data-agenda-link="">
          {s.cancelled ? <s>{s.title}</s> : s.title}
        </a>
        {s.cancelled ? (
          <>
            {" "}
            <CancelledBadge t={t} />
          </>
        ) : null}
      </h3>
      <p className={styles.meta}>
        <span>{s.type_label}</span>
        {s.language ? (
          <span className={styles.lang}>
            <span aria-hidden="true">{LANGUAGE_CODES[s.language] ?? s.language.toUpperCase()}</span>
            <span className={styles.sr}>
              {t.language}: {t.languages[s.language] ?? s.language}
            </span>
          </span>
        ) : null}
        {roomText ? <span className={roomVisible ? styles.room : styles.sr}>{roomText}</span> : null}
      </p>
      {s.speakers.length ? (
        <p className={styles.speakers}>
          {s.speakers.map((sp, i) => (
            <span key={`${sp.id}-${sp.role}`}>
              {i ? ", " : ""}
              <span className={styles.speaker}>{sp.name}</span>
              {sp.organisation ? <span className={styles.org}> ({sp.organisation.name})</span> : null}
            </span>
          ))}
        </p>
      ) : null}
      {s.track ? (
        <p className={styles.track}>
          <span className={styles.swatch} aria-hidden="true" />
          {s.track.name}
        </p>
      ) : null}
    </article>
  );
});
