"use client";
import { startTransition, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import {
  filterSessions,
  groupByDay,
  initialDay,
  jumpTarget,
  nowNextMarks,
  roomOrder,
  roomsUsed,
  sessionDay,
  todayIn,
  type DayLabel,
  type FilterOptions,
  type AgendaFilters as Filters,
  type AgendaRoomRef,
  type AgendaSession,
  type AgendaTopic,
} from "@/lib/agenda";
import type { AgendaText, Locale } from "@/lib/i18n";
import { AgendaFilters } from "./AgendaFilters";
import { AgendaGrid } from "./AgendaGrid";
import { AgendaList } from "./AgendaList";
import { StarsContext, type CardContext, type Stars } from "./AgendaSessionCard";
import { starredOf } from "./starredOf";
import { useAgendaLinks } from "./useAgendaLinks";
import { useStarred } from "./useStarred";
import styles from "./AgendaView.module.css";

export type View = "grid" | "list";

interface Props {
  locale: Locale;
  t: AgendaText;
  sessions: AgendaSession[];
  /** Names and slugs of the sessions' topic ids. */
  topics: AgendaTopic[];
  /** The edition's rooms in their order (the grid's columns, every day the same). */
  rooms: AgendaRoomRef[];
  /** The edition's tracks, for the legend. */
  tracks: { slug: string; name: string; color: string }[];
  /** The edition's time zone: days, times and "now" are read in it. */
  timeZone: string;
  /** The filter menus' choices (filterOptions), sorted for the page's language where it is made. */
  options: FilterOptions;
  /** Each day's tab and heading labels (dayLabels), made with the page so the browser needs no Intl to start. */
  dayLabels: Record<string, DayLabel>;
  initial: { day?: string; view?: View; filters: Filters; now: string; fixedNow: boolean };
}

const PHONE = "(max-width: 639px)";

/**
 * The agenda: day tabs (sticky, dated), a room grid on wider screens and a list on phones (either
 * can be chosen; ?view= keeps the choice), filters folded into one control on phones, a track
 * legend, and during the event "now" and "next" marks with a button that jumps to them. Before
 * it runs in the browser both views are in the page and CSS shows the one that fits the screen,
 * so nothing moves when it starts; print shows the list of every day.
 */
export function AgendaView({ locale, t, sessions, topics, rooms, tracks, timeZone, options, dayLabels: labels, initial }: Props) {
  const days = useMemo(() => groupByDay(sessions, timeZone), [sessions, timeZone]);
  const dayList = useMemo(() => days.map((d) => d.day), [days]);
  const order = useMemo(() => roomOrder(rooms, sessions), [rooms, sessions]);

  const [now, setNow] = useState(() => new Date(initial.now));
  const [view, setView] = useState<View | "auto">(initial.view ?? "auto");
  const [phone, setPhone] = useState<boolean | null>(null);
  const explicitDay = !!initial.day && dayList.includes(initial.day);
  const [day, setDay] = useState(() => initialDay(dayList, initial.day, new Date(initial.now), timeZone));
  const [dayChosen, setDayChosen] = useState(explicitDay);
  const [filters, setFilters] = useState<Filters>(initial.filters);
  /** A session to bring into view: by the button (focus follows), or on arrival (only if off screen). */
  const [jump, setJump] = useState<{ id: number; arrival: boolean } | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const barRef = useRef<HTMLDivElement>(null);
  const { starred, toggle, ready } = useStarred();
  useAgendaLinks(rootRef);

  // The browser's clock (a test may fix it with ?now=): today's tab during the event, a tick a minute.
  useEffect(() => {
    const read = () => (initial.fixedNow ? new Date(initial.now) : new Date());
    // The same minute as the page's clock changes nothing on screen: no new render.
    const tick = (at: Date) => setNow((prev) => (Math.floor(prev.getTime() / 60_000) === Math.floor(at.getTime() / 60_000) ? prev : at));
    const first = read();
    // What the browser's clock changes on arrival is rendered as a transition: in slices, so the
    // page stays free to answer the visitor while it starts.
    startTransition(() => {
      tick(first);
      if (explicitDay) return;
      const today = todayIn(dayList, first, timeZone);
      if (!today) return;
      setDay(today);
      // Arriving during the event: what runs now (or comes next) is brought into view.
      const target = window.location.hash ? undefined : jumpTarget(filterSessions(sessions, initial.filters, topics, rooms), first);
      if (target && sessionDay(target, timeZone) === today) setJump({ id: target.id, arrival: true });
    });
    if (initial.fixedNow) return;
    const timer = window.setInterval(() => tick(read()), 60_000);
    return () => window.clearInterval(timer);
    // Once, on arrival: later ticks must not move the visitor to another tab.
  }, []);

  useEffect(() => {
    const query = window.matchMedia(PHONE);
    const update = () => setPhone(query.matches);
    startTransition(update);
    query.addEventListener("change", update);
    return () => query.removeEventListener("change", update);
  }, []);

  // The sticky bar's height, for what sticks below it (the grid's room heads) and for jumps; and
  // the site header's, when the header itself sticks to the top (the bar then stops below it).
  useEffect(() => {
    const bar = barRef.current;
    const root = rootRef.current;
    if (!bar || !root || typeof ResizeObserver === "undefined") return;
    const header = document.querySelector<HTMLElement>("body > header");
    const measure = () => {
      root.style.setProperty("--agenda-bar-h", `${Math.ceil(bar.getBoundingClientRect().height)}px`);
      const position = header ? getComputedStyle(header).position : "static";
      const top = header && (position === "sticky" || position === "fixed") ? Math.ceil(header.getBoundingClientRect().height) : 0;
      root.style.setProperty("--agenda-sticky-top", `${top}px`);
    };
    const observer = new ResizeObserver(measure);
    observer.observe(bar);
    if (header) observer.observe(header);
    return () => observer.disconnect();
  }, []);

  // The state in the address, so that a link (and the language switch) keeps it.
  useEffect(() => {
    const url = new URL(window.location.href);
    const set = (k: string, v?: string) => (v ? url.searchParams.set(k, v) : url.searchParams.delete(k));
    set("view", view === "auto" ? undefined : view);
    set("day", dayChosen ? day : undefined);
    set("track", filters.track);
    set("type", filters.type);
    set("topic", filters.topic);
    set("language", filters.language);
    set("room", filters.room);
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url);
  }, [view, day, dayChosen, filters]);

  const visible = useMemo(() => filterSessions(sessions, filters, topics, rooms), [sessions, filters, topics, rooms]);
  const today = todayIn(dayList, now, timeZone);
  const marks = useMemo(() => (today ? nowNextMarks(visible, now) : new Map<number, "now" | "next">()), [today, visible, now]);
  const target = today ? jumpTarget(visible, now) : undefined;

  const starredSet = useMemo(() => new Set(starred.map((s) => s.guid)), [starred]);
  const toggleStar = useCallback((s: AgendaSession) => toggle(starredOf(s)), [toggle]);
  const stars: Stars = useMemo(() => ({ starred: starredSet, ready, toggle: toggleStar }), [starredSet, ready, toggleStar]);
  // Stable between renders, so the views (memoised) render again only when what they show changes.
  const ctx: CardContext = useMemo(() => ({ locale, t, timeZone, marks }), [locale, t, timeZone, marks]);

  const byDay = useMemo(() => {
    const map = new Map<string, AgendaSession[]>(dayList.map((d) => [d, []]));
    for (const s of visible) map.get(sessionDay(s, timeZone))?.push(s);
    return map;
  }, [visible, dayList, timeZone]);
  // Every room used that day (filters other than the room one leave the columns alone).
  const dayRooms = useMemo(() => {
    const current = days.find((d) => d.day === day);
    return filters.room ? order.filter((r) => rooms.some((x) => x.key === filters.room && x.id === r.id)) : roomsUsed(order, current?.sessions ?? []);
  }, [days, day, filters.room, order, rooms]);
  const daySessions = useMemo(() => byDay.get(day) ?? [], [byDay, day]);
  const dayHasSessions = daySessions.some((s) => s.type !== "break");

  // Jump: the target's day, then its item in the view on screen, scrolled to (and, by the button,
  // focused). On arrival nothing moves when the item is already on the first screen.
  useEffect(() => {
    if (jump === null) return;
    const items = rootRef.current?.querySelectorAll<HTMLElement>(`[data-session-id="${jump.id}"]`) ?? [];
    const item = [...items].find((el) => el.getClientRects().length > 0);
    if (!item) return;
    setJump(null);
    const box = item.getBoundingClientRect();
    if (jump.arrival && box.top >= 0 && box.bottom <= window.innerHeight) return;
    const smooth = !jump.arrival && !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    item.scrollIntoView({ block: "start", behavior: smooth ? "smooth" : "auto" });
    if (!jump.arrival) item.querySelector<HTMLElement>("a[href]")?.focus({ preventScroll: true });
  }, [jump, day]);

  const chooseDay = (d: string) => {
    setDay(d);
    setDayChosen(true);
  };
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const to = e.key === "ArrowRight" ? index + 1 : e.key === "ArrowLeft" ? index - 1 : e.key === "Home" ? 0 : e.key === "End" ? dayList.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    const next = dayList[(to + dayList.length) % dayList.length]!;
    chooseDay(next);
    document.getElementById(`agenda-tab-${next}`)?.focus();
  };

  const effective: View | null = view !== "auto" ? view : phone === null ? null : phone ? "list" : "grid";
  const headings = useMemo(() => new Map(dayList.map((d) => [d, labels[d]?.long ?? d])), [dayList, labels]);
  const listDays = useMemo(() => days.map((d) => ({ day: d.day, heading: headings.get(d.day) ?? d.day, sessions: byDay.get(d.day) ?? [] })), [days, headings, byDay]);

  if (!days.length) return <p data-testid="agenda">{t.noSessions}</p>;

  return (
    <StarsContext value={stars}>
      <div ref={rootRef} className={styles.root} data-view={view} data-testid="agenda">
        <div className={styles.toolbar}>
          <AgendaFilters t={t} options={options} filters={filters} onChange={setFilters} />
          <div className={styles.views} role="group" aria-label={t.agendaView.view}>
            {(["grid", "list"] as const).map((v) => (
              <button key={v} type="button" className={styles.viewButton} aria-pressed={effective === v} onClick={() => setView(v)} data-testid={`view-${v}`}>
                <ViewIcon view={v} />
                {v === "grid" ? t.grid : t.list}
              </button>
            ))}
          </div>
        </div>

        <Legend t={t} tracks={tracks} timeZone={timeZone} place="top" />

        <div ref={barRef} className={styles.bar} data-testid="agenda-bar">
          <div className={styles.tabs} role="tablist" aria-label={t.agendaView.days}>
            {days.map((d, i) => (
              <button
                key={d.day}
                id={`agenda-tab-${d.day}`}
                type="button"
                role="tab"
                className={styles.tab}
                aria-selected={d.day === day}
                aria-controls="agenda-panel"
                tabIndex={d.day === day ? 0 : -1}
                onClick={() => chooseDay(d.day)}
                onKeyDown={(e) => onTabKey(e, i)}
                data-testid="day-tab"
                data-day={d.day}
              >
                <span className={styles.tabDay}>
                  {t.day} {i + 1}
                  {d.day === today ? <span className={styles.today}> · {t.agendaView.today}</span> : null}
                </span>
                <span className={styles.tabDate}>{labels[d.day]?.short}</span>
              </button>
            ))}
          </div>
          {target ? (
            <button
              type="button"
              className={styles.jump}
              onClick={() => {
                chooseDay(sessionDay(target, timeZone));
                setJump({ id: target.id, arrival: false });
              }}
              data-testid="jump-now"
            >
              <span className={styles.pulse} aria-hidden="true" />
              {t.agendaView.jumpNow}
            </button>
          ) : null}
        </div>

        <div id="agenda-panel" role="tabpanel" aria-labelledby={`agenda-tab-${day}`} className={styles.panel}>
          {view !== "list" ? (
            <div className={styles.gridView}>
              {dayHasSessions ? (
                <AgendaGrid day={day} heading={headings.get(day) ?? day} sessions={daySessions} rooms={dayRooms} ctx={ctx} />
              ) : (
                <NoMatch t={t} onClear={() => setFilters({})} />
              )}
            </div>
          ) : null}
          <div className={styles.listView}>
            <AgendaList days={listDays} selected={day} rooms={order} ctx={ctx} />
          </div>
        </div>
        <Legend t={t} tracks={tracks} timeZone={timeZone} place="end" />
      </div>
    </StarsContext>
  );
}

