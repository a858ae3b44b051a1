"use client";
import Link from "next/link";
import { isBreak, type AgendaSession } from "@/lib/agenda";
import type { Dictionary, Locale } from "@/lib/i18n";
import { links } from "@/lib/links";
import { formatTime } from "@/lib/time";
import styles from "./AgendaSessionCard.module.css";

export type Mark = "now" | "next";

/** What every card of one agenda shares: language, labels, now/next marks and the starred set. */
export interface CardContext {
  locale: Locale;
  t: Dictionary;
  timeZone: string;
  marks: Map<number, Mark>;
  starred: Set<string>;
  starReady: boolean;
  toggleStar: (s: AgendaSession) => void;
}

/** "09:30–10:15" in the edition's time zone. */
export function timeRange(s: { start: string; end: string }, locale: string, timeZone: string): string {
  return `${formatTime(s.start, locale, timeZone)}–${formatTime(s.end, locale, timeZone)}`;
}

const LANGUAGE_CODES: Record<string, string> = { bg: "BG", en: "EN", "bg-en": "BG/EN" };

function Badge({ mark, t }: { mark: Mark | undefined; t: Dictionary }) {
  if (!mark) return null;
  return (
    <span className={styles.badge} data-mark={mark} data-testid="mark">
      {mark === "now" ? t.now : t.next}
    </span>
  );
}

/** The star of one session: the same button as StarButton, fed by one store for the whole agenda. */
function Star({ s, ctx }: { s: AgendaSession; ctx: CardContext }) {
  const on = ctx.starred.has(s.guid);
  return (
    <button
      type="button"
      className={`star ${styles.star}`}
      aria-pressed={on}
      disabled={!ctx.starReady}
      aria-label={`${on ? ctx.t.unstar : ctx.t.star}: ${s.title}`}
      title={on ? ctx.t.unstar : ctx.t.star}
      data-testid="star"
      onClick={() => ctx.toggleStar(s)}
    >
      <span aria-hidden="true">{on ? "★" : "☆"}</span>
    </button>
  );
}

/** A break (registration, coffee, lunch): one slim line, no star, no language, no link. */
export function BreakLine({ s, ctx, roomText, variant }: { s: AgendaSession; ctx: CardContext; roomText?: string; variant: "grid" | "list" }) {
  const mark = ctx.marks.get(s.id);
  return (
    <div className={styles.break} data-mark={mark} data-variant={variant}>
      <time dateTime={s.start} className={styles.time}>
        {timeRange(s, ctx.locale, ctx.timeZone)}
      </time>
      <span className={styles.breakTitle}>{s.title}</span>
      {roomText ? <span className={styles.muted}>{roomText}</span> : null}
      <Badge mark={mark} t={ctx.t} />
    </div>
  );
}

/**
 * One session: time range, title linking to its page, type, language, room, speakers with their
 * organisations, the track's colour bar and name, a now/next badge and the star.
 * `roomVisible`: the room in plain sight (list) or for screen readers only (grid: the column says it).
 */
export function SessionCard({
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
  const mark = ctx.marks.get(s.id);
  const style = s.track?.color ? ({ "--track": s.track.color } as React.CSSProperties) : undefined;
  return (
    <article className={styles.card} data-mark={mark} data-variant={variant} style={style}>
      <div className={styles.top}>
        <time dateTime={s.start} className={styles.time}>
          {timeRange(s, locale, ctx.timeZone)}
        </time>
        <Badge mark={mark} t={t} />
        <Star s={s} ctx={ctx} />
      </div>
      <h3 className={styles.title}>
        <Link href={links.content(locale, s.year, s.slug)}>{s.title}</Link>
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
              {sp.organisation ? <span className={styles.org}> ({sp.organisation})</span> : null}
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
}
