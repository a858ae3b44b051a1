import { expect, test } from "@playwright/test";
import { jsonLd, shot } from "./helpers";

test("the root opens the Bulgarian home of the current edition", async ({ browser, baseURL }) => {
  // A Bulgarian browser (an English one gets /en: site.spec.ts).
  const context = await browser.newContext({ locale: "bg-BG", baseURL });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page).toHaveURL(/\/bg$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "bg");
  const home = page.getByTestId("edition-home");
  await expect(home).toHaveAttribute("data-year", "2027");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("2027");
  await expect(page.getByTestId("edition-dates")).toContainText("2027");
  await expect(home).toContainText("София Тех Парк");
  await expect(page.getByRole("heading", { name: "Основни лектори" })).toBeVisible();
  await expect(page.locator("section[data-role=organiser]")).toBeVisible();
  const ld = await jsonLd(page);
  expect(ld.some((d) => d["@type"] === "Event" && String(d.startDate).startsWith("2027"))).toBe(true);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", /2027/);
  await shot(page, "home-bg");
  await context.close();
});

test("browse this year's agenda: day tabs, grid by room, list, filters, times in Sofia", async ({ page }) => {
  await page.goto("/en/agenda");
  await expect(page).toHaveURL(/\/en\/2027\/agenda/);
  const tabs = page.getByTestId("day-tab");
  await expect(tabs).toHaveCount(2);
  await expect(tabs.first()).toHaveAttribute("aria-selected", "true");
  const grid = page.getByTestId("agenda-grid");
  await expect(grid.getByTestId("grid-room").filter({ hasText: "Innovation Forum – Main Hall" })).toBeVisible();
  // The opening starts 09:30 Sofia time (+02:00), whatever the browser's zone.
  await expect(grid.getByTestId("grid-cell").first()).toContainText("09:30–10:00");
  await expect(grid.getByRole("link", { name: "Opening" })).toBeVisible();
  await shot(page, "agenda-2027-grid");

  await tabs.nth(1).click();
  await expect(tabs.nth(1)).toHaveAttribute("aria-selected", "true");
  await expect(grid.getByRole("link", { name: "Opening" })).toHaveCount(0);
  await expect(page).toHaveURL(/day=2027-03-25/);

  await page.getByTestId("view-list").click();
  const list = page.getByTestId("agenda-list");
  await expect(list.getByTestId("agenda-item").filter({ visible: true }).first()).toBeVisible();
  const count = await list.getByTestId("agenda-item").count();
  await page.getByTestId("filter-type").selectOption("b2b");
  await expect(list.getByTestId("agenda-item")).toHaveCount(1);
  expect(count).toBeGreaterThan(1);
  await page.getByTestId("filter-type").selectOption("");
  await page.getByTestId("filter-language").selectOption("bg");
  await expect(list.getByTestId("agenda-item")).not.toHaveCount(0);
  await shot(page, "agenda-2027-list");
});

test("agenda filters by track and topic", async ({ page }) => {
  await page.goto("/en/2025/agenda?view=list");
  const items = page.getByTestId("agenda-item");
  const all = await items.count();
  const track = page.getByTestId("filter-track");
  const value = await track.locator("option").nth(1).getAttribute("value");
  await track.selectOption(value!);
  const byTrack = await items.count();
  expect(byTrack).toBeLessThan(all);
  await track.selectOption("");
  const topic = page.getByTestId("filter-topic");
  await topic.selectOption((await topic.locator("option").nth(1).getAttribute("value"))!);
  expect(await items.count()).toBeLessThan(all);
});

test("now / next during the event", async ({ page }) => {
  await page.goto("/en/2027/agenda?now=2027-03-24T10:15:00%2B02:00");
  const grid = page.getByTestId("agenda-grid");
  await expect(grid.locator('[data-testid="grid-cell"][data-mark="now"]')).toContainText("The road to Central Asian markets");
  await expect(grid.locator('[data-testid="grid-cell"][data-mark="next"]')).toContainText("European network");
  await shot(page, "agenda-now-next");
});

