import type { PartnerGroup } from "@/lib/schemas";
import { Picture } from "./Picture";

/** Partners by role (in the editors' order), then by tier within a role. */
export function PartnerGroups({ groups, headingLevel = 2, tierLabel }: { groups: PartnerGroup[]; headingLevel?: 2 | 3; tierLabel: string }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <>
      {groups.map((group) => {
        const tiers = [...new Set(group.partners.map((p) => p.tier))];
        return (
          <section key={group.role} aria-label={group.role_label} data-role={group.role}>
            <H>{group.role_label}</H>
            {tiers.map((tier) => (
              <div key={tier || "none"}>
                {tier ? (
                  <p className="muted">
                    {tierLabel}: <strong>{tier}</strong>
                  </p>
                ) : null}
                <ul className="logos">
                  {group.partners
                    .filter((p) => p.tier === tier)
                    .sort((a, b) => a.order - b.order)
                    .map((p) => (
                      <li key={p.organisation.id}>
                        <Picture image={p.organisation.logo} size="logo_small" alt="" />
                        <div>
                          {p.organisation.website ? (
                            <a href={p.organisation.website} rel="noopener">
                              {p.organisation.name}
                            </a>
                          ) : (
                            p.organisation.name
                          )}
                        </div>
                      </li>
                    ))}
                </ul>
              </div>
            ))}
          </section>
        );
      })}
    </>
  );
}
