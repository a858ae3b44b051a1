import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { draftMode } from "next/headers";
import "../globals.css";
import { Header } from "@/components/Header";
import { dictionary, isLocale } from "@/lib/i18n";

export const metadata: Metadata = {
  metadataBase: new URL(process.env.SITE_URL || "http://127.0.0.1:3000"),
};

// Pages render per request from cached API data (tagged fetches; see /api/revalidate),
// so a build needs no running API.
export const dynamic = "force-dynamic";

export default async function LocaleLayout({ children, params }: LayoutProps<"/[locale]">) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = dictionary(locale);
  const draft = (await draftMode()).isEnabled;
  return (
    <html lang={locale}>
      <body>
        <a className="skip" href="#main">
          {t.skip}
        </a>
        {draft ? <div className="draft-banner">{t.preview}</div> : null}
        <Header locale={locale} />
        <main id="main" className="container">
          {children}
        </main>
        <footer className="site">{t.siteName}</footer>
      </body>
    </html>
  );
}
