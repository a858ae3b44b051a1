import Link from "@/components/Link";
import { splitPartners } from "@/lib/editions";
import type { Locale } from "@/lib/i18n";
import { dictionary } from "@/lib/i18n";
import { links } from "@/lib/links";
import type { SiteChrome } from "@/lib/site";
import { formatDateRange } from "@/lib/time";
import styles from "./Footer.module.css";
import { BrandMark, Icon } from "./Icon";

const NETWORK_NAMES: Record<string, string> = {
  linkedin: "LinkedIn",
  facebook: "Facebook",
  x: "X",
  youtube: "YouTube",
  instagram: "Instagram",
};

/** The site footer: who organises the conference, how to reach them, where to go next. */
export function Footer({ locale, chrome }: { locale: Locale; chrome: SiteChrome }) {
  const t = dictionary(locale);
  const detail = chrome.detail;
  const conference = detail?.conference;
  const { patrons, organisers } = splitPartners(detail?.partners ?? []);
  const organisations = organisers.flatMap((g) => g.partners.map((p) => ({ role: g.role_label, org: p.organisation })));
  const patronNames = patrons.flatMap((g) => g.partners.map((p) => p.organisation.name));
  const year = new Date().getFullYear();
  const name = conference?.title || t.siteName;
  return (
    <footer className={styles.footer} data-testid="site-footer">
      <div className={`container ${styles.grid}`}>
        <section className={styles.about} aria-labelledby="footer-about">
          <h2 id="footer-about" className={styles.brand}>
            <BrandMark size={40} />
            <span>{name}</span>
          </h2>
          {chrome.edition ? (
            <p className={styles.edition}>
              {formatDateRange(chrome.edition.start_date, chrome.edition.end_date, locale)}
              <br />
              {chrome.edition.venue.name}
              {chrome.edition.venue.city ? `, ${chrome.edition.venue.city}` : ""}
            </p>
          ) : null}
          {patronNames.length ? (
            <p className={styles.patron}>
              {t.site.underPatronage} <strong>{patronNames.join(", ")}</strong>
            </p>
          ) : null}
        </section>

        {organisations.length ? (
          <section aria-labelledby="footer-organisers">
            <h2 id="footer-organisers" className={styles.heading}>
              {t.site.organisers}
            </h2>
            <ul className={styles.list} data-testid="footer-organisers">
              {organisations.map(({ role, org }) => (
                <li key={org.id}>
                  {org.website ? (
                    <a href={org.website} rel="noopener">
                      {org.name}
                    </a>
                  ) : (
                    <span className={styles.name}>{org.name}</span>
                  )}
                  <span className={styles.role}>{role}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <section aria-labelledby="footer-contact">
          <h2 id="footer-contact" className={styles.heading}>
            {t.site.contact}
          </h2>
          {conference?.contact_email ? (
            <>
              <p className={styles.small}>{t.site.contactText}</p>
              <p>
                <a className={styles.iconLink} href={`mailto:${conference.contact_email}`} data-testid="footer-email">
                  <Icon name="mail" size={18} />
                  {conference.contact_email}
                </a>
              </p>
            </>
          ) : null}
          {conference?.social_links.length ? (
            <>
              <h3 className={styles.subheading}>{t.site.follow}</h3>
              <ul className={styles.social} data-testid="footer-social">
                {conference.social_links.map((link) => {
                  const label = NETWORK_NAMES[link.network] ?? t.site.website;
                  return (
                    <li key={link.url}>
                      <a href={link.url} rel="noopener me" aria-label={`${label}: ${name}`} title={label}>
                        <Icon name={link.network === "website" ? "globe" : link.network} size={22} />
                      </a>
                    </li>
                  );
                })}
              </ul>
            </>
          ) : null}
        </section>

        <nav aria-labelledby="footer-explore">
          <h2 id="footer-explore" className={styles.heading}>
            {t.site.explore}
          </h2>
          <ul className={styles.list}>
            <li>
              <Link href={links.archive(locale)}>{t.nav.archive}</Link>
            </li>
            <li>
              <Link href={links.news(locale)}>{t.nav.news}</Link>
            </li>
            <li>
              <Link href={links.speakers(locale)}>{t.nav.speakers}</Link>
            </li>
            <li>
              <Link href={links.search(locale)}>{t.nav.search}</Link>
            </li>
          </ul>
          <h3 className={styles.subheading}>{t.site.language}</h3>
          <ul className={`row-list ${styles.langs}`}>
            <li>
              <a href="/bg" hrefLang="bg" lang="bg" aria-current={locale === "bg" ? "true" : undefined}>
                Български
              </a>
            </li>
            <li>
              <a href="/en" hrefLang="en" lang="en" aria-current={locale === "en" ? "true" : undefined}>
                English
              </a>
            </li>
          </ul>
        </nav>
      </div>
      <div className={styles.bottom}>
        <div className={`container ${styles.bottomInner}`}>
          <p>
            © {year} {name}. {t.site.rights}
          </p>
          <p>
            <Link href={links.archive(locale)}>{t.archiveTitle}</Link>
          </p>
        </div>
      </div>
    </footer>
  );
}
