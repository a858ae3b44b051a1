import { expect, test, type Page } from "@playwright/test";
import { API_URL } from "./helpers";

// A browser paints a page before it has read all of it. Content placed on screen above something
// that comes before it in the page (CSS order, grid placement) arrives after it and pushes it down:
// a layout shift while the page loads, seen or not depending on when the first paint falls. So the
// check is on the finished layout, where it does not depend on timing: among the siblings of any
// box, nothing later in the page stands wholly above something earlier. The site header is left
// out: it is the page's first few hundred bytes, read whole before anything is painted (on wide
// screens its search and language tools sit above the navigation that precedes them). A grid item
// given its row (the agenda grid's sessions, by time) lands in that row whenever it arrives.

interface Misplaced {
  parent: string;
  earlier: string;
  later: string;
}

async function misplaced(page: Page): Promise<Misplaced[]> {
  return page.evaluate(() => {
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.getAttribute("data-testid") ? `[${el.getAttribute("data-testid")}]` : ""}.${[...el.classList].join(".")}`;
    const inFlow = (el: Element) => {
      const style = getComputedStyle(el);
      if (style.position === "fixed" || style.position === "absolute" || style.display === "none") return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    };
    const found: { parent: string; earlier: string; later: string }[] = [];
    for (const parent of document.body.querySelectorAll("*")) {
      if (parent instanceof SVGElement || parent.closest("body > header")) continue;
      const kids = [...parent.children].filter(inFlow);
      const grid = getComputedStyle(parent).display.endsWith("grid");
      for (let i = 0; i < kids.length; i++) {
        const a = kids[i]!.getBoundingClientRect();
        for (let j = i + 1; j < kids.length; j++) {
          if (grid && getComputedStyle(kids[j]!).gridRowStart !== "auto") continue;
          const b = kids[j]!.getBoundingClientRect();
          if (b.bottom <= a.top - 1) found.push({ parent: name(parent), earlier: name(kids[i]!), later: name(kids[j]!) });
        }
      }
    }
    return found;
  });
}

async function pages(page: Page): Promise<string[]> {
  const response = await page.request.get(`${API_URL}/api/v1/sessions/?year=2027&locale=bg&page_size=100`);
  expect(response.ok()).toBe(true);
  const { results } = (await response.json()) as { results: { slug: string; speakers: { id: number }[] }[] };
  const session = results.find((s) => s.speakers.length);
  expect(session).toBeTruthy();
  return ["/bg", "/bg/2027/agenda", `/bg/2027/${session!.slug}`, `/bg/speakers/${session!.speakers[0]!.id}`, "/bg/2027/venue", "/bg/search?q=клъстер", "/en/2027/agenda"];
}

for (const width of [390, 1366]) {
  test.describe(`page order at ${width}px`, () => {
    test.use({ viewport: { width, height: 844 }, ...(width < 640 ? { hasTouch: true, isMobile: true } : {}) });

    test("nothing later in a page stands above what comes before it", async ({ page }) => {
      const found: Record<string, Misplaced[]> = {};
      for (const path of await pages(page)) {
        const response = await page.goto(path);
        expect(response?.ok(), path).toBe(true);
        const wrong = await misplaced(page);
        if (wrong.length) found[path] = wrong;
      }
      expect(found).toEqual({});
    });
  });
}
