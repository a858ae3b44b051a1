import type { StarredSession } from "@/lib/starred";

export function starredOf(s: { guid: string; id: number; title: string; start: string; end: string; year: number; slug: string; room: { name: string } | null }): StarredSession {
  return { guid: s.guid, id: s.id, title: s.title, start: s.start, end: s.end, year: s.year, slug: s.slug, room: s.room?.name ?? "" };
}
