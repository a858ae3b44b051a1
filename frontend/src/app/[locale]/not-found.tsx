import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "@/components/Link";
import { Icon } from "@/components/Icon";
import { dictionary, isLocale, type Locale } from "@/lib/i18n";
import { links } from "@/lib/links";
import { LOCALE_HEADER } from "@/lib/negotiate";
import styles from "./not-found.module.css";

async function pageLocale(): Promise<Locale> {
  const value = (await headers()).get(LOCALE_HEADER) ?? "";
  return isLocale(value) ? value : "bg";
}

export async function generateMetadata(): Promise<Metadata> {
  const t = dictionary(await pageLocale());
  return { title: t.site.notFoundTitle, robots: { index: false } };
}

export default async function NotFound() {
  const locale = await pageLocale();
  const t = dictionary(locale);
  return (
    <section className={styles.page} data-testid="not-found">
      <p className={styles.code} aria-hidden="true">
        404
      </p>
      <h1>{t.site.notFoundTitle}</h1>
      <p className="lead">{t.site.notFoundText}</p>
      <p className="cluster">
        <Link className="button" href={links.home(locale)}>
          {t.site.backHome}
        </Link>
        <Link className="button button-secondary" href={links.search(locale)}>
          <Icon name="search" size={18} />
          {t.nav.search}
        </Link>
      </p>
    </section>
  );
}
