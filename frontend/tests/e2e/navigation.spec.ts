import { expect, test, type Page, type Request } from "@playwright/test";

/** The site's page-data requests (?_rsc=): what the client router fetches ahead or on a click. */
function pageData(page: Page): Request[] {
  const seen: Request[] = [];
  page.on("request", (r) => {
    if (r.url().includes("_rsc=")) seen.push(r);
  });
  return seen;
}

/** True while the document this marker was set in is still the one shown (no full reload). */
const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as { __marker?: string }).__marker === "kept");
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { __marker?: string }).__marker = "kept"));

test.describe("links fetch a page ahead when the visitor reaches for them, not on sight", () => {
  test("the agenda: nothing fetched on arrival, a session on hover, opened without a reload", async ({ page }) => {
    const requests = pageData(page);
    await page.goto("/en/2027/agenda?view=list");
    const list = page.getByTestId("agenda-list");
    const link = list.getByRole("link", { name: "Opening" });
    await expect(link).toBeVisible();
    await page.waitForLoadState("networkidle");
    // Dozens of links on screen, none fetched ahead.
    expect(requests.map((r) => r.url())).toEqual([]);
    await mark(page);

    const href = (await link.getAttribute("href"))!;
    expect(href).toBe("/en/2027/opening");
    const ahead = page.waitForRequest((r) => r.url().includes("_rsc=") && new URL(r.url()).pathname === href);
    await link.hover();
    await ahead;

    await link.click();
    await expect(page).toHaveURL(/\/en\/2027\/opening$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Opening");
    expect(await sameDocument(page)).toBe(true);
  });

  test("a click with a modifier stays the browser's own", async ({ page, context }) => {
    await page.goto("/en/2027/agenda?view=list");
    const link = page.getByTestId("agenda-list").getByRole("link", { name: "Opening" });
    await expect(link).toBeVisible();
    await page.waitForLoadState("networkidle");
    await mark(page);
    // Ctrl/Cmd-click opens a new tab, the agenda stays.
    const opened = context.waitForEvent("page");
    await link.click({ modifiers: [process.platform === "darwin" ? "Meta" : "Control"] });
    const tab = await opened;
    await tab.waitForLoadState();
    expect(tab.url()).toMatch(/\/en\/2027\/opening$/);
    await tab.close();
    await expect(page).toHaveURL(/\/en\/2027\/agenda/);
    expect(await sameDocument(page)).toBe(true);
  });

  test("the header's links: fetched ahead on focus, opened without a reload", async ({ page }) => {
    const requests = pageData(page);
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto("/en");
    await page.waitForLoadState("networkidle");
    expect(requests.map((r) => r.url())).toEqual([]);
    await mark(page);
    const nav = page.getByRole("navigation").first();
    const speakers = nav.getByRole("link", { name: "Speakers" });
    const ahead = page.waitForRequest((r) => r.url().includes("_rsc=") && new URL(r.url()).pathname === "/en/speakers");
    await speakers.focus();
    await ahead;
    await speakers.click();
    await expect(page).toHaveURL(/\/en\/speakers$/);
    expect(await sameDocument(page)).toBe(true);
  });
});
