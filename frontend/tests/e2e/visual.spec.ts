import { expect, test, type Locator, type Page } from "@playwright/test";
import { API_URL } from "./helpers";

// Visual regression: the key pages in both languages at a desktop and a phone width, compared with
// the committed baselines in visual.spec.ts-snapshots/ (maxDiffPixelRatio in playwright.config.ts).
// After an intended design change: `npx playwright test visual --update-snapshots` against the
// stack (BASE_URL, API_URL), then look at the new images before committing them.
//
// Deterministic by construction:
// - the browser's clock is fixed (page.clock) and the agenda is given the same instant (?now=), so
//   no "now"/"next" mark or "today" tab depends on when the test runs;
// - animations and transitions are off, the caret hidden, fonts loaded, every image loaded;
// - the demo's editions have fixed dates (2025, 2026, 2027) and statuses: nothing in the data
//   moves with today's date. What the server renders from ITS clock (the footer's copyright year)
//   is masked; the home and header's registration state changes only when the 2027 edition is over
//   (its end_date), which the first test checks so that a stale baseline fails with that reason;
// - the pages are ones no other spec changes: freshness.spec.ts retitles a 2026 session
//   (green-mechatronics) while it runs, so the session and speaker shown here are chosen away
//   from it, and the agenda is 2027's.

const CLOCK = new Date("2026-12-01T10:00:00+02:00");
const WIDTHS = [
  { name: "1366", width: 1366, height: 900 },
  { name: "390", width: 390, height: 844 },
] as const;
const LANGS = ["bg", "en"] as const;
type Lang = (typeof LANGS)[number];
const YEAR = 2027;
// The session freshness.spec.ts edits during its run: neither it nor its speakers are shown here.
const EDITED = { year: 2026, slug: "green-mechatronics" };
const QUERY: Record<Lang, string> = { bg: "дигитализация", en: "digitalisation" };
// Full pages are compared down to this height (a phone's agenda is long); the rest is left out.
const MAX_HEIGHT = 6000;

interface SessionRow {
  slug: string;
  start: string;
  speakers: { id: number }[];
}

async function sessions(request: import("@playwright/test").APIRequestContext, year: number, lang: Lang): Promise<SessionRow[]> {
  const response = await request.get(`${API_URL}/api/v1/sessions/?year=${year}&locale=${lang}&page_size=100`);
  expect(response.ok(), `the API's sessions of ${year}`).toBe(true);
  return ((await response.json()) as { results: SessionRow[] }).results;
}

/** A 2027 session with speakers, none of whom appears in the session freshness.spec.ts edits. */
async function stablePages(request: import("@playwright/test").APIRequestContext, lang: Lang) {
  const edited = (await sessions(request, EDITED.year, lang)).find((s) => s.slug === EDITED.slug);
  const avoid = new Set((edited?.speakers ?? []).map((s) => s.id));
  const candidates = (await sessions(request, YEAR, lang))
    .filter((s) => s.slug !== "opening" && s.speakers.length > 0 && s.speakers.every((p) => !avoid.has(p.id)))
    .sort((a, b) => a.start.localeCompare(b.start) || a.slug.localeCompare(b.slug));
  const session = candidates[0];
  expect(session, `a ${YEAR} session with speakers other than ${EDITED.slug}'s`).toBeTruthy();
  return { session: `/${lang}/${YEAR}/${session!.slug}`, speaker: `/${lang}/speakers/${session!.speakers[0]!.id}` };
}

/** Everything loaded and still: fonts, every image (lazy ones too), no pending requests. */
async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
  await page.evaluate(async () => {
    const images = Array.from(document.images);
    for (const img of images) if (img.loading === "lazy") img.loading = "eager";
    await document.fonts.ready;
    const loaded = (img: HTMLImageElement) =>
      new Promise<void>((resolve) => {
        if (img.complete) return resolve();
        img.addEventListener("load", () => resolve(), { once: true });
        img.addEventListener("error", () => resolve(), { once: true });
      });
    await Promise.all(images.map(loaded));
  });
  await page.waitForLoadState("networkidle");
}

/** What the server renders from its own clock: the copyright year. */
function dateDependent(page: Page): Locator[] {
  return [page.locator("footer").getByText(/©/)];
}

async function compare(page: Page, name: string, width: number) {
  await settle(page);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await expect(page).toHaveScreenshot(`${name}.png`, {
    fullPage: true,
    clip: { x: 0, y: 0, width, height: Math.min(height, MAX_HEIGHT) },
    mask: dateDependent(page),
    timeout: 20_000,
  });
}

test.describe("visual regression", () => {
  test.describe.configure({ timeout: 90_000 });

  test("the server's date is before the end of the demo's 2027 edition (the baselines show it as upcoming)", async ({ request }) => {
    const response = await request.get("/bg");
    const serverDate = new Date(response.headers()["date"] ?? "");
    const edition = await request.get(`${API_URL}/api/v1/editions/${YEAR}/?locale=bg`);
    expect(edition.ok()).toBe(true);
    const { end_date } = (await edition.json()) as { end_date: string };
    expect(
      serverDate.toISOString().slice(0, 10) <= end_date,
      `the server's date ${serverDate.toISOString()} is past the demo's ${YEAR} edition (${end_date}): the site now shows it as over, ` +
        "so the baselines no longer apply; regenerate them with `npx playwright test visual --update-snapshots`",
    ).toBe(true);
  });

  const KINDS = ["home", "agenda", "session", "speaker", "speakers", "partners", "search"] as const;
  for (const lang of LANGS) {
    for (const size of WIDTHS) {
      for (const kind of KINDS) {
        test(`${kind} ${lang} ${size.width}px`, async ({ page, request }) => {
          await page.setViewportSize({ width: size.width, height: size.height });
          await page.clock.setFixedTime(CLOCK);
          const stable = kind === "session" || kind === "speaker" ? await stablePages(request, lang) : null;
          const path = {
            home: `/${lang}`,
            agenda: `/${lang}/${YEAR}/agenda?now=${encodeURIComponent(CLOCK.toISOString())}`,
            session: stable?.session,
            speaker: stable?.speaker,
            speakers: `/${lang}/speakers`,
            partners: `/${lang}/partners`,
            search: `/${lang}/search?q=${encodeURIComponent(QUERY[lang])}`,
          }[kind]!;
          const response = await page.goto(path);
          expect(response?.status(), path).toBe(200);
          await compare(page, `${kind}-${lang}-${size.name}`, size.width);
        });
      }
    }
  }
});
