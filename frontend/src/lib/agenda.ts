/**
 * Agenda logic: days, filters, the room grid's layout, time slots for the list, and "now / next".
 * Pure functions (no React, no DOM), unit-tested in tests/unit/agenda*.test.ts.
 */
import type { Dictionary, Locale } from "./i18n";
import { CONFERENCE_TZ, dateFormat, dayKey } from "./time";

export interface AgendaRoom {
  id: number;
  name: string;
}

/** A room of the edition with its key: the start of its guid, the same in both languages (?room=). */
export interface AgendaRoomRef extends AgendaRoom {
  key: string;
}

export interface AgendaTrack {
  id: number;
  name: string;
  slug: string;
  color: string;
}

export interface AgendaSpeaker {
  id: number;
  name: string;
  role: string;
  /** The speaker's organisation at the time of the session, when known. */
  organisation?: { name: string } | null;
}

export interface AgendaSession {
  id: number;
  guid: string;
  title: string;
  slug: string;
  year: number;
  type: string;
  type_label: string;
  start: string;
  end: string;
  language: string;
  room: AgendaRoom | null;
  track: AgendaTrack | null;
  /** Topic ids (GET /topics/ names them). */
  topics: number[];
  speakers: AgendaSpeaker[];
  /** Cancelled but still in the agenda, marked so (absent: not cancelled). Never "now" or "next". */
  cancelled?: boolean;
  /** Its wall-clock day and minutes since midnight (start, end) in the edition's time zone, worked
   * out where the page is made; without them the browser works them out (Intl, whose first use
   * costs a phone tens of milliseconds while the page starts). */
  local?: { day: string; start: number; end: number };
}

export interface AgendaTopic {
  id: number;
  name: string;
  slug: string;
}

export interface AgendaFilters {
  track?: string;
  type?: string;
  topic?: string;
  language?: string;
  /** A room's key (AgendaRoomRef.key). */
  room?: string;
}

/** The filters in the order the page shows them (and the URL parameters of the same names). */
export const FILTER_KEYS = ["track", "type", "topic", "language", "room"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** Breaks (registration, coffee, lunch) are not sessions to attend or save: no star, no language. */
export function isBreak(s: Pick<AgendaSession, "type">): boolean {
  return s.type === "break";
}

/** Types that belong to everyone, whatever room they are in: they span the room columns. */
export const PLENARY_TYPES: ReadonlySet<string> = new Set(["break", "ceremony"]);

/** A session spans all room columns when it has no room or is a break or a ceremony. A keynote in
 * the main hall stays in its column. */
export function spansRooms(s: Pick<AgendaSession, "type" | "room">): boolean {
  return !s.room || PLENARY_TYPES.has(s.type);
}

const ms = (iso: string) => Date.parse(iso);

/** Code-point order: for ties between times and ids, where no reader sees the order. */
const ordinal = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The session with its wall-clock day and minutes in `timeZone` (see AgendaSession.local). */
export function withLocalTimes<T extends AgendaSession>(s: T, timeZone: string = CONFERENCE_TZ): T {
  return { ...s, local: { day: dayKey(s.start, timeZone), start: localMinutes(s.start, timeZone), end: localMinutes(s.end, timeZone) } };
}

/** The session's day (YYYY-MM-DD) in the edition's time zone. */
export function sessionDay(s: AgendaSession, timeZone: string = CONFERENCE_TZ): string {
  return s.local?.day ?? dayKey(s.start, timeZone);
}

/** "09:30–10:15": the session's start and end on the wall clock of the edition's time zone. */
export function sessionTimes(s: AgendaSession, timeZone: string = CONFERENCE_TZ): string {
  return `${sessionClock(s, "start", timeZone)}–${sessionClock(s, "end", timeZone)}`;
}

/** "09:30": the session's start (or end) on the wall clock of the edition's time zone. */
export function sessionClock(s: AgendaSession, which: "start" | "end", timeZone: string = CONFERENCE_TZ): string {
  return minutesLabel(s.local?.[which] ?? localMinutes(s[which], timeZone));
}

/** `timeZone` when the runtime knows it, else the conference's (a bad value must not break a page). */
export function validTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return CONFERENCE_TZ;
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return timeZone;
  } catch {
    return CONFERENCE_TZ;
  }
}

const byStart = (a: AgendaSession, b: AgendaSession) =>
  ms(a.start) - ms(b.start) || ordinal(a.room?.name ?? "", b.room?.name ?? "") || a.id - b.id;

