import type { Metadata, Viewport } from "next";
import { notFound } from "next/navigation";
import { draftMode } from "next/headers";
import "../globals.css";
import { Footer } from "@/components/Footer";
import { Header } from "@/components/Header";
import { registrationOpen } from "@/lib/editions";
import { editionDescription } from "@/lib/meta";
import { dictionary, isLocale } from "@/lib/i18n";
import { requestOrigin, siteChrome } from "@/lib/site";
import { dayKey } from "@/lib/time";

// Pages render per request from cached API data (tagged fetches; see /api/revalidate),
// so a build needs no running API.
export const dynamic = "force-dynamic";

export const viewport: Viewport = { themeColor: "#0a4f9c", colorScheme: "light" };

export async function generateMetadata({ params }: LayoutProps<"/[locale]">): Promise<Metadata> {
  const { locale } = await params;
  const lang = isLocale(locale) ? locale : "bg";
  const t = dictionary(lang);
  const { edition } = await siteChrome(lang);
  // Every page's description unless it has its own: the current edition in a sentence.
  const description = edition ? editionDescription(edition, lang) : t.siteName;
  return {
    // The address of this request (SITE_URL, else its host): one build serves any host.
    metadataBase: new URL(await requestOrigin()),
    title: { default: t.siteName, template: `%s · ${t.siteName}` },
    description,
    applicationName: t.siteName,
    openGraph: { siteName: t.siteName, locale: locale === "en" ? "en_GB" : "bg_BG" },
    formatDetection: { telephone: false },
  };
}

export default async function LocaleLayout({ children, params }: LayoutProps<"/[locale]">) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = dictionary(locale);
  const [draft, chrome] = await Promise.all([draftMode(), siteChrome(locale)]);
  const registration = chrome.edition && registrationOpen(chrome.edition, dayKey(new Date())) ? chrome.edition.registration_url : null;
  return (
    <html lang={locale} suppressHydrationWarning>
      <head>
        {/* Marks JavaScript as available before the first paint, so the phone menu starts folded without a jump. */}
        <script dangerouslySetInnerHTML={{ __html: "document.documentElement.classList.add('js')" }} />
      </head>
      <body>
        <a className="skip" href="#main">
          {t.skip}
        </a>
        {draft.isEnabled ? <div className="draft-banner">{t.preview}</div> : null}
        <Header locale={locale} chrome={chrome} registrationUrl={registration} />
        <main id="main" className="container">
          {children}
        </main>
        <Footer locale={locale} chrome={chrome} />
      </body>
    </html>
  );
}
