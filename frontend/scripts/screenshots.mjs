#!/usr/bin/env node
// Screenshots of a running site for before/after comparisons: the home, the current edition's
// agenda and search results, in Bulgarian and English, at 1366 px (first screen 1366x900 and the
// full page) and 390 px (first screen 390x844 and the full page); full pages are cut at 4000 px.
// Files: OUT/{page}-{lang}-{width}.png and OUT/{page}-{lang}-{width}-full.png.
// Usage: BASE_URL=http://127.0.0.1:3000 OUT=../docs/screenshots/after node scripts/screenshots.mjs
//   env: CHROMIUM_PATH [/usr/bin/chromium], QUERY_BG and QUERY_EN (the searches, one with results in
//   each language) [дигитализация, digitalisation]
// Debian's Chromium, no host but 127.0.0.1 resolved; animations off, fonts and every image loaded.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "@playwright/test";

const BASE = (process.env.BASE_URL || "http://127.0.0.1:3000").replace(/\/+$/, "");
const OUT = process.env.OUT || "screenshots";
const QUERY = { bg: process.env.QUERY_BG || "дигитализация", en: process.env.QUERY_EN || "digitalisation" };
const MAX_HEIGHT = 4000;
const SIZES = [
  { width: 1366, height: 900 },
  { width: 390, height: 844 },
];
const PAGES = [
  ["home", (l) => `/${l}`],
  // Follows the redirect to the current edition's agenda.
  ["agenda", (l) => `/${l}/agenda`],
  ["search", (l) => `/${l}/search?q=${encodeURIComponent(QUERY[l])}`],
];

async function settle(page) {
  await page.waitForLoadState("networkidle");
  await page.evaluate(async () => {
    const images = Array.from(document.images);
    for (const img of images) if (img.loading === "lazy") img.loading = "eager";
    await document.fonts.ready;
    await Promise.all(
      images.map(
        (img) =>
          new Promise((resolve) => {
            if (img.complete) return resolve();
            img.addEventListener("load", resolve, { once: true });
            img.addEventListener("error", resolve, { once: true });
          }),
      ),
    );
  });
  await page.waitForLoadState("networkidle");
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ],
  });
  let count = 0;
  try {
    for (const size of SIZES) {
      const context = await browser.newContext({ viewport: size, reducedMotion: "reduce" });
      const page = await context.newPage();
      for (const lang of ["bg", "en"]) {
        for (const [name, path] of PAGES) {
          const response = await page.goto(`${BASE}${path(lang)}`);
          if (!response || response.status() >= 400) throw new Error(`${path(lang)} answered ${response?.status()}`);
          await settle(page);
          const base = join(OUT, `${name}-${lang}-${size.width}`);
          await page.screenshot({ path: `${base}.png`, animations: "disabled", caret: "hide" });
          const height = await page.evaluate(() => document.documentElement.scrollHeight);
          await page.screenshot({
            path: `${base}-full.png`,
            fullPage: true,
            clip: { x: 0, y: 0, width: size.width, height: Math.min(height, MAX_HEIGHT) },
            animations: "disabled",
            caret: "hide",
          });
          count += 2;
          console.log(`${name} ${lang} ${size.width}: ${decodeURI(page.url().replace(BASE, ""))} (page ${height} px high)`);
        }
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  console.log(`screenshots: ${count} files in ${OUT}/`);
}

main().catch((error) => {
  console.error(`screenshots: ${error.message}`);
  process.exit(1);
});
