import type { AgendaSession } from "@/lib/agenda";

/** A session for agenda tests: a talk in "Hall 1" unless `extra` says otherwise. */
export function make(id: number, start: string, end: string, extra: Partial<AgendaSession> = {}): AgendaSession {
  return {
    id,
    guid: `g${id}`,
    title: `S${id}`,
    slug: `s${id}`,
    year: 2027,
    type: "talk",
    type_label: "Talk",
    start,
    end,
    language: "en",
    room: { id: 1, name: "Hall 1" },
    track: null,
    topics: [],
    speakers: [],
    ...extra,
  };
}
