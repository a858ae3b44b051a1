import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ContentPageView } from "@/components/ContentPageView";
import { renderContent } from "@/components/registry";
import { api } from "@/lib/api";
import { dictionary, type Locale } from "@/lib/i18n";
import type { PageDetail } from "@/lib/schemas";
import { pageDescription, sessionDescription } from "@/lib/meta";
import { alternates, localeOf, yearOf } from "@/lib/site";

/** What lives at /{locale}/{year}/{slug}: a session or a news/content/venue page, as the API's `url` says. */
async function resolve(locale: Locale, year: number, slug: string) {
  const sessions = await api.sessions(year, locale);
  const session = sessions.find((s) => s.slug === slug);
  if (session) {
    const detail = await api.session(session.id, locale);
    return detail ? { type: "session" as const, data: detail, title: detail.title, description: sessionDescription(detail, locale), jsonld: true } : null;
  }
  const pages = await api.pages(locale, { year });
  const page = pages.find((p) => p.slug === slug);
  if (!page) return null;
  const detail = await api.page(page.id, locale);
  return detail ? { type: detail.type, data: detail, title: detail.title, description: pageDescription(detail), jsonld: false } : null;
}

export async function generateMetadata({ params }: PageProps<"/[locale]/[year]/[slug]">): Promise<Metadata> {
  const p = await params;
  const locale = localeOf(p.locale);
  const year = yearOf(p.year);
  const found = await resolve(locale, year, p.slug);
  if (!found) return { title: dictionary(locale).site.notFoundTitle };
  const path = `/${year}/${p.slug}`;
  return {
    title: found.title,
    description: found.description || undefined,
    alternates: alternates(locale, path),
    openGraph: {
      title: found.title,
      description: found.description || undefined,
      type: found.type === "news" ? "article" : "website",
      locale,
      url: `/${locale}${path}`,
    },
  };
}

export default async function ContentRoute({ params }: PageProps<"/[locale]/[year]/[slug]">) {
  const p = await params;
  const locale = localeOf(p.locale);
  const year = yearOf(p.year);
  const found = await resolve(locale, year, p.slug);
  if (!found) notFound();
  // The venue page shows its edition's address and a map link.
  if (found.type === "venue") return <ContentPageView locale={locale} page={found.data as PageDetail} edition={await api.edition(year, locale)} />;
  return renderContent(found.type, locale, found.data) ?? notFound();
}
