import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EditionHome } from "@/components/EditionHome";
import { api } from "@/lib/api";
import { dictionary } from "@/lib/i18n";
import { editionPages } from "@/lib/editions";
import { editionDescription } from "@/lib/meta";
import { alternates, localeOf, yearOf } from "@/lib/site";

export async function generateMetadata({ params }: PageProps<"/[locale]/[year]">): Promise<Metadata> {
  const p = await params;
  const locale = localeOf(p.locale);
  const edition = /^\d{4}$/.test(p.year) ? await api.edition(Number(p.year), locale) : null;
  if (!edition) return { title: dictionary(locale).site.notFoundTitle };
  const description = editionDescription(edition, locale);
  const image = edition.hero_image?.urls.hero;
  return {
    title: { absolute: edition.title },
    description,
    alternates: alternates(locale, `/${edition.year}`),
    openGraph: { title: edition.title, description, type: "website", locale, url: `/${locale}/${edition.year}`, images: image ? [image] : [] },
  };
}

export default async function EditionPage({ params }: PageProps<"/[locale]/[year]">) {
  const p = await params;
  const locale = localeOf(p.locale);
  const year = yearOf(p.year);
  const [edition, speakers, pages, sessions] = await Promise.all([
    api.edition(year, locale),
    api.speakers(locale, year),
    api.pages(locale, { year }),
    api.sessions(year, locale),
  ]);
  if (!edition) notFound();
  return <EditionHome locale={locale} edition={edition} speakers={speakers} pages={pages} sessions={sessions} {...editionPages(pages)} />;
}
