/** Speakers of an edition, as the home page shows them. */
import type { SpeakerListItem } from "./schemas";

const RANK: Record<string, number> = { keynote: 0, panel: 1 };
const rank = (type: string) => RANK[type] ?? 2;

/** Speakers of keynotes first, then of panels, then of other sessions (earliest session first
 * within each, then by name); each person once. `speakers` are one edition's (GET
 * /speakers/?year=), so their appearances are that edition's. */
export function keySpeakers<T extends Pick<SpeakerListItem, "name" | "appearances">>(speakers: T[], limit = 6): T[] {
  const keyed = speakers
    .filter((s) => s.appearances.length)
    .map((s) => {
      const best = Math.min(...s.appearances.map((a) => rank(a.session.type)));
      const first = Math.min(...s.appearances.filter((a) => rank(a.session.type) === best).map((a) => Date.parse(a.session.start)));
      return { s, best, first };
    });
  keyed.sort((a, b) => a.best - b.best || a.first - b.first || a.s.name.localeCompare(b.s.name));
  return keyed.slice(0, limit).map(({ s }) => s);
}

/** The edition a speakers page lists, from its `?year=`: a year of `years`, "all", or (absent
 * or empty) the current edition's year, else "all"; null for anything else (a 404). */
export function speakerYearFilter(raw: string | string[] | undefined, years: number[], current: number | undefined): number | "all" | null {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === "") return current ?? "all";
  if (value === "all") return "all";
  if (!/^\d{4}$/.test(value)) return null;
  const year = Number(value);
  return years.includes(year) ? year : null;
}

/** A speaker's appearances by edition, newest edition first, in time order within one. */
export function appearancesByEdition<A extends { session: { year: number; start: string } }>(appearances: A[]): { year: number; appearances: A[] }[] {
  const years = [...new Set(appearances.map((a) => a.session.year))].sort((a, b) => b - a);
  return years.map((year) => ({
    year,
    appearances: appearances.filter((a) => a.session.year === year).sort((a, b) => a.session.start.localeCompare(b.session.start)),
  }));
}
