import { byTier } from "@/lib/editions";
import type { PartnerGroup } from "@/lib/schemas";
import styles from "./PartnerGroups.module.css";
import { Picture } from "./Picture";

type Partner = PartnerGroup["partners"][number];

/** One organisation: its logo (named in the page's language) and its name, linked to its site. */
export function PartnerLogo({ partner, size = "logo", showName = true }: { partner: Partner; size?: "logo" | "logo_small"; showName?: boolean }) {
  const org = partner.organisation;
  const logo = <Picture image={org.logo} size={size} alt={showName ? "" : org.name} className={styles.logo} />;
  const body = (
    <>
      <span className={styles.logoBox}>{org.logo ? logo : <span className={styles.initials}>{org.short_name || org.name}</span>}</span>
      {showName ? <span className={styles.name}>{org.name}</span> : null}
    </>
  );
  return org.website ? (
    <a className={styles.partner} href={org.website} rel="noopener" data-testid="partner">
      {body}
    </a>
  ) : (
    <div className={styles.partner} data-testid="partner">
      {body}
    </div>
  );
}

/** Partners by role (in the editors' order), sponsors by tier: platinum largest, then gold, silver,
 * bronze; the tier names in the page's language. */
export function PartnerGroups({
  groups,
  headingLevel = 2,
  tierLabels,
}: {
  groups: PartnerGroup[];
  headingLevel?: 2 | 3;
  tierLabels: Record<string, string>;
}) {
  const H = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  return (
    <div className={styles.groups}>
      {groups.map((group) => (
        <section key={group.role} aria-label={group.role_label} data-role={group.role} className={styles.group}>
          <H className={styles.role}>{group.role_label}</H>
          {byTier(group.partners).map(({ tier, partners }) => (
            <div key={tier || "none"} className={styles.tier} data-tier={tier || "none"}>
              {tier ? (
                <Sub className={styles.tierName}>
                  <span className={styles.tierBadge} data-tier={tier}>
                    {tierLabels[tier] ?? tier}
                  </span>
                </Sub>
              ) : null}
              <ul className={styles.grid} data-size={tier || "none"}>
                {partners.map((p) => (
                  <li key={p.organisation.id}>
                    <PartnerLogo partner={p} />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
