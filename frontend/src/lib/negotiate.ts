/** Which language a visitor without one in the path gets: the language switch's cookie, else the
 * browser's Accept-Language (English preferred over Bulgarian -> en), else Bulgarian. */
import { DEFAULT_LOCALE, isLocale, type Locale } from "./i18n";

export const LOCALE_COOKIE = "locale";
/** Set by the proxy on requests below /bg and /en: the page's language. */
export const LOCALE_HEADER = "x-site-locale";

/** Language ranges of an Accept-Language header, best first (q=0 left out). */
export function acceptedLanguages(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .slice(0, 50)
    .map((part, index) => {
      const [range = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { range: range.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((item) => item.range && item.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((item) => item.range);
}

export function preferredLocale(acceptLanguage: string | null | undefined, cookie?: string | null): Locale {
  if (cookie && isLocale(cookie)) return cookie;
  for (const range of acceptedLanguages(acceptLanguage)) {
    const primary = range.split("-")[0] ?? "";
    if (isLocale(primary)) return primary;
  }
  return DEFAULT_LOCALE;
}
