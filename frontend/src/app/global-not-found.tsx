import type { Metadata } from "next";
import "./globals.css";
import { dictionary } from "@/lib/i18n";

const bg = dictionary("bg");
const en = dictionary("en");

export const metadata: Metadata = {
  title: `${bg.site.notFoundTitle} · ${en.site.notFoundTitle} (404)`,
  robots: { index: false },
};

/** The 404 page for addresses outside /bg and /en (the proxy sends every other one to a language). */
export default function GlobalNotFound() {
  return (
    <html lang="bg">
      <body>
        <main id="main" className="container" style={{ textAlign: "center", paddingBlock: "var(--space-8)" }}>
          <p className="eyebrow">404</p>
          <h1>{bg.site.notFoundTitle}</h1>
          <p className="lead" style={{ marginInline: "auto" }}>
            <a href="/bg">{bg.site.backHome}</a>
          </p>
          <h2 lang="en">{en.site.notFoundTitle}</h2>
          <p className="lead" lang="en" style={{ marginInline: "auto" }}>
            <a href="/en">{en.site.backHome}</a>
          </p>
        </main>
      </body>
    </html>
  );
}