/**
 * The track legend. It stands before the agenda on wider screens and in print, after it on phones
 * (the first screen is for sessions): two copies, one shown at a time, each where the page puts it,
 * so the page never moves it while it loads.
 */
function Legend({ t, tracks, timeZone, place }: { t: AgendaText; tracks: Props["tracks"]; timeZone: string; place: "top" | "end" }) {
  if (!tracks.length) return null;
  return (
    <div className={`${styles.legend} ${place === "top" ? styles.legendTop : styles.legendEnd}`} data-testid="track-legend" data-place={place}>
      <h2 className={styles.legendTitle}>{t.agendaView.legend}</h2>
      <ul role="list">
        {tracks.map((tr) => (
          <li key={tr.slug} style={{ ["--track" as string]: tr.color }}>
            <span className={styles.swatch} aria-hidden="true" />
            {tr.name}
          </li>
        ))}
      </ul>
      <p className={styles.zone}>
        {t.agendaView.timeZone}: {timeZone}
      </p>
    </div>
  );
}

function NoMatch({ t, onClear }: { t: AgendaText; onClear: () => void }) {
  return (
    <p className={styles.noMatch}>
      {t.noSessions}{" "}
      <button type="button" className={styles.clearAll} onClick={onClear}>
        {t.clearFilters}
      </button>
    </p>
  );
}

function ViewIcon({ view }: { view: View }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16" className={styles.viewIcon}>
      {view === "grid" ? (
        <path d="M1.5 2.5h13v11h-13zM6 2.5v11M10.5 2.5v11M1.5 6h13" fill="none" stroke="currentColor" strokeWidth="1.3" />
      ) : (
        <path d="M2 4h12M2 8h12M2 12h12" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      )}
    </svg>
  );
}
