import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { api } from "./api";
import { editionPages, pickCurrentEdition } from "./editions";
import { dictionary, isLocale, type Locale } from "./i18n";
import { siteOrigin } from "./origin";
import type { Edition, EditionDetail, Page } from "./schemas";
import { dayKey } from "./time";

export function localeOf(value: string): Locale {
  if (!isLocale(value)) notFound();
  return value;
}

export function yearOf(value: string): number {
  if (!/^\d{4}$/.test(value)) notFound();
  return Number(value);
}

export async function currentEdition(locale: Locale) {
  const editions = await api.editions(locale);
  return pickCurrentEdition(editions, dayKey(new Date()));
}

/** The site's public address for this request (SITE_URL, else the request's host). */
export async function requestOrigin(): Promise<string> {
  return siteOrigin(await headers());
}

/** hreflang alternates and the canonical URL of a path below the locale prefix ("" or "/2027/agenda"). */
export function alternates(locale: Locale, rest: string): Metadata["alternates"] {
  return {
    canonical: `/${locale}${rest}`,
    languages: { bg: `/bg${rest}`, en: `/en${rest}`, "x-default": `/bg${rest}` },
  };
}

/** An edition's Atom feed of agenda releases, at the API the browser sees (`apiBase`, e.g.
 * PUBLIC_API_URL), in one language: `?locale=`, as the API reads it (and as the .ics link has it). */
export function agendaFeedUrl(apiBase: string, year: number, locale: Locale): string {
  return `${apiBase.replace(/\/+$/, "")}/api/v1/editions/${year}/releases/feed.atom?locale=${locale}`;
}

/** `alternates.types` of an edition's agenda page: its releases feed, for feed readers to find
 * (<link rel="alternate" type="application/atom+xml">). */
export function agendaFeedTypes(apiBase: string, year: number, locale: Locale, editionTitle: string): NonNullable<Metadata["alternates"]>["types"] {
  return { "application/atom+xml": [{ url: agendaFeedUrl(apiBase, year, locale), title: `${editionTitle} — ${dictionary(locale).agendaFeed}` }] };
}

/** What the header and footer show: the current edition, its details and its venue/about pages. */
export interface SiteChrome {
  edition: Edition | null;
  detail: EditionDetail | null;
  venuePage: Page | null;
  aboutPage: Page | null;
}

/** The header's and footer's data; an empty chrome (never an error) when the API cannot answer,
 * so that error and 404 pages still render. */
export async function siteChrome(locale: Locale): Promise<SiteChrome> {
  try {
    const edition = (await currentEdition(locale)) ?? null;
    if (!edition) return { edition: null, detail: null, venuePage: null, aboutPage: null };
    const [detail, pages] = await Promise.all([api.edition(edition.year, locale), api.pages(locale, { year: edition.year })]);
    return { edition, detail, ...editionPages(pages) };
  } catch {
    return { edition: null, detail: null, venuePage: null, aboutPage: null };
  }
}

/** "one" or "other" of a two-form label (Bulgarian and English need no more for counts). */
export function plural(n: number, forms: readonly [string, string]): string {
  return n === 1 ? forms[0] : forms[1];
}