export function sortSessions<T extends AgendaSession>(sessions: T[]): T[] {
  return [...sessions].sort(byStart);
}

/** Sessions per conference day (the edition's time zone), days in order, sessions by start time. */
export function groupByDay<T extends AgendaSession>(sessions: T[], timeZone: string = CONFERENCE_TZ): { day: string; sessions: T[] }[] {
  const days = new Map<string, T[]>();
  for (const session of sortSessions(sessions)) {
    const key = sessionDay(session, timeZone);
    const list = days.get(key) ?? [];
    list.push(session);
    days.set(key, list);
  }
  return [...days.entries()].sort(([a], [b]) => ordinal(a, b)).map(([day, list]) => ({ day, sessions: list }));
}

/**
 * A session matches when it matches every filter that is set: the track by slug, the type, the
 * topic by its slug among `topics`, the language (interpreted sessions count for both), the room by
 * its key among `rooms`. Breaks stay in place under every filter but the type one: they are the
 * frame of the day (a track's afternoon still has its lunch).
 */
export function filterSessions<T extends AgendaSession>(
  sessions: T[],
  filters: AgendaFilters,
  topics: AgendaTopic[] = [],
  rooms: AgendaRoomRef[] = [],
): T[] {
  const topicIds = new Set(topics.filter((t) => t.slug === filters.topic).map((t) => t.id));
  const roomIds = new Set(rooms.filter((r) => r.key === filters.room).map((r) => r.id));
  return sessions.filter((s) => {
    if (filters.type && s.type !== filters.type) return false;
    if (isBreak(s) && filters.type !== "break") return true;
    return (
      (!filters.track || s.track?.slug === filters.track) &&
      (!filters.topic || s.topics.some((id) => topicIds.has(id))) &&
      (!filters.language || s.language === filters.language || (filters.language !== "bg-en" && s.language === "bg-en")) &&
      (!filters.room || (s.room !== null && roomIds.has(s.room.id)))
    );
  });
}

/** How many filters are set (the "Filters (2)" count). */
export function activeFilters(filters: AgendaFilters): FilterKey[] {
  return FILTER_KEYS.filter((k) => !!filters[k]);
}

/** The filters from URL parameters (unknown values are kept: they simply match nothing). */
export function filtersFromParams(get: (key: string) => string | undefined | null): AgendaFilters {
  const out: AgendaFilters = {};
  for (const key of FILTER_KEYS) {
    const value = get(key)?.trim().slice(0, 100);
    if (value) out[key] = value;
  }
  return out;
}

export interface Option {
  value: string;
  label: string;
}

export interface FilterOptions {
  tracks: Option[];
  types: Option[];
  topics: Option[];
  languages: string[];
  rooms: Option[];
}

/** The values that occur in these sessions, for the filter menus: topics named by `topics`, rooms
 * in the edition's order (`rooms`). */
export function filterOptions(sessions: AgendaSession[], topics: AgendaTopic[] = [], rooms: AgendaRoomRef[] = []): FilterOptions {
  const used = new Set(sessions.flatMap((s) => s.topics));
  const usedRooms = new Set(sessions.flatMap((s) => (s.room ? [s.room.id] : [])));
  const uniq = (items: Option[]) => [...new Map(items.map((i) => [i.value, i])).values()].sort((a, b) => a.label.localeCompare(b.label));
  return {
    tracks: uniq(sessions.flatMap((s) => (s.track ? [{ value: s.track.slug, label: s.track.name }] : []))),
    types: uniq(sessions.map((s) => ({ value: s.type, label: s.type_label }))),
    topics: uniq(topics.filter((t) => used.has(t.id)).map((t) => ({ value: t.slug, label: t.name }))),
    languages: [...new Set(sessions.map((s) => s.language).filter(Boolean))].sort(),
    rooms: rooms.filter((r) => usedRooms.has(r.id)).map((r) => ({ value: r.key, label: r.name })),
  };
}

/**
 * The room columns of a whole edition, in one order for every day: the edition's rooms in their
 * sort order (as the API lists them), then rooms only sessions name, by name.
 */
export function roomOrder<R extends AgendaRoom>(editionRooms: R[], sessions: AgendaSession[]): AgendaRoom[] {
  const out: AgendaRoom[] = [];
  const seen = new Set<number>();
  for (const r of editionRooms) {
    if (!seen.has(r.id)) out.push({ id: r.id, name: r.name });
    seen.add(r.id);
  }
  const extra = new Map<number, AgendaRoom>();
  for (const s of sessions) if (s.room && !seen.has(s.room.id)) extra.set(s.room.id, { id: s.room.id, name: s.room.name });
  return [...out, ...[...extra.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id)];
}

