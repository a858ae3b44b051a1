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
    return Array.isArray(parsed) ? parsed.filter(isStarred).sort((a, b) => a.start.localeCompare(b.start)) : [];
  } catch {
    return [];
  }
}

function write(storage: KeyValueStorage, items: StarredSession[]): StarredSession[] {
  const sorted = [...items].sort((a, b) => a.start.localeCompare(b.start));
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
