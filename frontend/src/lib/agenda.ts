/** Agenda logic: days, filters, the grid by room, and "now / next". Pure functions, unit-tested. */
import { dayKey } from "./time";

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
  room: { id: number; name: string } | null;
  track: { id: number; name: string; slug: string; color: string } | null;
  /** Topic ids (GET /topics/ names them). */
  topics: number[];
  speakers: { id: number; name: string; role: string }[];
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
}

const byStart = (a: AgendaSession, b: AgendaSession) =>
  Date.parse(a.start) - Date.parse(b.start) || (a.room?.name ?? "").localeCompare(b.room?.name ?? "") || a.id - b.id;

export function sortSessions<T extends AgendaSession>(sessions: T[]): T[] {
  return [...sessions].sort(byStart);
}

/** Sessions per conference day (Europe/Sofia), days in order, sessions by start time. */
export function groupByDay<T extends AgendaSession>(sessions: T[], timeZone?: string): { day: string; sessions: T[] }[] {
  const days = new Map<string, T[]>();
  for (const session of sortSessions(sessions)) {
    const key = dayKey(session.start, timeZone);
    const list = days.get(key) ?? [];
    list.push(session);
    days.set(key, list);
  }
  return [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, list]) => ({ day, sessions: list }));
}

/** A session matches when it matches every filter that is set (the topic by its slug among
 * `topics`). */
export function filterSessions<T extends AgendaSession>(sessions: T[], filters: AgendaFilters, topics: AgendaTopic[] = []): T[] {
  const topicIds = new Set(topics.filter((t) => t.slug === filters.topic).map((t) => t.id));
  return sessions.filter(
    (s) =>
      (!filters.track || s.track?.slug === filters.track) &&
      (!filters.type || s.type === filters.type) &&
      (!filters.topic || s.topics.some((id) => topicIds.has(id))) &&
      (!filters.language || s.language === filters.language || (filters.language !== "bg-en" && s.language === "bg-en")),
  );
}

export interface FilterOptions {
  tracks: { value: string; label: string }[];
  types: { value: string; label: string }[];
  topics: { value: string; label: string }[];
  languages: string[];
}

/** The values that occur in these sessions, for the filter menus (topics named by `topics`). */
export function filterOptions(sessions: AgendaSession[], topics: AgendaTopic[] = []): FilterOptions {
  const used = new Set(sessions.flatMap((s) => s.topics));
  const uniq = (items: { value: string; label: string }[]) =>
    [...new Map(items.map((i) => [i.value, i])).values()].sort((a, b) => a.label.localeCompare(b.label));
  return {
    tracks: uniq(sessions.flatMap((s) => (s.track ? [{ value: s.track.slug, label: s.track.name }] : []))),
    types: uniq(sessions.map((s) => ({ value: s.type, label: s.type_label }))),
    topics: uniq(topics.filter((t) => used.has(t.id)).map((t) => ({ value: t.slug, label: t.name }))),
    languages: [...new Set(sessions.map((s) => s.language).filter(Boolean))].sort(),
  };
}

export interface GridRow<T> {
  start: string;
  cells: (T | null)[];
}

/**
 * A grid of one day: columns are rooms, rows are distinct start times. A session sits in the row
 * where it starts; `span` in buildGrid's output says how many rows it covers.
 */
export function buildGrid<T extends AgendaSession>(
  sessions: T[],
): { rooms: { id: number; name: string }[]; rows: { start: string; cells: ({ session: T; span: number } | "covered" | null)[] }[] } {
  const rooms = [...new Map(sessions.filter((s) => s.room).map((s) => [s.room!.id, s.room!])).values()];
  const noRoom = sessions.some((s) => !s.room);
  const columns = noRoom ? [...rooms, { id: -1, name: "—" }] : rooms;
  const starts = [...new Set(sessions.map((s) => Date.parse(s.start)))].sort((a, b) => a - b);
  const rows = starts.map((t) => ({ start: new Date(t).toISOString(), cells: columns.map(() => null as ({ session: T; span: number } | "covered" | null)) }));
  for (const session of sortSessions(sessions)) {
    const col = columns.findIndex((r) => r.id === (session.room?.id ?? -1));
    const row = starts.indexOf(Date.parse(session.start));
    const end = Date.parse(session.end);
    let span = 1;
    while (row + span < starts.length && starts[row + span]! < end) span++;
    const target = rows[row]!;
    if (target.cells[col] === null) {
      target.cells[col] = { session, span };
      for (let k = 1; k < span; k++) {
        const below = rows[row + k]!;
        if (below.cells[col] === null) below.cells[col] = "covered";
      }
    }
  }
  return { rooms: columns, rows };
}

/** What runs at `now`, and what starts next (all sessions starting at the next start time). */
export function nowNext<T extends AgendaSession>(sessions: T[], now: Date): { now: T[]; next: T[] } {
  const t = now.getTime();
  const sorted = sortSessions(sessions);
  const running = sorted.filter((s) => Date.parse(s.start) <= t && t < Date.parse(s.end));
  const upcoming = sorted.filter((s) => Date.parse(s.start) > t);
  const firstNext = upcoming[0] ? Date.parse(upcoming[0].start) : null;
  return { now: running, next: firstNext === null ? [] : upcoming.filter((s) => Date.parse(s.start) === firstNext) };
}

/** True while the edition runs (from its first session's start to its last session's end). */
export function isDuringEvent(sessions: AgendaSession[], now: Date): boolean {
  if (!sessions.length) return false;
  const first = Math.min(...sessions.map((s) => Date.parse(s.start)));
  const last = Math.max(...sessions.map((s) => Date.parse(s.end)));
  return first <= now.getTime() && now.getTime() <= last;
}
