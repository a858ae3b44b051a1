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

// The site's frame at both widths, in both languages: header, footer, the phone menu open.
const FRAME_PAGES = ["/bg", "/en", "/bg/speakers?year=all", "/en/2027/opening", "/bg/partners", "/en/news", "/bg/2027/venue", "/en/no-such-page"];
for (const { width, height } of [
  { width: 1366, height: 900 },
  { width: 390, height: 844 },
]) {
  test.describe(`at ${width}px`, () => {
    test.use({ viewport: { width, height } });
    for (const path of FRAME_PAGES) {
      test(`axe and no overflow on ${path}`, async ({ page }) => {
        await page.goto(path);
        await expect(page.locator("main")).toBeVisible();
        await expect(page.getByTestId("site-footer")).toBeVisible();
        await expectAccessible(page);
        await noHorizontalOverflow(page);
      });
    }
  });
}

test.describe("the phone menu, open", () => {
  test.use({ viewport: { width: 390, height: 844 } });
  for (const locale of ["bg", "en"]) {
    test(`axe with the menu open (${locale})`, async ({ page }) => {
      await page.goto(`/${locale}`);
      await page.getByTestId("menu-button").click();
      await expect(page.getByTestId("menu-button")).toHaveAttribute("aria-expanded", "true");
      await expect(page.getByTestId("site-menu")).toBeVisible();
      await expectAccessible(page);
      // Touch targets of the menu: 24 px at least (WCAG 2.5.8).
      const small = await page.getByTestId("site-menu").locator("a, button").evaluateAll((els) =>
        els.map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0 && (r.width < 24 || r.height < 24)).length,
      );
      expect(small).toBe(0);
      await shot(page, `menu-open-${locale}-390`);
    });
  }
});

test("focus is visible on the header's links and buttons", async ({ page }) => {
  await page.goto("/en");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Tab");
  const outline = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    return { width: parseFloat(style.outlineWidth), style: style.outlineStyle };
  });
  expect(outline.style).not.toBe("none");
  expect(outline.width).toBeGreaterThanOrEqual(2);
});
