import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PartnersPage } from "@/components/PartnersPage";
import { dictionary } from "@/lib/i18n";
import { alternates, currentEdition, localeOf } from "@/lib/site";

export async function generateMetadata({ params }: PageProps<"/[locale]/partners">): Promise<Metadata> {
  const locale = localeOf((await params).locale);
  return { title: dictionary(locale).partnersTitle, alternates: alternates(locale, "/partners") };
}

export default async function CurrentPartners({ params }: PageProps<"/[locale]/partners">) {
  const locale = localeOf((await params).locale);
  const edition = await currentEdition(locale);
  if (!edition) notFound();
  return <PartnersPage locale={locale} year={edition.year} />;
}
