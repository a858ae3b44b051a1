import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EditionHome } from "@/components/EditionHome";
import { api } from "@/lib/api";
import { stripTags } from "@/lib/sanitize";
import { alternates, localeOf, yearOf } from "@/lib/site";

export async function generateMetadata({ params }: PageProps<"/[locale]/[year]">): Promise<Metadata> {
  const p = await params;
  const locale = localeOf(p.locale);
  const edition = await api.edition(yearOf(p.year), locale);
  if (!edition) return {};
  const description = stripTags(edition.intro) || edition.theme;
  const image = edition.hero_image?.urls.hero;
  return {
    title: edition.title,
    description,
    alternates: alternates(locale, `/${edition.year}`),
    openGraph: { title: edition.title, description, type: "website", locale, url: `/${locale}/${edition.year}`, images: image ? [image] : [] },
  };
}

export default async function EditionPage({ params }: PageProps<"/[locale]/[year]">) {
  const p = await params;
  const locale = localeOf(p.locale);
  const year = yearOf(p.year);
  const [edition, speakers, pages] = await Promise.all([api.edition(year, locale), api.speakers(locale, year), api.pages(locale, { year, type: "news" })]);
  if (!edition) notFound();
  return <EditionHome locale={locale} edition={edition} speakers={speakers} pages={pages} />;
}
