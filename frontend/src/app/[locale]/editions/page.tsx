import type { Metadata } from "next";
import Link from "@/components/Link";
import { api } from "@/lib/api";
import { dictionary } from "@/lib/i18n";
import { links } from "@/lib/links";
import { alternates, localeOf } from "@/lib/site";
import { formatDateRange } from "@/lib/time";
import styles from "./editions.module.css";

export async function generateMetadata({ params }: PageProps<"/[locale]/editions">): Promise<Metadata> {
  const locale = localeOf((await params).locale);
  return { title: dictionary(locale).archiveTitle, alternates: alternates(locale, "/editions") };
}

export default async function Archive({ params }: PageProps<"/[locale]/editions">) {
  const locale = localeOf((await params).locale);
  const t = dictionary(locale);
  const editions = [...(await api.editions(locale))].sort((a, b) => b.year - a.year);
  return (
    <>
      <header className="page-head">
        <h1>{t.archiveTitle}</h1>
        <p className="lead">
          {t.siteName} · {editions.length} {t.site.editionsCount}
        </p>
      </header>
      <ul className={styles.grid} data-testid="archive">
        {editions.map((e) => (
          <li key={e.year} className={styles.card}>
            <div className={styles.band} aria-hidden="true">
              <span className={styles.year}>{e.year}</span>
            </div>
            <div className={styles.body}>
              <p className={styles.status} data-status={e.status}>
                {t.status[e.status] ?? e.status}
              </p>
              <h2 className={styles.title}>
                <Link href={links.edition(locale, e.year)}>{e.title}</Link>
              </h2>
              {e.theme ? <p className={styles.theme}>{e.theme}</p> : null}
              <p className="muted small">
                {formatDateRange(e.start_date, e.end_date, locale)} · {e.venue.name}
              </p>
              <p className={styles.links}>
                <Link href={links.agenda(locale, e.year)}>{t.nav.agenda}</Link>
                <Link href={`${links.speakers(locale)}?year=${e.year}`}>{t.nav.speakers}</Link>
                <Link href={links.partners(locale, e.year)}>{t.partnersTitle}</Link>
              </p>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
