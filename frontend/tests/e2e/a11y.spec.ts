import { expect, test } from "@playwright/test";
import { expectAccessible, noHorizontalOverflow, shot } from "./helpers";

const PAGES = [
  "/bg",
  "/en",
  "/en/editions",
  "/en/2027/agenda",
  "/bg/2025/agenda?view=list",
  "/en/2027/opening",
  "/en/speakers",
  "/en/speakers/2",
  "/en/partners",
  "/en/news",
  "/en/2025/venue",
  "/en/search?q=Sofia+Tech+Park",
  "/bg/my-agenda",
];

for (const path of PAGES) {
  test(`axe: no serious or critical violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator("main")).toBeVisible();
    await expectAccessible(page);
  });
}

test.describe("at 360px wide", () => {
  test.use({ viewport: { width: 360, height: 740 } });
  for (const path of ["/bg", "/en/2027/agenda", "/en/2027/agenda?view=list", "/en/2027/opening", "/en/speakers/2", "/en/partners", "/en/search?q=Sofia+Tech+Park", "/en/editions"]) {
    test(`no horizontal overflow on ${path}`, async ({ page }) => {
      await page.goto(path);
      await expect(page.locator("main")).toBeVisible();
      await noHorizontalOverflow(page);
    });
  }
  test("screenshot of the agenda on a phone", async ({ page }) => {
    await page.goto("/en/2027/agenda?view=list");
    await shot(page, "agenda-360");
  });
});
