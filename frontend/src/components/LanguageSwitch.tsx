"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { Suspense } from "react";
import type { Locale } from "@/lib/i18n";
import { switchLocalePath } from "@/lib/i18n";
import { LOCALE_COOKIE } from "@/lib/negotiate";

/** Remember the choice for / (the proxy reads the cookie before Accept-Language). */
function remember(locale: Locale) {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
}

function Switch({ locale, label, title, className }: { locale: Locale; label: string; title: string; className?: string }) {
  const pathname = usePathname();
  const search = useSearchParams();
  const other: Locale = locale === "bg" ? "en" : "bg";
  const query = search.toString();
  const href = switchLocalePath(pathname, other) + (query ? `?${query}` : "");
  // A plain link: the other language is a full server render of the same page.
  return (
    <a className={className} href={href} hrefLang={other} lang={other} title={title} data-testid="language-switch" onClick={() => remember(other)}>
      {label}
    </a>
  );
}

export function LanguageSwitch(props: { locale: Locale; label: string; title: string; className?: string }) {
  const other = props.locale === "bg" ? "en" : "bg";
  return (
    <Suspense
      fallback={
        <a className={props.className} href={`/${other}`} hrefLang={other} lang={other} title={props.title}>
          {props.label}
        </a>
      }
    >
      <Switch {...props} />
    </Suspense>
  );
}
