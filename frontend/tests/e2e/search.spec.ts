import { expect, test } from "@playwright/test";
import { shot } from "./helpers";

test("search across years in English: facets, highlights, edition years", async ({ page }) => {
  await page.goto("/en/search?q=Sofia+Tech+Park");
  const results = page.getByTestId("search-results");
  await expect(results.locator("li").first()).toBeVisible();
  await expect(results.locator("mark").first()).toHaveText(/Sofia|Tech|Park/i);
  // Only <mark> gets through from the highlights.
  expect(await results.locator("script, img, iframe").count()).toBe(0);
  const years = new Set(await results.getByTestId("result-year").allTextContents());
  expect(years.size).toBeGreaterThan(1);
  await expect(page.getByTestId("facets").getByRole("heading", { name: "Year" })).toBeVisible();
  await shot(page, "search-en");
  await page.getByTestId("facets").locator('a[data-facet="year"][data-value="2025"]').click();
  await expect(page).toHaveURL(/year=2025/);
  for (const badge of await page.getByTestId("search-results").locator("li").all()) {
    await expect(badge.getByTestId("result-year").filter({ hasText: "2025" })).toHaveCount(1);
  }
});

test("search in Bulgarian: a Latin query finds Cyrillic content", async ({ page }) => {
  await page.goto("/bg/search?q=Sofia+Tech+Park");
  const results = page.getByTestId("search-results");
  await expect(results).toContainText("София Тех Парк");
  await shot(page, "search-bg");
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
  await expect(page.getByTestId("search-results").locator("li").first()).toBeVisible();
});
