import type { StarredSession } from "@/lib/starred";

export function starredOf(s: {
  guid: string;
  id: number;
  title: string;
  start: string;
  end: string;
  year: number;
  slug: string;
  room: { name: string } | null;
  cancelled?: boolean;
}): StarredSession {
  const out: StarredSession = { guid: s.guid, id: s.id, title: s.title, start: s.start, end: s.end, year: s.year, slug: s.slug, room: s.room?.name ?? "" };
  // Only when true: what the browser stores (and my agenda's route sends) stays as it was otherwise.
  if (s.cancelled) out.cancelled = true;
  return out;
}
