import type { Metadata } from "next";
import Link from "next/link";
import { api } from "@/lib/api";
import { dictionary } from "@/lib/i18n";
import { links } from "@/lib/links";
import { alternates, localeOf } from "@/lib/site";
import { formatDay } from "@/lib/time";

export async function generateMetadata({ params }: PageProps<"/[locale]/news">): Promise<Metadata> {
  const locale = localeOf((await params).locale);
  return { title: dictionary(locale).newsTitle, alternates: alternates(locale, "/news") };
}

export default async function News({ params }: PageProps<"/[locale]/news">) {
  const locale = localeOf((await params).locale);
  const t = dictionary(locale);
  const pages = await api.pages(locale);
  const news = pages.filter((p) => p.type === "news").sort((a, b) => (b.date ?? "").localeCompare(a.date ?? ""));
  const other = pages.filter((p) => p.type !== "news" && p.year);
  return (
    <>
      <h1>{t.newsTitle}</h1>
      <ul className="results" data-testid="news">
        {news.map((p) => (
          <li key={p.id}>
            {p.year ? <span className="year-badge">{p.year}</span> : null}
            {p.year ? <Link href={links.content(locale, p.year, p.slug)}>{p.title}</Link> : p.title}
            {p.date ? <span className="muted"> · {formatDay(p.date, locale)}</span> : null}
            {p.intro ? <p>{p.intro}</p> : null}
          </li>
        ))}
      </ul>
      <h2>{t.page}</h2>
      <ul>
        {other.map((p) => (
          <li key={p.id}>
            <span className="year-badge">{p.year}</span>
            <Link href={links.content(locale, p.year!, p.slug)}>{p.title}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
