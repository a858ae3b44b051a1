import Link from "@/components/Link";
import { YearPills } from "./YearPills";
import { notFound } from "next/navigation";
import { api } from "@/lib/api";
import { dictionary, type Locale } from "@/lib/i18n";
import { links } from "@/lib/links";
import { formatDateRange } from "@/lib/time";
import { PartnerGroups } from "./PartnerGroups";

export async function PartnersPage({ locale, year }: { locale: Locale; year: number }) {
  const t = dictionary(locale);
  // The edition's detail: its partners with full organisation summaries (website links).
  const [edition, editions] = await Promise.all([api.edition(year, locale), api.editions(locale)]);
  if (!edition) notFound();
  const years = [...editions].sort((a, b) => b.year - a.year);
  // Patron and organisers first, then sponsors by tier, then the other roles in the editors' order.
  const lead = ["patron", "organiser", "co_organiser", "sponsor"];
  const groups = [
    ...lead.flatMap((role) => edition.partners.filter((g) => g.role === role)),
    ...edition.partners.filter((g) => !lead.includes(g.role)),
  ];
  return (
    <>
      <header className="page-head">
        <p className="eyebrow">
          <Link href={links.edition(locale, year)}>{edition.title}</Link>
        </p>
        <h1>
          {t.partnersTitle} <span className="nowrap">{year}</span>
        </h1>
        <p className="lead">
          {formatDateRange(edition.start_date, edition.end_date, locale)} · {edition.venue.name}
        </p>
      </header>
      {years.length > 1 ? (
        <YearPills
          label={t.site.editionFilter}
          after="var(--space-5)"
          items={years.map((e) => ({ href: links.partners(locale, e.year), text: e.year, current: e.year === year }))}
        />
      ) : null}
      <div data-testid="partners" data-year={year}>
        <PartnerGroups groups={groups} tierLabels={t.site.tiers} />
      </div>
    </>
  );
}
