import Link from "next/link";
import { notFound } from "next/navigation";
import { api } from "@/lib/api";
import { dictionary, type Locale } from "@/lib/i18n";
import { links } from "@/lib/links";
import { PartnerGroups } from "./PartnerGroups";

export async function PartnersPage({ locale, year }: { locale: Locale; year: number }) {
  const t = dictionary(locale);
  // The edition's detail: its partners with full organisation summaries (website links).
  const [edition, editions] = await Promise.all([api.edition(year, locale), api.editions(locale)]);
  if (!edition) notFound();
  return (
    <>
      <h1>
        {t.partnersTitle}: {edition.title}
      </h1>
      <div data-testid="partners" data-year={year}>
        <PartnerGroups groups={edition.partners} tierLabel={t.tier} />
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
