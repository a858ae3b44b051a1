import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EditionHome } from "@/components/EditionHome";
import { api } from "@/lib/api";
import { editionPages } from "@/lib/editions";
import { dictionary } from "@/lib/i18n";
import { editionDescription } from "@/lib/meta";
import { alternates, currentEdition, localeOf } from "@/lib/site";

export async function generateMetadata({ params }: PageProps<"/[locale]">): Promise<Metadata> {
  const locale = localeOf((await params).locale);
  const summary = await currentEdition(locale);
  const title = summary?.title ?? dictionary(locale).siteName;
  const description = summary ? editionDescription(summary, locale) : undefined;
  return {
    title: { absolute: title },
    description,
    alternates: alternates(locale, ""),
    openGraph: { title, description, type: "website", locale, images: summary?.hero_image?.urls.hero ? [summary.hero_image.urls.hero] : [] },
  };
}

export default async function Home({ params }: PageProps<"/[locale]">) {
  const locale = localeOf((await params).locale);
  const summary = await currentEdition(locale);
  if (!summary) notFound();
  const year = summary.year;
  const [edition, speakers, pages, sessions] = await Promise.all([
    api.edition(year, locale),
    api.speakers(locale, year),
    api.pages(locale, { year }),
    api.sessions(year, locale),
  ]);
  if (!edition) notFound();
  return <EditionHome locale={locale} edition={edition} speakers={speakers} pages={pages} sessions={sessions} {...editionPages(pages)} />;
}
