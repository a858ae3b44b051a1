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
