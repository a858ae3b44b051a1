import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, test } from "@playwright/test";
import { API_URL, shot } from "./helpers";

/** A token's colour from src/styles/tokens.css as the browser computes it ("rgb(r, g, b)"). */
function tokenRgb(name: string): string {
  const css = readFileSync(resolve(__dirname, "../../src/styles/tokens.css"), "utf8");
  const hex = new RegExp(`${name}:\\s*#([0-9a-f]{6})`, "i").exec(css)?.[1];
  if (!hex) throw new Error(`no ${name} in tokens.css`);
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

test("the site tells the embed where its API is (/embed/config.json)", async ({ request }) => {
  const res = await request.get("/embed/config.json");
  expect(res.ok()).toBe(true);
  expect(res.headers()["access-control-allow-origin"]).toBe("*");
  expect(await res.json()).toEqual({ api: API_URL.replace(/\/+$/, "") });
});

test("the embed demo page renders the agenda inside shadow DOM, with no ?api=", async ({ page }) => {
  const apiCalls: string[] = [];
  page.on("request", (r) => {
    if (r.url().startsWith(`${API_URL}/api/v1/`)) apiCalls.push(r.url());
  });
  await page.goto("/embed/demo.html?edition=2027&lang=en");
  const host = page.locator("conference-agenda");
  await expect(host).toHaveCount(1);
  await expect(host).not.toHaveAttribute("api", /.*/);
  // Playwright's CSS locators pierce open shadow roots.
  await expect(host.locator("li.session").first()).toBeVisible();
  await expect(host.locator("h2")).toHaveText("National Cluster Conference 2027");
  // Every day is there, one shown at a time behind its tab.
  await expect(host.locator("li.session")).toHaveCount(6);
  const tabs = host.getByRole("tab");
  await expect(tabs).toHaveCount(2);
  await expect(tabs.first()).toHaveAttribute("aria-selected", "true");
  await expect(host.locator("li.session:visible")).toHaveCount(4);
  expect(apiCalls.some((u) => u.includes("/api/v1/editions/2027/"))).toBe(true);

  const inShadow = await page.evaluate(() => {
    const el = document.querySelector("conference-agenda")!;
    const li = el.shadowRoot!.querySelector<HTMLElement>("li.session")!;
    const tab = el.shadowRoot!.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')!;
    return {
      shadow: el.shadowRoot?.querySelectorAll("li.session").length ?? 0,
      light: el.querySelectorAll("li").length,
      hasStyle: !!el.shadowRoot?.querySelector("style"),
      // The host page's `li { color: #a00 }` and `button { background: #0f0 }` do not reach inside.
      color: getComputedStyle(li).color,
      tabBackground: getComputedStyle(tab).backgroundColor,
      trackBar: getComputedStyle(li).borderLeftColor,
      fg: getComputedStyle(el.shadowRoot!.querySelector(".wrap")!).color,
    };
  });
  expect(inShadow.shadow).toBe(6);
  expect(inShadow.light).toBe(0);
  expect(inShadow.hasStyle).toBe(true);
  expect(inShadow.color).not.toBe("rgb(170, 0, 0)");
  // The site's design tokens, bundled into the script.
  expect(inShadow.tabBackground).toBe(tokenRgb("--color-primary"));
  expect(inShadow.fg).toBe(tokenRgb("--color-fg"));
  // The first session's track colour (the opening: policy, #1f6feb in the demo).
  expect(inShadow.trackBar).toBe("rgb(31, 111, 235)");

  // Day two behind its tab, by click and by arrow key.
  await tabs.nth(1).click();
  await expect(tabs.nth(1)).toHaveAttribute("aria-selected", "true");
  await expect(host.locator("li.session:visible")).toHaveCount(2);
  await host.getByRole("tab", { selected: true }).press("ArrowLeft");
  await expect(tabs.first()).toHaveAttribute("aria-selected", "true");
  await expect(tabs.first()).toBeFocused();
  await shot(page, "embed-demo");
});

test("the embed follows its attributes: language, breaks across the list, legend", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/embed/demo.html?edition=2025&lang=bg");
  const host = page.locator("conference-agenda");
  await expect(host.locator("h2")).toHaveText("Национална клъстерна конференция 2025");
  await expect(host.locator(".legend li")).toHaveCount(3);
  const lunch = host.locator("li.break", { hasText: "Обяд" });
  await expect(lunch).toBeVisible();
  // A break is not a session: no link, and as wide as the sessions' column.
  await expect(lunch.locator("a")).toHaveCount(0);
  const breakBox = (await lunch.boundingBox())!;
  const sessionBox = (await host.locator("li.session").first().boundingBox())!;
  expect(Math.abs(breakBox.width - sessionBox.width)).toBeLessThan(2);
  await expect(host.locator("li.session").first()).toContainText("Милена Тодорова");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shot(page, "embed-demo-bg-390");
});

test("?api= still overrides the address, and a wrong one says so", async ({ page }) => {
  await page.goto(`/embed/demo.html?api=${encodeURIComponent(API_URL)}&edition=2026&lang=en`);
  const host = page.locator("conference-agenda");
  await expect(host).toHaveAttribute("api", API_URL);
  await expect(host.locator("h2")).toHaveText("National Cluster Conference 2026");
  await page.goto(`/embed/demo.html?api=${encodeURIComponent("http://127.0.0.1:9")}&edition=2026&lang=en`);
  await expect(host.locator(".err")).toContainText("The agenda could not be loaded");
});
