import { expect, test, type Page } from "@playwright/test";
import { API_URL, shot } from "./helpers";

// The site's frame on every page: language of /, header and navigation (and the phone menu),
// footer, the edition home's calls to action, speakers by edition, 404 pages, icons, addresses
// read at run time, and no string of the other language on a page.

interface EditionJson {
  year: number;
  registration_url: string;
  conference: { contact_email: string; social_links: { network: string; url: string }[] };
  partners: { role: string; partners: { organisation: { name: string } }[] }[];
}

async function editionOf(page: Page, year: number, locale: "bg" | "en"): Promise<EditionJson> {
  const response = await page.request.get(`${API_URL}/api/v1/editions/${year}/?locale=${locale}`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as EditionJson;
}

test.describe("the language of /", () => {
  test("an English browser gets /en, a Bulgarian or any other one /bg", async ({ request }) => {
    for (const [accept, locale] of [
      ["en-GB,en;q=0.9", "en"],
      ["bg-BG,bg;q=0.9,en;q=0.8", "bg"],
      ["de-DE,de;q=0.9", "bg"],
      ["de-DE,en;q=0.7,bg;q=0.3", "en"],
    ] as const) {
      const response = await request.get("/", { headers: { "Accept-Language": accept }, maxRedirects: 0 });
      expect(response.status(), accept).toBe(307);
      expect(new URL(response.headers()["location"]!, "http://x").pathname, accept).toBe(`/${locale}`);
      expect(response.headers()["vary"]).toContain("Accept-Language");
    }
    const deep = await request.get("/2027/opening", { headers: { "Accept-Language": "en" }, maxRedirects: 0 });
    expect(new URL(deep.headers()["location"]!, "http://x").pathname).toBe("/en/2027/opening");
  });

  test("the language switch's choice wins over the browser's", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ locale: "en-GB", baseURL });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page).toHaveURL(/\/en$/);
    await page.getByTestId("language-switch").click();
    await expect(page).toHaveURL(/\/bg$/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/bg$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "bg");
    await context.close();
  });
});

test.describe("header and footer", () => {
  for (const locale of ["bg", "en"] as const) {
    test(`navigation, registration and footer in ${locale}`, async ({ page }) => {
      await page.goto(`/${locale}`);
      const edition = await editionOf(page, 2027, locale);
      const nav = page.getByRole("navigation", { name: locale === "bg" ? "Основна навигация" : "Main navigation" });
      const labels = locale === "bg" ? ["Начало", "Програма", "Лектори", "Партньори", "Място", "За конференцията", "Новини", "Архив"] : ["Home", "Programme", "Speakers", "Partners", "Venue", "About", "News", "Archive"];
      await expect(nav.getByRole("link")).toHaveText(labels);
      await expect(nav.getByRole("link", { name: labels[4] })).toHaveAttribute("href", `/${locale}/2027/venue`);
      await expect(nav.getByRole("link", { name: labels[5] })).toHaveAttribute("href", `/${locale}/2027/about`);
      await expect(nav.getByRole("link", { name: labels[0] })).toHaveAttribute("aria-current", "page");
      await expect(page.getByTestId("brand")).toContainText("2027");

      // A visible call to register, in the page's language, to the edition's registration link.
      expect(edition.registration_url).toMatch(/^https:\/\//);
      const register = page.getByTestId("register");
      await expect(register).toHaveText(locale === "bg" ? "Регистрация" : "Register");
      await expect(register).toHaveAttribute("href", edition.registration_url);
      await expect(register).toBeInViewport();
      await expect(page.getByTestId("header-register")).toHaveText(locale === "bg" ? "Регистрация" : "Register");
      await expect(page.getByTestId("patronage")).toContainText(locale === "bg" ? "Министерство на икономиката" : "Ministry of Economy");
      await expect(page.getByTestId("map-link")).toHaveAttribute("href", /^https:\/\/www\.openstreetmap\.org\/\?mlat=42\.66740&mlon=23\.37390/);
      await expect(page.getByTestId("directions-link")).toHaveAttribute("href", `/${locale}/2027/venue`);

      const footer = page.getByTestId("site-footer");
      const organisers = edition.partners
        .filter((g) => g.role === "organiser" || g.role === "co_organiser")
        .flatMap((g) => g.partners.map((p) => p.organisation.name));
      expect(organisers.length).toBeGreaterThan(0);
      for (const name of organisers) await expect(footer.getByTestId("footer-organisers")).toContainText(name);
      await expect(footer.getByTestId("footer-email")).toHaveAttribute("href", `mailto:${edition.conference.contact_email}`);
      const social = footer.getByTestId("footer-social").getByRole("link");
      await expect(social).toHaveCount(edition.conference.social_links.length);
      for (const [i, link] of edition.conference.social_links.entries()) await expect(social.nth(i)).toHaveAttribute("href", link.url);
      await expect(footer.getByRole("link", { name: "Български" })).toHaveAttribute("href", "/bg");
      await expect(footer.getByRole("link", { name: "English" })).toHaveAttribute("href", "/en");
      await expect(footer.getByRole("link", { name: locale === "bg" ? "Архив" : "Archive" })).toHaveAttribute("href", `/${locale}/editions`);
      await expect(footer).toContainText(`© ${new Date().getFullYear()}`);
    });
  }

  test("partner tiers and roles in Bulgarian on /bg", async ({ page }) => {
    await page.goto("/bg/partners");
    const partners = page.getByTestId("partners");
    await expect(partners.locator("div[data-tier=platinum]")).toContainText("Платинен партньор");
    await expect(partners.locator("div[data-tier=silver]")).toContainText("Сребърен партньор");
    await expect(partners.locator("section[data-role=organiser] h2")).toHaveText("Организатор");
    // Several partners share a row: the grid is not one narrow column.
    const boxes = await partners.locator("section[data-role]").evaluateAll((sections) => sections.map((s) => s.getBoundingClientRect().top));
    expect(new Set(boxes.map(Math.round)).size).toBeLessThan(boxes.length);
    const platinum = await partners.locator("div[data-tier=platinum] [data-testid=partner]").first().boundingBox();
    const silver = await partners.locator("div[data-tier=silver] [data-testid=partner]").first().boundingBox();
    expect(platinum!.width).toBeGreaterThan(silver!.width);
    await shot(page, "partners-bg");
  });
});

test.describe("the phone menu", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("folds the navigation behind an accessible button; Escape closes it", async ({ page }) => {
    await page.goto("/en");
    const button = page.getByRole("button", { name: "Menu" });
    const menu = page.getByTestId("site-menu");
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(button).toHaveAttribute("aria-controls", "site-menu");
    await expect(menu).toBeHidden();
    await button.click();
    await expect(page.getByRole("button", { name: "Close the menu" })).toHaveAttribute("aria-expanded", "true");
    await expect(menu.getByRole("link", { name: "Speakers" })).toBeVisible();
    await shot(page, "menu-open-390");
    await page.keyboard.press("Escape");
    await expect(menu).toBeHidden();
    await expect(button).toBeFocused();
    await button.click();
    await menu.getByRole("link", { name: "Speakers" }).click();
    await expect(page).toHaveURL(/\/en\/speakers/);
    await expect(menu).toBeHidden();
  });

  test("without JavaScript the navigation is simply there", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, baseURL });
    const page = await context.newPage();
    await page.goto("/bg");
    await expect(page.getByTestId("menu-button")).toBeHidden();
    await expect(page.getByTestId("site-menu").getByRole("link", { name: "Лектори" })).toBeVisible();
    await context.close();
  });
});

