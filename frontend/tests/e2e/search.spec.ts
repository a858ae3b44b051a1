import { expect, test } from "@playwright/test";
import { expectAccessible, noHorizontalOverflow, shot } from "./helpers";

test("search across years in English: facets, highlights, edition years", async ({ page }) => {
  await page.goto("/en/search?q=Sofia+Tech+Park");
  const results = page.getByTestId("search-results");
  await expect(results.getByTestId("search-hit").first()).toBeVisible();
  await expect(results.locator("mark").first()).toHaveText(/Sofia|Tech|Park/i);
  // Only <mark> gets through from the highlights.
  expect(await results.locator("script, img, iframe").count()).toBe(0);
  const years = new Set(await results.getByTestId("result-year").allTextContents());
  expect(years.size).toBeGreaterThan(1);
  await expect(page.getByTestId("facets").getByRole("heading", { name: "Year" })).toBeVisible();
  await shot(page, "search-en");
  await page.getByTestId("facets").locator('a[data-facet="year"][data-value="2025"]').click();
  await expect(page).toHaveURL(/year=2025/);
  await expect(page.getByTestId("filters-toggle")).toBeHidden(); // a side column on desktop
  for (const hit of await page.getByTestId("search-results").getByTestId("search-hit").all()) {
    await expect(hit.getByTestId("result-year").filter({ hasText: "2025" })).toHaveCount(1);
  }
});

test("search in Bulgarian: a Latin query finds Cyrillic content, labels in Bulgarian", async ({ page }) => {
  await page.goto("/bg/search?q=Sofia+Tech+Park");
  const results = page.getByTestId("search-results");
  await expect(results).toContainText("София Тех Парк");
  const kinds = await results.getByTestId("result-kind").allTextContents();
  expect(kinds.length).toBeGreaterThan(0);
  for (const kind of kinds) expect(kind).toMatch(/^[А-Яа-я]/); // "Сесия", "Лектор"..., never "session"
  await expectAccessible(page);
  await shot(page, "search-bg");
});

test("text is shown once unescaped: an apostrophe reads as one", async ({ page }) => {
  await page.goto("/en/search?q=industry&kind=session");
  const results = page.getByTestId("search-results");
  await expect(results).toContainText("industry's twin transition");
  await expect(results).not.toContainText("&#x27;");
  await expect(results).not.toContainText("&amp;");
});

test("a misspelt query offers the corrected one, and the link searches it", async ({ page }) => {
  await page.goto("/en/search?q=digitalisaton");
  await expect(page.getByTestId("search-results")).toContainText("Digitisation: digital and innovation hubs");
  const offer = page.getByTestId("did-you-mean");
  await expect(offer).toContainText("Did you mean: digitisation?");
  await offer.getByRole("link", { name: "digitisation" }).click();
  await expect(page).toHaveURL(/q=digitisation(&|$)/);
  await expect(page.getByTestId("search-input")).toHaveValue("digitisation");
  await expect(page.getByTestId("search-results")).toContainText("Digitisation: digital and innovation hubs");
  await expect(page.getByTestId("did-you-mean")).toHaveCount(0);

  await page.goto("/bg/search?q=" + encodeURIComponent("дигитализацйя"));
  await expect(page.getByTestId("did-you-mean")).toContainText("Може би търсите: дигитализация?");
});

test("suggestions stay closed on load and open only when the visitor types", async ({ page }) => {
  const asked: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/suggest")) asked.push(request.url());
  });
  await page.goto("/en/search?q=Sofia+Tech+Park+and+a+long+query");
  await page.waitForLoadState("networkidle");
  await expect(page.getByTestId("search-total")).toBeVisible();
  await expect(page.getByTestId("suggestions")).toHaveCount(0);
  expect(asked).toEqual([]);

  const input = page.getByTestId("search-input");
  await expect(input).toHaveAttribute("aria-expanded", "false");
  await input.fill("");
  await input.pressSequentially("Sofia Te", { delay: 30 });
  const list = page.getByTestId("suggestions");
  await expect(list.getByRole("option").first()).toBeVisible();
  await expect(input).toHaveAttribute("aria-expanded", "true");
  await input.press("Escape");
  await expect(list).toHaveCount(0);
  await expect(input).toHaveValue("Sofia Te"); // Escape closes the list, it does not clear the box

  await input.press("End");
  await input.pressSequentially("c", { delay: 30 });
  await expect(list.getByRole("option").first()).toBeVisible();
  await page.getByRole("heading", { level: 1 }).click(); // leaving the field closes it
  await expect(list).toHaveCount(0);

  await input.focus();
  await input.press("End");
  await input.pressSequentially("h", { delay: 30 });
  await expect(list.getByRole("option").first()).toBeVisible();
  await input.press("Enter"); // nothing chosen: the form submits and the list closes
  await expect(page).toHaveURL(/q=Sofia\+Tech(&|$)/);
  await page.waitForLoadState("networkidle");
  await expect(page.getByTestId("suggestions")).toHaveCount(0);
});

test("autocomplete suggests as you type and opens the choice", async ({ page }) => {
  await page.goto("/en/search");
  const input = page.getByTestId("search-input");
  await input.pressSequentially("Sofia Te", { delay: 30 });
  const list = page.getByTestId("suggestions");
  await expect(list.getByRole("option").first()).toBeVisible();
  await expect(list).toContainText("Sofia Tech Park");
  await input.press("ArrowDown");
  await expect(list.getByRole("option").first()).toHaveAttribute("aria-selected", "true");
  await input.press("Enter");
  await expect(page).not.toHaveURL(/\/en\/search$/);
});

test("the search form submits a query", async ({ page }) => {
  await page.goto("/bg/search");
  await page.getByTestId("search-input").fill("клъстер");
  await page.getByRole("button", { name: "Търси" }).click();
  await expect(page).toHaveURL(/q=/);
  await expect(page.getByTestId("search-results").getByTestId("search-hit").first()).toBeVisible();
});

for (const locale of ["bg", "en"] as const) {
  test(`on a phone the results come first and the filters fold into one control (${locale})`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const q = locale === "bg" ? "клъстер" : "cluster";
    await page.goto(`/${locale}/search?q=${encodeURIComponent(q)}&year=2026`);
    const toggle = page.getByTestId("filters-toggle");
    await expect(toggle).toBeVisible();
    await expect(toggle).toHaveText(locale === "bg" ? "Филтри (1)" : "Filters (1)");
    await expect(page.getByTestId("facets")).toBeHidden();
    const first = page.getByTestId("search-hit").first();
    await expect(first).toBeVisible();
    const box = await first.boundingBox();
    expect(box && box.y + 60).toBeLessThan(844); // the first result is on the first screen
    await noHorizontalOverflow(page);
    await shot(page, `search-phone-${locale}`);

    await toggle.click();
    await expect(page.getByTestId("facets")).toBeVisible();
    await page.getByTestId("facets").locator('a[data-facet="kind"]').first().click();
    await expect(page).toHaveURL(/kind=/);
    await expect(page.getByTestId("filters-toggle")).toHaveText(locale === "bg" ? "Филтри (2)" : "Filters (2)");
    await expectAccessible(page);
  });
}

test("pagination reads as pages with previous and next", async ({ page }) => {
  await page.goto("/en/search?q=cluster");
  const pager = page.getByTestId("pagination");
  await expect(pager.getByRole("link", { name: "Page 1 of", exact: false })).toHaveAttribute("aria-current", "page");
  await pager.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByTestId("pagination").getByRole("link", { name: "Previous" })).toBeVisible();
  await expect(page.getByTestId("pagination").locator('[aria-current="page"]')).toHaveText("2");
});
