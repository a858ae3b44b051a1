import type { MetadataRoute } from "next";
import { headers } from "next/headers";
import { api } from "@/lib/api";
import { LOCALES } from "@/lib/i18n";
import { links } from "@/lib/links";
import { siteOrigin } from "@/lib/origin";

// Built from the API at request time (never at build time, when the API may be absent), with the
// address of the request (SITE_URL, else its host).
export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const site = siteOrigin(await headers());
  const entries: MetadataRoute.Sitemap = [];
  const add = (path: string, lastModified?: string | null) =>
    entries.push({ url: `${site}${path}`, ...(lastModified ? { lastModified } : {}) });
  for (const locale of LOCALES) {
    for (const path of [links.home(locale), links.archive(locale), links.speakers(locale), links.partners(locale), links.news(locale)]) add(path);
    const [editions, speakers, pages] = await Promise.all([api.editions(locale), api.speakers(locale), api.pages(locale)]);
    for (const e of editions) {
      add(links.edition(locale, e.year), e.updated_at);
      add(links.agenda(locale, e.year), e.updated_at);
      add(links.partners(locale, e.year), e.updated_at);
      for (const s of await api.sessions(e.year, locale)) add(links.content(locale, s.year, s.slug), s.updated_at);
    }
    for (const s of speakers) add(links.speaker(locale, s.id));
    for (const p of pages) if (p.year) add(links.content(locale, p.year, p.slug), p.updated_at);
  }
  return entries;
}
