/** Editions: which one is current, its pages, its venue and its registration. */
import type { Page } from "./schemas";

/**
 * The edition the site opens on: the one running now, else the next one to come,
 * else the most recent one.
 */
export function pickCurrentEdition<T extends { year: number; status: string; start_date: string; end_date: string }>(
  editions: T[],
  today: string,
): T | undefined {
  const live = editions.find((e) => e.status === "live");
  if (live) return live;
  const upcoming = editions
    .filter((e) => e.end_date >= today && e.status !== "draft")
    .sort((a, b) => a.start_date.localeCompare(b.start_date));
  if (upcoming[0]) return upcoming[0];
  return [...editions].sort((a, b) => b.year - a.year)[0];
}

/** An edition's venue page (type venue) and about page (a standard page, slug "about" first). */
export function editionPages<T extends Pick<Page, "type" | "slug">>(pages: T[]): { venuePage: T | null; aboutPage: T | null } {
  const venuePage = pages.find((p) => p.type === "venue") ?? null;
  const standard = pages.filter((p) => p.type === "standard");
  const aboutPage = standard.find((p) => p.slug === "about" || p.slug.startsWith("about")) ?? standard[0] ?? null;
  return { venuePage, aboutPage };
}

interface VenueLike {
  name: string;
  address: string;
  city: string;
  postal_code: string;
  country: string;
  latitude: number | null;
  longitude: number | null;
}

/** The venue's one-line address: "111B Tsarigradsko Shose Blvd, 1784 Sofia". */
export function venueAddress(venue: VenueLike): string {
  const city = [venue.postal_code, venue.city].filter(Boolean).join(" ");
  return [venue.address, city].filter(Boolean).join(", ");
}

/** A map of the venue: OpenStreetMap at its coordinates, else an OpenStreetMap search for its address. */
export function mapLink(venue: VenueLike): string | null {
  if (venue.latitude !== null && venue.longitude !== null && Number.isFinite(venue.latitude) && Number.isFinite(venue.longitude)) {
    const lat = venue.latitude.toFixed(5);
    const lon = venue.longitude.toFixed(5);
    return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
  }
  const query = [venue.name, venueAddress(venue)].filter(Boolean).join(", ");
  return query ? `https://www.openstreetmap.org/search?query=${encodeURIComponent(query)}` : null;
}

/** Registration is open: a registration address and an edition that is still to come or running. */
export function registrationOpen(edition: { registration_url: string; status: string; end_date: string }, today: string): boolean {
  return Boolean(edition.registration_url) && (edition.status === "announced" || edition.status === "live") && edition.end_date >= today;
}


export const TIERS = ["platinum", "gold", "silver", "bronze"] as const;
const tierRank = (tier: string) => {
  const i = (TIERS as readonly string[]).indexOf(tier);
  return i === -1 ? TIERS.length : i;
};

interface GroupLike<P> {
  role: string;
  role_label: string;
  partners: P[];
}

/** Partners of one role by tier (platinum first, untiered last), editors' order within a tier. */
export function byTier<P extends { tier: string; order: number }>(partners: P[]): { tier: string; partners: P[] }[] {
  const tiers = [...new Set(partners.map((p) => p.tier))].sort((a, b) => tierRank(a) - tierRank(b));
  return tiers.map((tier) => ({ tier, partners: partners.filter((p) => p.tier === tier).sort((a, b) => a.order - b.order) }));
}

/** The edition's partners split as the site shows them: patrons and organisers up top, the rest below. */
export function splitPartners<P, G extends GroupLike<P>>(groups: G[]): { patrons: G[]; organisers: G[]; others: G[] } {
  const top = new Set(["patron", "organiser", "co_organiser"]);
  return {
    patrons: groups.filter((g) => g.role === "patron"),
    organisers: groups.filter((g) => g.role === "organiser" || g.role === "co_organiser"),
    others: groups.filter((g) => !top.has(g.role)),
  };
}

const HIGHLIGHT_RANK: Record<string, number> = { keynote: 0, panel: 1, ceremony: 2, workshop: 3, talk: 4 };

/** Programme highlights: keynotes and panels (then ceremonies, workshops, talks) that have speakers,
 * in time order, at most `limit`. */
export function programmeHighlights<S extends { type: string; start: string; speakers: unknown[] }>(sessions: S[], limit = 4): S[] {
  const ranked = sessions
    .filter((s) => s.speakers.length && s.type in HIGHLIGHT_RANK)
    .sort((a, b) => HIGHLIGHT_RANK[a.type]! - HIGHLIGHT_RANK[b.type]! || a.start.localeCompare(b.start))
    .slice(0, limit);
  return ranked.sort((a, b) => a.start.localeCompare(b.start));
}
