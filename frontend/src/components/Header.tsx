import Link from "@/components/Link";
import type { Locale } from "@/lib/i18n";
import { dictionary } from "@/lib/i18n";
import { links } from "@/lib/links";
import type { SiteChrome } from "@/lib/site";
import styles from "./Header.module.css";
import { BrandMark, Icon } from "./Icon";
import { LanguageSwitch } from "./LanguageSwitch";
import { MenuToggle } from "./MenuToggle";
import { NavLink } from "./NavLink";

const MENU_ID = "site-menu";

/** The site header: brand, main navigation, my agenda, search, language and (when open) registration.
 * On phones the navigation folds behind a menu button. */
export function Header({ locale, chrome, registrationUrl }: { locale: Locale; chrome: SiteChrome; registrationUrl?: string | null }) {
  const t = dictionary(locale);
  const year = chrome.edition?.year;
  const items: { href: string; label: string; also?: string[]; exact?: boolean }[] = [
    { href: links.home(locale), label: t.nav.home, also: year ? [links.edition(locale, year)] : [], exact: true },
    { href: year ? links.agenda(locale, year) : `/${locale}/agenda`, label: t.nav.agenda, also: [`/${locale}/agenda`] },
    { href: links.speakers(locale), label: t.nav.speakers },
    { href: links.partners(locale), label: t.nav.partners, also: year ? [links.partners(locale, year)] : [] },
  ];
  if (year && chrome.venuePage) items.push({ href: links.content(locale, year, chrome.venuePage.slug), label: t.nav.venue });
  if (year && chrome.aboutPage) items.push({ href: links.content(locale, year, chrome.aboutPage.slug), label: t.nav.about });
  items.push({ href: links.news(locale), label: t.nav.news }, { href: links.archive(locale), label: t.nav.archive });

  return (
    <header className={styles.header}>
      <div className={`container ${styles.bar}`}>
        <Link className={styles.brand} href={links.home(locale)} data-testid="brand">
          <BrandMark size={40} className={styles.mark} />
          <span className={styles.brandText}>
            <span className={styles.brandName}>{t.siteName}</span>
            {year ? <span className={styles.brandYear}>{year}</span> : null}
          </span>
        </Link>
        <MenuToggle controls={MENU_ID} openLabel={t.site.menu} closeLabel={t.site.closeMenu} />
        <div id={MENU_ID} className={styles.menu} data-testid="site-menu">
          <nav className={styles.nav} aria-label={t.site.mainNav}>
            <ul>
              {items.map((item) => (
                <li key={item.href}>
                  <NavLink href={item.href} also={item.also} exact={item.exact} className={styles.navLink}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <ul className={styles.tools}>
            <li>
              <NavLink href={links.myAgenda(locale)} className={styles.tool}>
                <Icon name="star" size={18} />
                <span className={styles.toolLabel}>{t.nav.myAgenda}</span>
              </NavLink>
            </li>
            <li>
              <NavLink href={links.search(locale)} className={styles.tool}>
                <Icon name="search" size={18} />
                <span className={styles.toolLabel}>{t.nav.search}</span>
              </NavLink>
            </li>
            <li>
              <LanguageSwitch locale={locale} label={t.switchTo} title={t.switchLabel} className={`${styles.tool} ${styles.lang}`} />
            </li>
            {registrationUrl ? (
              <li className={styles.ctaItem}>
                <a className={`button button-accent ${styles.cta}`} href={registrationUrl} data-testid="header-register">
                  {t.site.register}
                </a>
              </li>
            ) : null}
          </ul>
        </div>
      </div>
    </header>
  );
}
