import type { Metadata } from "next";
import { PartnersPage } from "@/components/PartnersPage";
import { dictionary } from "@/lib/i18n";
import { alternates, localeOf, yearOf } from "@/lib/site";

export async function generateMetadata({ params }: PageProps<"/[locale]/[year]/partners">): Promise<Metadata> {
  const p = await params;
  const locale = localeOf(p.locale);
  return { title: `${dictionary(locale).partnersTitle} ${yearOf(p.year)}`, alternates: alternates(locale, `/${p.year}/partners`) };
}

export default async function EditionPartners({ params }: PageProps<"/[locale]/[year]/partners">) {
  const p = await params;
  return <PartnersPage locale={localeOf(p.locale)} year={yearOf(p.year)} />;
}