/** The rooms of `order` that these sessions use: a subsequence, so the order never changes. */
export function roomsUsed(order: AgendaRoom[], sessions: AgendaSession[]): AgendaRoom[] {
  const used = new Set(sessions.flatMap((s) => (s.room ? [s.room.id] : [])));
  return order.filter((r) => used.has(r.id));
}

/** Minutes since midnight of an instant's wall-clock time in `timeZone` (09:30 -> 570). */
export function localMinutes(iso: string | Date, timeZone: string = CONFERENCE_TZ): number {
  const parts = dateFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).formatToParts(typeof iso === "string" ? new Date(iso) : iso);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get("hour") * 60 + get("minute");
}

/** "09:30" from minutes since midnight. */
export function minutesLabel(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

export interface GridItem<T> {
  session: T;
  /** Grid lines, 1-based, of the agenda's body (row 1 starts at `firstMinute`). */
  row: [number, number];
  /** Grid lines, 1-based, among the room sub-columns. */
  col: [number, number];
  /** "all": across every room column; "some": across several (others are busy); null: in its room. */
  span: "all" | "some" | null;
}

export interface GridColumn {
  room: AgendaRoom;
  /** Sub-columns (side-by-side lanes for sessions that overlap in this room). */
  lanes: number;
  /** Its first sub-column line (1-based). */
  start: number;
}

export interface GridLayout<T> {
  slotMinutes: number;
  firstMinute: number;
  lastMinute: number;
  /** Rows of `slotMinutes` each. */
  rows: number;
  columns: GridColumn[];
  /** Sub-columns in all. */
  width: number;
  items: GridItem<T>[];
  /** Time labels every 30 minutes: row line and whether it is a full hour. */
  marks: { minute: number; row: number; hour: boolean }[];
}

interface Timed<T> {
  session: T;
  start: number;
  end: number;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/**
 * One day of the room grid: rows of `slotMinutes` (5) from the first start (down to the half hour)
 * to the last end (up to the half hour); columns are `rooms` in the order given, with rooms that
 * only sessions name appended. Sessions without a room, breaks and ceremonies span every room
 * column free at their time (the longest run of free columns; a ceremony the run that holds its
 * own room); when no column is free they fall back into their own room (the first without one).
 * Sessions that overlap in one room sit side by side in lanes, each widened to the right over
 * lanes that are free for its whole time.
 */
export function layoutDay<T extends AgendaSession>(
  sessions: T[],
  rooms: AgendaRoom[],
  { timeZone = CONFERENCE_TZ, slotMinutes = 5 }: { timeZone?: string; slotMinutes?: number } = {},
): GridLayout<T> {
  const timed: Timed<T>[] = sortSessions(sessions).map((session) => {
    const start = session.local?.start ?? localMinutes(session.start, timeZone);
    // The length, not the end's wall clock: right across midnight and daylight-saving changes.
    const end = start + Math.max(slotMinutes, Math.round((ms(session.end) - ms(session.start)) / 60_000));
    return { session, start, end };
  });
  const cols: AgendaRoom[] = [...rooms];
  for (const t of timed) if (t.session.room && !cols.some((r) => r.id === t.session.room!.id)) cols.push(t.session.room);
  if (!cols.length) cols.push({ id: -1, name: "" });
  const index = new Map(cols.map((r, i) => [r.id, i]));

  // Sessions in their rooms first: they decide which columns are busy. A spanning candidate that
  // finds no free column joins its room's lanes, and the spanning ones are placed again around it
  // (at most once per candidate), so nothing ever covers another.
  const base: Timed<T>[][] = cols.map(() => []);
  const candidates: Timed<T>[] = [];
  for (const t of timed) (spansRooms(t.session) ? candidates : base[index.get(t.session.room!.id)!]!).push(t);
  const fallen = new Set<Timed<T>>();
  let inRoom: Timed<T>[][] = base;
  let spanning: { t: Timed<T>; from: number; to: number }[] = [];
  for (let attempt = 0; attempt <= candidates.length; attempt++) {
    inRoom = base.map((list) => [...list]);
    for (const t of fallen) inRoom[t.session.room ? index.get(t.session.room.id)! : 0]!.push(t);
    spanning = [];
    let failed: Timed<T> | undefined;
    for (const t of candidates) {
      if (fallen.has(t)) continue;
      const busy = cols.map((_, c) => inRoom[c]!.some((o) => overlaps(o, t)) || spanning.some((p) => c >= p.from && c < p.to && overlaps(p.t, t)));
      const runs: [number, number][] = [];
      for (let c = 0; c < cols.length; c++) {
        if (busy[c]) continue;
        const last = runs.at(-1);
        if (last && last[1] === c) last[1] = c + 1;
        else runs.push([c, c + 1]);
      }
      const own = t.session.room ? index.get(t.session.room.id)! : -1;
      const run =
        own >= 0
          ? runs.find(([a, b]) => own >= a && own < b)
          : runs.reduce<[number, number] | undefined>((best, r) => (!best || r[1] - r[0] > best[1] - best[0] ? r : best), undefined);
      if (!run) {
        failed = t;
        break;
      }
      spanning.push({ t, from: run[0], to: run[1] });
    }
    if (!failed) break;
    fallen.add(failed);
  }

  // Lanes per room: first free lane by start time.
  const laneOf = new Map<Timed<T>, number>();
  const columns: GridColumn[] = [];
  let next = 1;
  cols.forEach((room, c) => {
    const list = inRoom[c]!.sort((a, b) => a.start - b.start || b.end - a.end);
    const ends: number[] = [];
    for (const t of list) {
      let lane = ends.findIndex((end) => end <= t.start);
      if (lane < 0) lane = ends.push(t.end) - 1;
      else ends[lane] = t.end;
      laneOf.set(t, lane);
    }
    const lanes = Math.max(1, ends.length);
    columns.push({ room, lanes, start: next });
    next += lanes;
  });
  const width = next - 1;

  const all = [...timed];
  const firstMinute = all.length ? Math.floor(Math.min(...all.map((t) => t.start)) / 30) * 30 : 0;
  const lastMinute = all.length ? Math.ceil(Math.max(...all.map((t) => t.end)) / 30) * 30 : 30;
  const rowOf = (minute: number) => Math.round((minute - firstMinute) / slotMinutes) + 1;
  const rowsOf = (t: Timed<T>): [number, number] => {
    const a = Math.floor((t.start - firstMinute) / slotMinutes) + 1;
    return [a, Math.max(a + 1, Math.ceil((t.end - firstMinute) / slotMinutes) + 1)];
  };

  const items: GridItem<T>[] = [];
  cols.forEach((_, c) => {
    const column = columns[c]!;
    for (const t of inRoom[c]!) {
      const lane = laneOf.get(t)!;
      let to = lane + 1;
      // Widen over the lanes to the right while nothing there overlaps it.
      while (to < column.lanes && !inRoom[c]!.some((o) => laneOf.get(o) === to && overlaps(o, t))) to++;
      items.push({ session: t.session, row: rowsOf(t), col: [column.start + lane, column.start + to], span: null });
    }
  });
  for (const { t, from, to } of spanning) {
    items.push({
      session: t.session,
      row: rowsOf(t),
      col: [columns[from]!.start, columns[to - 1]!.start + columns[to - 1]!.lanes],
      span: from === 0 && to === cols.length ? "all" : to - from > 1 ? "some" : null,
    });
  }
  items.sort((a, b) => a.row[0] - b.row[0] || a.col[0] - b.col[0]);

  const marks: GridLayout<T>["marks"] = [];
  for (let m = firstMinute; m < lastMinute; m += 30) marks.push({ minute: m, row: rowOf(m), hour: m % 60 === 0 });
  return { slotMinutes, firstMinute, lastMinute, rows: rowOf(lastMinute) - 1, columns, width, items, marks };
}

export interface TimeSlot<T> {
  start: string;
  sessions: T[];
  /** Only breaks start here: the list shows a slim full-width row. */
  breaksOnly: boolean;
}

/** The list view's time slots: sessions grouped by their start, in order; within a slot, breaks
 * first, then by the rooms' `order` (the grid's columns), then by room name. */
export function timeSlots<T extends AgendaSession>(sessions: T[], order: AgendaRoom[] = []): TimeSlot<T>[] {
  const slots = new Map<number, T[]>();
  for (const s of sortSessions(sessions)) {
    const key = ms(s.start);
    const list = slots.get(key) ?? [];
    list.push(s);
    slots.set(key, list);
  }
  const rank = (s: T) => {
    if (isBreak(s)) return -1;
    const i = s.room ? order.findIndex((r) => r.id === s.room!.id) : -1;
    return i < 0 ? order.length : i;
  };
  return [...slots.values()].map((list) => {
    const sorted = [...list].sort((a, b) => rank(a) - rank(b) || ordinal(a.room?.name ?? "", b.room?.name ?? "") || a.id - b.id);
    return { start: sorted[0]!.start, sessions: sorted, breaksOnly: sorted.every(isBreak) };
  });
}

/**
 * What runs at `now` (breaks included: "lunch now"), and what starts next: every session, breaks
 * left out, that starts at the first start time after `now`. Cancelled sessions are neither.
 */
export function nowNext<T extends AgendaSession>(sessions: T[], now: Date): { now: T[]; next: T[] } {
  const t = now.getTime();
  const sorted = sortSessions(sessions.filter((s) => !s.cancelled));
  const running = sorted.filter((s) => ms(s.start) <= t && t < ms(s.end));
  const upcoming = sorted.filter((s) => ms(s.start) > t && !isBreak(s));
  const first = upcoming[0] ? ms(upcoming[0].start) : null;
  return { now: running, next: first === null ? [] : upcoming.filter((s) => ms(s.start) === first) };
}

/** Marks for the agenda: "now" for what runs, "next" for what starts next. */
export function nowNextMarks(sessions: AgendaSession[], now: Date): Map<number, "now" | "next"> {
  const { now: running, next } = nowNext(sessions, now);
  const marks = new Map<number, "now" | "next">();
  for (const s of next) marks.set(s.id, "next");
  for (const s of running) marks.set(s.id, "now");
  return marks;
}

/** The session to jump to: the first running one that is not a break, else the first next one. */
export function jumpTarget<T extends AgendaSession>(sessions: T[], now: Date): T | undefined {
  const { now: running, next } = nowNext(sessions, now);
  return running.find((s) => !isBreak(s)) ?? next[0];
}

/** True while the edition runs (from its first session's start to its last session's end). */
export function isDuringEvent(sessions: AgendaSession[], now: Date): boolean {
  if (!sessions.length) return false;
  const first = Math.min(...sessions.map((s) => ms(s.start)));
  const last = Math.max(...sessions.map((s) => ms(s.end)));
  return first <= now.getTime() && now.getTime() <= last;
}

/** Today (in the edition's time zone) when it is one of `days`. */
export function todayIn(days: string[], now: Date, timeZone: string = CONFERENCE_TZ): string | undefined {
  // Far from every day in any time zone (UTC-12 to UTC+14): no need to ask Intl.
  const t = now.getTime();
  const hour = 3_600_000;
  if (!days.some((d) => Date.parse(`${d}T00:00:00Z`) - 14 * hour <= t && t < Date.parse(`${d}T00:00:00Z`) + 36 * hour)) return undefined;
  const today = dayKey(now, timeZone);
  return days.includes(today) ? today : undefined;
}

/** The tab the agenda opens on: the day asked for, else today during the event, else the first. */
export function initialDay(days: string[], requested: string | undefined, now: Date, timeZone: string = CONFERENCE_TZ): string {
  if (requested && days.includes(requested)) return requested;
  return todayIn(days, now, timeZone) ?? days[0] ?? "";
}

const intl = (locale: Locale) => (locale === "bg" ? "bg-BG" : "en-GB");

export interface DayLabel {
  /** "ср, 24 март" / "Wed 24 March": the tab. */
  short: string;
  /** "Ден 1 · сряда, 24 март 2027" / "Day 1 · Wednesday 24 March 2027": the heading. */
  long: string;
}

/** The labels of each day (YYYY-MM-DD) of `days`, in order. */
export function dayLabels(days: string[], locale: Locale, t: Pick<Dictionary, "day">): Record<string, DayLabel> {
  return Object.fromEntries(days.map((d, i) => [d, { short: shortDay(d, locale), long: longDay(d, i, locale, t) }]));
}

/** "ср, 24 март" / "Wed 24 March": a day (YYYY-MM-DD) for a tab. */
function shortDay(day: string, locale: Locale): string {
  const [y, m, d] = day.split("-").map(Number);
  return dateFormat(intl(locale), { weekday: "short", day: "numeric", month: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12)),
  );
}

/** "Ден 1 · сряда, 24 март 2027" / "Day 1 · Wednesday 24 March 2027". */
function longDay(day: string, index: number, locale: Locale, t: Pick<Dictionary, "day">): string {
  const [y, m, d] = day.split("-").map(Number);
  const date = dateFormat(intl(locale), { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12)),
  );
  return `${t.day} ${index + 1} · ${date}`;
}
