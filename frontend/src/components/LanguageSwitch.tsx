"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { Suspense } from "react";
import type { Locale } from "@/lib/i18n";
import { switchLocalePath } from "@/lib/i18n";

function Switch({ locale, label, title }: { locale: Locale; label: string; title: string }) {
  const pathname = usePathname();
  const search = useSearchParams();
  const other: Locale = locale === "bg" ? "en" : "bg";
  const query = search.toString();
  const href = switchLocalePath(pathname, other) + (query ? `?${query}` : "");
  // A plain link: the other language is a full server render of the same page.
  return (
    <a className="lang" href={href} hrefLang={other} lang={other} title={title} data-testid="language-switch">
      {label}
    </a>
  );
}

export function LanguageSwitch(props: { locale: Locale; label: string; title: string }) {
  const other = props.locale === "bg" ? "en" : "bg";
  return (
    <Suspense fallback={<a className="lang" href={`/${other}`} hrefLang={other} lang={other}>{props.label}</a>}>
      <Switch {...props} />
    </Suspense>
  );
}
