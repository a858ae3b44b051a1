import Link from "next/link";
import type { Locale } from "@/lib/i18n";
import { dictionary } from "@/lib/i18n";
import { links } from "@/lib/links";
import { LanguageSwitch } from "./LanguageSwitch";
import { NavLink } from "./NavLink";

export function Header({ locale }: { locale: Locale }) {
  const t = dictionary(locale);
  const items: [string, string][] = [
    [links.home(locale), t.nav.home],
    [`/${locale}/agenda`, t.nav.agenda],
    [links.speakers(locale), t.nav.speakers],
    [links.partners(locale), t.nav.partners],
    [links.news(locale), t.nav.news],
    [links.archive(locale), t.nav.archive],
    [links.search(locale), t.nav.search],
    [links.myAgenda(locale), t.nav.myAgenda],
  ];
  return (
    <header className="site">
      <div className="bar">
        <Link className="brand" href={links.home(locale)}>
          {t.siteName}
        </Link>
        <nav className="main" aria-label={t.nav.home}>
          <ul>
            {items.map(([href, label]) => (
              <li key={href}>
                <NavLink href={href}>{label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <LanguageSwitch locale={locale} label={t.switchTo} title={t.switchLabel} />
      </div>
    </header>
  );
}