test.describe("speakers by edition", () => {
  test("the current edition by default, any other by its year, or all years", async ({ page }) => {
    await page.goto("/en/speakers");
    const years = page.getByTestId("speaker-years");
    await expect(years.getByRole("link", { name: "2027" })).toHaveAttribute("aria-current", "page");
    const api = async (query: string) => {
      const response = await page.request.get(`${API_URL}/api/v1/speakers/?locale=en&page_size=100${query}`);
      return ((await response.json()) as { results: { name: string; appearances: unknown[] }[] }).results.filter((s) => s.appearances.length).map((s) => s.name);
    };
    const speakers = page.getByTestId("speakers").getByRole("listitem");
    await expect(speakers).toHaveCount((await api("&year=2027")).length);
    await years.getByRole("link", { name: "2025" }).click();
    await expect(page).toHaveURL(/\/en\/speakers\?year=2025$/);
    await expect(page.getByTestId("speakers")).toHaveAttribute("data-year", "2025");
    await expect(speakers).toHaveCount((await api("&year=2025")).length);
    await years.getByRole("link", { name: "All years" }).click();
    await expect(speakers).toHaveCount((await api("")).length);
    // Year badges never break inside a number.
    const badge = page.getByTestId("speakers").locator(".year-badge").first();
    expect(await badge.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe("nowrap");
    await shot(page, "speakers-all-years");
    expect((await page.request.get("/en/speakers?year=1999")).status()).toBe(404);
    expect((await page.request.get("/en/speakers?year=abc")).status()).toBe(404);
  });

  test("a speaker's appearances by edition, each with that year's role", async ({ page }) => {
    await page.goto("/bg/speakers/2");
    const years = page.getByTestId("appearance-year");
    await expect(years.first()).toHaveAttribute("data-year", "2027");
    await expect(years.first().getByRole("heading")).toContainText("Национална клъстерна конференция 2027");
    await expect(years.first().getByTestId("appearance-role").first()).toHaveText(/^(Лектор|Модератор|Панелист|Водещ)$/);
  });
});

test.describe("404 pages have a title", () => {
  for (const [path, title] of [
    ["/bg/no-such-page/at/all", "Страницата не е намерена"],
    ["/en/2027/no-such-session", "Page not found"],
    ["/en/speakers/999999", "Page not found"],
  ] as const) {
    test(`${path}`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page).toHaveTitle(new RegExp(title));
      await expect(page.getByTestId("not-found")).toBeVisible();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    });
  }
  test("outside /bg and /en too", async ({ page }) => {
    const response = await page.goto("/embed/no-such-file");
    expect(response?.status()).toBe(404);
    expect((await page.title()).length).toBeGreaterThan(0);
  });
});

