import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EditionHome } from "@/components/EditionHome";
import { api } from "@/lib/api";
import { dictionary } from "@/lib/i18n";
import { alternates, currentEdition, localeOf } from "@/lib/site";
import { stripTags } from "@/lib/sanitize";

export async function generateMetadata({ params }: PageProps<"/[locale]">): Promise<Metadata> {
  const locale = localeOf((await params).locale);
  const summary = await currentEdition(locale);
  const title = summary?.title ?? dictionary(locale).siteName;
  const description = summary ? stripTags(summary.intro) || summary.theme : undefined;
  return {
    title,
    description,
    alternates: alternates(locale, ""),
    openGraph: { title, description, type: "website", locale, images: summary?.hero_image?.urls.hero ? [summary.hero_image.urls.hero] : [] },
  };
}

export default async function Home({ params }: PageProps<"/[locale]">) {
  const locale = localeOf((await params).locale);
  const summary = await currentEdition(locale);
  if (!summary) notFound();
  const [edition, speakers, pages] = await Promise.all([
    api.edition(summary.year, locale),
    api.speakers(locale, summary.year),
    api.pages(locale, { year: summary.year, type: "news" }),
  ]);
  if (!edition) notFound();
  return <EditionHome locale={locale} edition={edition} speakers={speakers} pages={pages} />;
}
