import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { dictionary, isLocale } from "@/lib/i18n";

export async function generateMetadata({ params }: PageProps<"/[locale]/[...missing]">): Promise<Metadata> {
  const { locale } = await params;
  return { title: dictionary(isLocale(locale) ? locale : "bg").site.notFoundTitle };
}

/** Any other address below /bg or /en: the site's own 404 page, in the page's language. */
export default function Missing() {
  notFound();
}
