"use client";
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import { buildGrid, filterOptions, filterSessions, groupByDay, isDuringEvent, nowNext, type AgendaFilters, type AgendaSession, type AgendaTopic } from "@/lib/agenda";
import type { Dictionary, Locale } from "@/lib/i18n";
import { links } from "@/lib/links";
import { dayKey, formatDay, formatTime, formatTimeRange } from "@/lib/time";
import { StarButton } from "./StarButton";
import { starredOf } from "./starredOf";

export type View = "grid" | "list" | "now";

interface Props {
  locale: Locale;
  t: Dictionary;
  sessions: AgendaSession[];
  /** Names and slugs of the sessions' topic ids. */
  topics: AgendaTopic[];
  initial: { day?: string; view?: View; filters: AgendaFilters; now: string; fixedNow: boolean };
}

function SessionLine({ s, locale, t }: { s: AgendaSession; locale: Locale; t: Dictionary }) {
  return (
    <li data-testid="agenda-item" data-session-id={s.id}>
      <span className="when">
        <time dateTime={s.start}>{formatTimeRange(s.start, s.end, locale)}</time>
        {s.room ? <div className="muted">{s.room.name}</div> : null}
      </span>
      <span>
        <Link href={links.content(locale, s.year, s.slug)}>{s.title}</Link>
        <div>
          <span className="tag">{s.type_label}</span>
          {s.track ? <span className="tag">{s.track.name}</span> : null}
          {s.language ? <span className="tag">{t.languages[s.language] ?? s.language}</span> : null}
        </div>
        {s.speakers.length ? <div className="muted">{s.speakers.map((sp) => sp.name).join(", ")}</div> : null}
      </span>
      <StarButton session={starredOf(s)} labels={t} />
    </li>
  );
}

export function AgendaView({ locale, t, sessions, topics, initial }: Props) {
  const days = useMemo(() => groupByDay(sessions), [sessions]);
  const options = useMemo(() => filterOptions(sessions, topics), [sessions, topics]);
  const [now, setNow] = useState(() => new Date(initial.now));
  const during = isDuringEvent(sessions, now);
  const [view, setView] = useState<View>(initial.view ?? (during ? "now" : "grid"));
  const [day, setDay] = useState<string>(
    initial.day && days.some((d) => d.day === initial.day) ? initial.day : (days[0]?.day ?? ""),
  );
  const [filters, setFilters] = useState<AgendaFilters>(initial.filters);

  useEffect(() => {
    if (initial.fixedNow) return;
    const timer = window.setInterval(() => setNow(new Date()), 60_000);
    return () => window.clearInterval(timer);
  }, [initial.fixedNow]);

  // Keep the state in the address, so that a link (and the language switch) keeps it.
  useEffect(() => {
    const url = new URL(window.location.href);
    const set = (k: string, v?: string) => (v ? url.searchParams.set(k, v) : url.searchParams.delete(k));
    set("view", view);
    set("day", day);
    set("track", filters.track);
    set("type", filters.type);
    set("topic", filters.topic);
    set("language", filters.language);
    if (url.href !== window.location.href) window.history.replaceState(null, "", url);
  }, [view, day, filters]);

  const current = days.find((d) => d.day === day);
  const visible = filterSessions(current?.sessions ?? [], filters, topics);
  const grid = buildGrid(visible);
  const nn = nowNext(filterSessions(sessions, filters, topics), now);

  const select = (key: keyof AgendaFilters, label: string, items: { value: string; label: string }[]) => (
    <label>
      {label}
      <select value={filters[key] ?? ""} onChange={(e) => setFilters({ ...filters, [key]: e.target.value || undefined })} data-testid={`filter-${key}`}>
        <option value="">{t.all}</option>
        {items.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div data-testid="agenda">
      <div className="tabs" role="group" aria-label={t.agenda}>
        {(["grid", "list", "now"] as const).map((v) => (
          <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)} data-testid={`view-${v}`}>
            {v === "grid" ? t.grid : v === "list" ? t.list : t.nowNext}
          </button>
        ))}
      </div>
      <fieldset className="filters" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="muted">{t.filters}</legend>
        {select("track", t.track, options.tracks)}
        {select("type", t.type, options.types)}
        {select("topic", t.topic, options.topics)}
        {select("language", t.language, options.languages.map((l) => ({ value: l, label: t.languages[l] ?? l })))}
      </fieldset>
      {view !== "now" ? (
        <div className="tabs" role="group" aria-label={t.day}>
          {days.map((d, i) => (
            <button key={d.day} type="button" aria-pressed={d.day === day} onClick={() => setDay(d.day)} data-testid="day-tab">
              {t.day} {i + 1}: {formatDay(d.day, locale)}
            </button>
          ))}
        </div>
      ) : null}

      {view === "now" ? (
        <section data-testid="now-next">
          <h2>{t.now}</h2>
          <p className="muted">
            <time dateTime={now.toISOString()}>{formatDay(dayKey(now), locale)} {formatTime(now.toISOString(), locale)}</time> (Europe/Sofia)
          </p>
          {nn.now.length ? (
            <ol className="sessions" data-testid="now-list">
              {nn.now.map((s) => (
                <SessionLine key={s.id} s={s} locale={locale} t={t} />
              ))}
            </ol>
          ) : (
            <p>{t.nothingNow}</p>
          )}
          <h2>{t.next}</h2>
          {nn.next.length ? (
            <ol className="sessions" data-testid="next-list">
              {nn.next.map((s) => (
                <SessionLine key={s.id} s={s} locale={locale} t={t} />
              ))}
            </ol>
          ) : (
            <p>{t.nothingNext}</p>
          )}
        </section>
      ) : !visible.length ? (
        <p>{t.noSessions}</p>
      ) : view === "list" ? (
        <ol className="sessions" data-testid="agenda-list">
          {visible.map((s) => (
            <SessionLine key={s.id} s={s} locale={locale} t={t} />
          ))}
        </ol>
      ) : (
        <div className="grid-wrap" tabIndex={0} role="region" aria-label={t.grid}>
          <table className="grid" data-testid="agenda-grid">
            <caption className="muted" style={{ textAlign: "left" }}>
              {t.agenda}: {formatDay(day, locale, true)}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t.time}</th>
                {grid.rooms.map((r) => (
                  <th scope="col" key={r.id}>
                    {r.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {grid.rows.map((row) => (
                <tr key={row.start}>
                  <th scope="row">{formatTime(row.start, locale)}</th>
                  {row.cells.map((cell, i) =>
                    cell === "covered" ? null : cell === null ? (
                      <td key={i} />
                    ) : (
                      <td key={i} rowSpan={cell.span} data-testid="grid-cell" data-session-id={cell.session.id}>
                        <div className="slot" style={{ ["--track" as string]: cell.session.track?.color ?? undefined }}>
                          <Link href={links.content(locale, cell.session.year, cell.session.slug)}>{cell.session.title}</Link>
                          <div className="muted">
                            {formatTimeRange(cell.session.start, cell.session.end, locale)} · {cell.session.type_label}
                          </div>
                          <StarButton session={starredOf(cell.session)} labels={t} />
                        </div>
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
