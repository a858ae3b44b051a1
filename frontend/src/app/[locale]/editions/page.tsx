import type { Metadata } from "next";
import Link from "next/link";
import { Picture } from "@/components/Picture";
import { api } from "@/lib/api";
import { dictionary } from "@/lib/i18n";
import { links } from "@/lib/links";
import { alternates, localeOf } from "@/lib/site";
import { formatDateRange } from "@/lib/time";

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
      <h1>{t.archiveTitle}</h1>
      <ul className="cards" data-testid="archive">
        {editions.map((e) => (
          <li key={e.year} className="card">
            <Picture image={e.hero_image} size="card" alt="" />
            <h2 style={{ fontSize: "1.1rem" }}>
              <Link href={links.edition(locale, e.year)}>{e.title}</Link>
            </h2>
            <p className="muted">
              {formatDateRange(e.start_date, e.end_date, locale)} · {e.venue.name}
            </p>
            {e.theme ? <p>{e.theme}</p> : null}
            <p>
              <Link href={links.agenda(locale, e.year)}>
                {t.agenda} {e.year}
              </Link>{" "}
              · <Link href={links.partners(locale, e.year)}>{t.partnersTitle}</Link>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
