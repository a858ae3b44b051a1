import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { api } from "./api";
import { pickCurrentEdition } from "./editions";
import { isLocale, type Locale } from "./i18n";
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

/** hreflang alternates and the canonical URL of a path below the locale prefix ("" or "/2027/agenda"). */
export function alternates(locale: Locale, rest: string): Metadata["alternates"] {
  return {
    canonical: `/${locale}${rest}`,
    languages: { bg: `/bg${rest}`, en: `/en${rest}` },
  };
}
