import type { Metadata } from "next";
import Link from "@/components/Link";
import { Picture } from "@/components/Picture";
import { api } from "@/lib/api";
import { dictionary } from "@/lib/i18n";
import { links } from "@/lib/links";
import { alternates, localeOf } from "@/lib/site";
import { formatDay } from "@/lib/time";
import styles from "./news.module.css";

export async function generateMetadata({ params }: PageProps<"/[locale]/news">): Promise<Metadata> {
  const locale = localeOf((await params).locale);
  return { title: dictionary(locale).newsTitle, alternates: alternates(locale, "/news") };
}

export default async function News({ params }: PageProps<"/[locale]/news">) {
  const locale = localeOf((await params).locale);
  const t = dictionary(locale);
  const pages = await api.pages(locale);
  const news = pages.filter((p) => p.type === "news").sort((a, b) => (b.date ?? "").localeCompare(a.date ?? ""));
  const info = pages.filter((p) => p.type !== "news" && p.year).sort((a, b) => (b.year ?? 0) - (a.year ?? 0) || a.title.localeCompare(b.title, locale));
  const years = [...new Set(info.map((p) => p.year!))];
  return (
    <>
      <header className="page-head">
        <h1>{t.newsTitle}</h1>
      </header>
      <div className={styles.layout}>
        <ul className={styles.news} data-testid="news">
          {news.map((p, i) => (
            <li key={p.id} className={`card ${styles.item}`}>
              {p.image && i === 0 ? <Picture image={p.image} size="card" alt="" className={styles.image} /> : null}
              <p className={styles.meta}>
                {p.year ? <span className="year-badge">{p.year}</span> : null}
                {p.date ? <time dateTime={p.date}>{formatDay(p.date, locale)}</time> : null}
              </p>
              <h2 className={styles.title}>{p.year ? <Link href={links.content(locale, p.year, p.slug)}>{p.title}</Link> : p.title}</h2>
              {p.intro ? <p className={styles.intro}>{p.intro}</p> : null}
            </li>
          ))}
        </ul>
        {info.length ? (
          <aside className={styles.info} aria-labelledby="info-pages">
            <h2 id="info-pages">{t.site.information}</h2>
            {years.map((year) => (
              <section key={year} aria-label={`${t.edition} ${year}`}>
                <h3 className={styles.year}>
                  <span className="year-badge">{year}</span>
                </h3>
                <ul>
                  {info
                    .filter((p) => p.year === year)
                    .map((p) => (
                      <li key={p.id}>
                        <Link href={links.content(locale, year, p.slug)}>{p.title}</Link>
                      </li>
                    ))}
                </ul>
              </section>
            ))}
          </aside>
        ) : null}
      </div>
    </>
  );
}