test("favicon, app icons and the web app manifest", async ({ request, page }) => {
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toContain("image/");
  const svg = await request.get("/icon.svg");
  expect(svg.status()).toBe(200);
  expect(await svg.text()).toContain("<svg");
  const apple = await request.get("/apple-icon.png");
  expect(apple.headers()["content-type"]).toBe("image/png");
  const png = await apple.body();
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([180, 180]);
  const manifest = (await (await request.get("/manifest.webmanifest")).json()) as { name: string; short_name: string; theme_color: string; icons: { src: string }[] };
  expect(manifest.name).toBe("Национална клъстерна конференция");
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  for (const icon of manifest.icons) expect((await request.get(icon.src)).status(), icon.src).toBe(200);
  await page.goto("/en");
  await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute("href", /favicon|icon/);
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
});

test("robots.txt, the sitemap and canonical links carry this server's address", async ({ request, page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toContain(`Sitemap: ${origin}/sitemap.xml`);
  const sitemap = await (await request.get("/sitemap.xml")).text();
  const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
  expect(locs.length).toBeGreaterThan(10);
  for (const loc of locs) expect(loc.startsWith(`${origin}/`), loc).toBe(true);
  await page.goto("/en/speakers");
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", `${origin}/en/speakers`);
});

// A phone's browser, as Lighthouse presents itself: not a crawler Next.js knows.
const BROWSER_UA = "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/137.0.0.0 Mobile Safari/537.36";

test("every page in the sitemap has a description for search results in <head>, escaped once", async ({ request }) => {
  const sitemap = await (await request.get("/sitemap.xml")).text();
  const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!.replace(/&amp;/g, "&")).pathname);
  expect(paths.length).toBeGreaterThan(10);
  const missing: string[] = [];
  for (const path of paths) {
    const html = await (await request.get(path, { headers: { "User-Agent": BROWSER_UA } })).text();
    // In <head>, where search engines and link previews read it (not streamed into the body).
    const head = html.slice(0, html.indexOf("</head>"));
    const content = /<meta name="description" content="([^"]*)"/.exec(head)?.[1] ?? "";
    // Raw HTML: a "&" in the text is "&amp;" once; "&amp;amp;" or a tag would be the CMS's markup leaking.
    if (content.trim().length < 10 || /&amp;(amp|lt|gt|quot|#)|&lt;\/?[a-z]/i.test(content)) missing.push(`${path}: "${content}"`);
  }
  expect(missing).toEqual([]);
});

test.describe("one language per page", () => {
  // Words of the site's own text (not content from the API) that must not leak into the other language.
  const ENGLISH_UI = /\b(Register|Registration|Programme|Speakers|Partners|Organiser|Co-organiser|platinum|silver|gold|bronze|See the|Skip to|Menu|My agenda|Archive|All rights)\b/;
  for (const path of ["/bg", "/bg/2025", "/bg/partners", "/bg/speakers", "/bg/speakers?year=all", "/bg/2027/opening", "/bg/news", "/bg/editions", "/bg/my-agenda", "/bg/2027/venue"]) {
    test(`no English interface text on ${path}`, async ({ page }) => {
      await page.goto(path);
      // Text outside elements marked as another language (the language switch, language links).
      const text = await page.evaluate(() => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const out: string[] = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          if (!el || el.closest('[lang]:not(html)') || el.closest("script,style")) continue;
          out.push(n.textContent ?? "");
        }
        return out.join(" ");
      });
      expect(text).not.toMatch(ENGLISH_UI);
      const labels = await page.locator("[aria-label]:not([lang])").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""));
      for (const label of labels) expect(label).not.toMatch(ENGLISH_UI);
    });
  }
  for (const path of ["/en", "/en/2025", "/en/partners", "/en/speakers", "/en/2027/opening", "/en/news", "/en/editions", "/en/my-agenda", "/en/2027/venue"]) {
    test(`no Cyrillic outside lang="bg" on ${path}`, async ({ page }) => {
      await page.goto(path);
      const stray = await page.evaluate(() => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const out: string[] = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          if (!el || el.closest('[lang="bg"]') || el.closest("script,style")) continue;
          if (/[\u0400-\u04FF]/.test(n.textContent ?? "")) out.push((n.textContent ?? "").trim());
        }
        return out;
      });
      expect(stray).toEqual([]);
    });
  }
});
