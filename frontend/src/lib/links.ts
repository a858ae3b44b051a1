/** Where things live on the site. */
import type { Locale } from "./i18n";

export const links = {
  home: (l: Locale) => `/${l}`,
  archive: (l: Locale) => `/${l}/editions`,
  edition: (l: Locale, year: number) => `/${l}/${year}`,
  agenda: (l: Locale, year: number) => `/${l}/${year}/agenda`,
  partners: (l: Locale, year?: number) => (year ? `/${l}/${year}/partners` : `/${l}/partners`),
  content: (l: Locale, year: number, slug: string) => `/${l}/${year}/${slug}`,
  sessionById: (l: Locale, id: number) => `/${l}/sessions/${id}`,
  speakers: (l: Locale) => `/${l}/speakers`,
  speaker: (l: Locale, id: number) => `/${l}/speakers/${id}`,
  news: (l: Locale) => `/${l}/news`,
  search: (l: Locale) => `/${l}/search`,
  myAgenda: (l: Locale) => `/${l}/my-agenda`,
};

interface HitLike {
  kind: string;
  object_id: number;
  slug: string;
  years: number[];
}

/** The site page of a search hit or suggestion. */
export function hitHref(locale: Locale, hit: HitLike): string {
  const year = hit.years[0];
  switch (hit.kind) {
    case "person":
      return links.speaker(locale, hit.object_id);
    case "organisation":
      return year ? links.partners(locale, Math.max(...hit.years)) : links.partners(locale);
    case "edition":
      return year ? links.edition(locale, year) : links.archive(locale);
    case "session":
      return links.sessionById(locale, hit.object_id);
    default:
      return year ? links.content(locale, year, hit.slug) : links.search(locale);
  }
}

/** The edition year in a page path from the API (".../2025/slug/"), for suggestions without years. */
export function yearFromPath(path: string): number | undefined {
  const match = /\/(\d{4})(?:\/|$)/.exec(path);
  return match ? Number(match[1]) : undefined;
}

/** A path on this site ("/bg/…"), not another host's address ("//host/…", "https://…"). */
export function isSitePath(href: string): boolean {
  return href.startsWith("/") && !href.startsWith("//");
}
