import Link from "next/link";
import { notFound } from "next/navigation";
import { api } from "@/lib/api";
import { dictionary, type Locale } from "@/lib/i18n";
import { links } from "@/lib/links";
import { PartnerGroups } from "./PartnerGroups";

export async function PartnersPage({ locale, year }: { locale: Locale; year: number }) {
  const t = dictionary(locale);
  const [all, editions] = await Promise.all([api.partners(locale, year), api.editions(locale)]);
  const edition = all.find((e) => e.year === year);
  if (!edition) notFound();
  return (
    <>
      <h1>
        {t.partnersTitle}: {edition.title}
      </h1>
      <div data-testid="partners" data-year={year}>
        <PartnerGroups groups={edition.groups} tierLabel={t.tier} />
      </div>
      <h2>{t.otherEditions}</h2>
      <ul>
        {editions
          .filter((e) => e.year !== year)
          .sort((a, b) => b.year - a.year)
          .map((e) => (
            <li key={e.year}>
              <Link href={links.partners(locale, e.year)}>{e.year}</Link>
            </li>
          ))}
      </ul>
    </>
  );
}
