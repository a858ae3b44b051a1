import { expect, test } from "@playwright/test";
import { API_URL, shot } from "./helpers";

test("the embed demo page renders the agenda inside shadow DOM", async ({ page }) => {
  await page.goto(`/embed/demo.html?api=${encodeURIComponent(API_URL)}&edition=2027&lang=en`);
  const host = page.locator("conference-agenda");
  await expect(host).toHaveCount(1);
  // Playwright's CSS locators pierce open shadow roots.
  await expect(host.locator("li.session").first()).toBeVisible();
  await expect(host.locator("h2")).toHaveText("National Cluster Conference 2027");
  await expect(host.locator("li.session")).toHaveCount(6);
  const inShadow = await page.evaluate(() => {
    const el = document.querySelector("conference-agenda")!;
    return {
      shadow: el.shadowRoot?.querySelectorAll("li.session").length ?? 0,
      light: el.querySelectorAll("li").length,
      hasStyle: !!el.shadowRoot?.querySelector("style"),
      // The host page's `li { color: #a00 }` does not reach inside.
      color: getComputedStyle(el.shadowRoot!.querySelector("li.session")!).color,
    };
  });
  expect(inShadow.shadow).toBe(6);
  expect(inShadow.light).toBe(0);
  expect(inShadow.hasStyle).toBe(true);
  expect(inShadow.color).not.toBe("rgb(170, 0, 0)");
  await shot(page, "embed-demo");
});

test("the embed follows its attributes (language)", async ({ page }) => {
  await page.goto(`/embed/demo.html?api=${encodeURIComponent(API_URL)}&edition=2025&lang=bg`);
  await expect(page.locator("conference-agenda h2")).toHaveText("Национална клъстерна конференция 2025");
});