test("an earlier edition: home, agenda and archive", async ({ page }) => {
  await page.goto("/en/editions");
  const archive = page.getByTestId("archive");
  for (const year of ["2025", "2026", "2027"]) await expect(archive).toContainText(year);
  await shot(page, "archive");
  await archive.getByRole("link", { name: /2025$/ }).first().click();
  await expect(page).toHaveURL(/\/en\/2025$/);
  await expect(page.getByTestId("edition-home")).toHaveAttribute("data-year", "2025");
  await page.getByRole("link", { name: "See the programme" }).click();
  await expect(page).toHaveURL(/\/en\/2025\/agenda/);
  await expect(page.getByTestId("day-tab")).toHaveCount(2);
  await expect(page.getByTestId("day-tab").first()).toContainText("26 March");
  await shot(page, "agenda-2025");
});

test("a session page carries JSON-LD and OpenGraph", async ({ page }) => {
  await page.goto("/en/2027/agenda?view=list");
  await page.getByTestId("agenda-list").getByRole("link", { name: "Opening" }).click();
  await expect(page).toHaveURL(/\/en\/2027\/opening$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Opening");
  await expect(page.getByTestId("session")).toContainText("09:30–10:00");
  const ld = await jsonLd(page);
  expect(ld[0]?.["@type"]).toBe("Event");
  expect(ld[0]?.startDate).toBe("2027-03-24T09:30:00+02:00");
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", "Opening");
  await expect(page.locator('link[rel="alternate"][hreflang="bg"]')).toHaveAttribute("href", /\/bg\/2027\/opening$/);
  await shot(page, "session");
});

test("a returning speaker lists appearances in several years", async ({ page }) => {
  await page.goto("/en/speakers");
  await shot(page, "speakers");
  await page.getByTestId("speakers").getByRole("link", { name: "Maria Petrova" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Maria Petrova");
  const years = page.getByTestId("appearance-year");
  await expect(years).toHaveCount(3);
  await expect(years.first()).toHaveAttribute("data-year", "2027");
  await shot(page, "speaker");
  await years.last().getByRole("link").nth(1).click();
  await expect(page).toHaveURL(/\/en\/2025\/[a-z0-9-]+$/);
  await expect(page.getByTestId("session")).toBeVisible();
});

test("partners by role and tier, for this year and earlier ones", async ({ page }) => {
  await page.goto("/en/partners");
  const partners = page.getByTestId("partners");
  await expect(partners).toHaveAttribute("data-year", "2027");
  await expect(partners.locator("section[data-role=organiser] h2")).toHaveText("Organiser");
  await expect(partners).toContainText("Business Clusters Association in Bulgaria");
  await shot(page, "partners");
  await page.getByRole("link", { name: "2025", exact: true }).click();
  await expect(page.getByTestId("partners")).toHaveAttribute("data-year", "2025");
  await expect(page.getByTestId("partners")).toContainText("Sofia Tech Park");
});

test("news and content pages", async ({ page }) => {
  await page.goto("/en/news");
  await page.getByTestId("news").getByRole("link", { name: /Sofia Tech Park/ }).first().click();
  await expect(page.getByTestId("content-page")).toHaveAttribute("data-type", "news");
  await page.goto("/en/2025/venue");
  await expect(page.getByTestId("content-page")).toHaveAttribute("data-type", "venue");
});

test("the language switch keeps the page and its state", async ({ page }) => {
  await page.goto("/bg/2027/agenda?view=list&day=2027-03-25");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Програма");
  await page.getByTestId("language-switch").click();
  await expect(page).toHaveURL(/\/en\/2027\/agenda\?.*day=2027-03-25/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByTestId("view-list")).toHaveAttribute("aria-pressed", "true");
  await page.goto("/en/speakers/2");
  await page.getByTestId("language-switch").click();
  await expect(page).toHaveURL(/\/bg\/speakers\/2$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Мария Петрова");
  await page.goto("/bg/2027/opening");
  await page.getByTestId("language-switch").click();
  await expect(page).toHaveURL(/\/en\/2027\/opening$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Opening");
});

test("sitemap.xml and robots.txt", async ({ request }) => {
  const sitemap = await request.get("/sitemap.xml");
  expect(sitemap.ok()).toBe(true);
  const xml = await sitemap.text();
  expect(xml).toContain("/en/2027/agenda");
  expect(xml).toContain("/bg/2025/opening");
  const robots = await request.get("/robots.txt");
  expect(await robots.text()).toContain("Sitemap:");
});
