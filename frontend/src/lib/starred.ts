/**
 * "My agenda": starred sessions kept in the browser (localStorage). Sessions are keyed by guid,
 * which is the same in both languages; the API accepts either language's id for the .ics export.
 */
export interface StarredSession {
  guid: string;
  id: number;
  title: string;
  start: string;
  end: string;
  year: number;
  slug: string;
  room: string;
  /** Cancelled but still in the agenda (absent: not cancelled). */
  cancelled?: boolean;
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const STORAGE_KEY = "conference:starred:v1";
export const CHANGE_EVENT = "conference:starred-change";

function isStarred(value: unknown): value is StarredSession {
  if (!value || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return typeof v.guid === "string" && typeof v.id === "number" && typeof v.title === "string" && typeof v.start === "string";
}

export function readStarred(storage: KeyValueStorage | undefined): StarredSession[] {
  if (!storage) return [];
  try {
    const parsed: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter(isStarred).sort((a, b) => Date.parse(a.start) - Date.parse(b.start)) : [];
  } catch {
    return [];
  }
}

function write(storage: KeyValueStorage, items: StarredSession[]): StarredSession[] {
  const sorted = [...items].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  if (sorted.length) storage.setItem(STORAGE_KEY, JSON.stringify(sorted));
  else storage.removeItem(STORAGE_KEY);
  return sorted;
}

/** Add the session, or remove it when it is already starred. Returns the new list. */
export function toggleStarred(storage: KeyValueStorage, session: StarredSession): StarredSession[] {
  const items = readStarred(storage);
  const exists = items.some((s) => s.guid === session.guid);
  return write(storage, exists ? items.filter((s) => s.guid !== session.guid) : [...items, session]);
}

export function clearStarred(storage: KeyValueStorage): StarredSession[] {
  return write(storage, []);
}

/** The API's personal-selection export for these sessions. */
export function icsUrl(apiBase: string, items: StarredSession[], locale: string): string | null {
  if (!items.length) return null;
  const ids = items.slice(0, 100).map((s) => s.id).join(",");
  return `${apiBase.replace(/\/+$/, "")}/api/v1/agenda.ics?sessions=${ids}&locale=${locale}`;
}

/** At most this many sessions are re-read in the page's language (and exported) at once. */
export const MAX_STARRED = 100;

/** "12,34" -> [12, 34]: the ids of a `?ids=` parameter, or null when it is not a list of at
 * most MAX_STARRED positive integers. */
export function parseIds(raw: string | null | undefined): number[] | null {
  if (!raw || raw.length > 1200) return null;
  const parts = raw.split(",");
  if (parts.length > MAX_STARRED || !parts.every((p) => /^[1-9]\d{0,9}$/.test(p))) return null;
  return [...new Set(parts.map(Number))];
}

/** The starred sessions with their titles, times and rooms as `fresh` gives them (the same
 * sessions read again in the page's language, matched by guid); a session `fresh` lacks keeps
 * what was stored. */
export function localiseStarred(stored: StarredSession[], fresh: StarredSession[]): StarredSession[] {
  const byGuid = new Map(fresh.map((s) => [s.guid, s]));
  return stored.map((s) => byGuid.get(s.guid) ?? s).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}
