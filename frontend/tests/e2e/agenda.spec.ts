import { expect, test, type Locator, type Page } from "@playwright/test";
import { API_URL, expectAccessible, noHorizontalOverflow, shot } from "./helpers";

interface ApiSession {
  id: number;
  title: string;
  type: string;
  start: string;
  end: string;
  room: { id: number; name: string } | null;
}
interface ApiEdition {
  year: number;
  timezone: string;
  rooms: { id: number; name: string }[];
  tracks: { name: string; color: string }[];
}

async function apiJson<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(`${API_URL}/api/v1/${path}`);
  expect(res.ok(), path).toBe(true);
  return (await res.json()) as T;
}
const edition = (page: Page, year: number, locale = "en") => apiJson<ApiEdition>(page, `editions/${year}/?locale=${locale}`);
const sessionsOf = async (page: Page, year: number, locale = "en") =>
  (await apiJson<{ results: ApiSession[] }>(page, `sessions/?year=${year}&locale=${locale}&page_size=100`)).results;
/** The day (YYYY-MM-DD) of an instant in a time zone. */
const dayIn = (iso: string, timeZone: string) => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(iso));

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  expect(b, "element has a box").not.toBeNull();
  return b!;
}

async function roomColumns(page: Page): Promise<string[]> {
  return page.getByTestId("agenda-grid").getByTestId("grid-room").allTextContents();
}

/** `part` is `whole` with some items left out, the rest in the same order. */
function expectSubsequence(part: string[], whole: string[]) {
  let at = -1;
  for (const name of part) {
    const next = whole.indexOf(name, at + 1);
    expect(next, `${name} in order within ${whole.join(" | ")}`).toBeGreaterThan(at);
    at = next;
  }
}

test.describe("the agenda at 1366px", () => {
  test.use({ viewport: { width: 1366, height: 900 } });

  test("a room grid: breaks across every room, rows as long as the sessions, a legend, no star on breaks", async ({ page }) => {
    const ed = await edition(page, 2025);
    await page.goto("/en/2025/agenda");
    const grid = page.getByTestId("agenda-grid");
    await expect(grid).toBeVisible();
    await expect(page.getByTestId("agenda-list")).toBeHidden();
    await expect(page.getByTestId("view-grid")).toHaveAttribute("aria-pressed", "true");

    // Columns: the edition's rooms, in its order.
    expect(await roomColumns(page)).toEqual(ed.rooms.map((r) => r.name));
    const heads = grid.getByTestId("grid-room");
    const first = await box(heads.first());
    const last = await box(heads.last());

    // Registration, coffee and lunch span all the room columns.
    for (const name of ["Registration and coffee", "Coffee break", "Lunch"]) {
      const cell = grid.getByTestId("grid-cell").filter({ hasText: name });
      await expect(cell).toHaveAttribute("data-span", "all");
      const b = await box(cell);
      expect(Math.abs(b.x - first.x), `${name} starts at the first room`).toBeLessThan(2);
      expect(Math.abs(b.x + b.width - (last.x + last.width)), `${name} ends at the last room`).toBeLessThan(2);
      // Not a session to save: no star, no language tag.
      await expect(cell.getByTestId("star")).toHaveCount(0);
      await expect(cell).not.toContainText(/\bBG\b|\bEN\b/);
    }
    // A 90-minute panel is taller than a 45-minute keynote.
    const panel = await box(grid.getByTestId("grid-cell").filter({ hasText: "Tech parks: meaning" }));
    const keynote = await box(grid.getByTestId("grid-cell").filter({ hasText: "Cluster and innovation policies" }));
    // (Rows may grow to fit a short session's text, so not exactly twice as tall.)
    expect(panel.height).toBeGreaterThan(keynote.height * 1.25);
    // Parallel sessions side by side, starting on the same line.
    const startups = await box(grid.getByTestId("grid-cell").filter({ hasText: "Startups: innovation" }));
    expect(Math.abs(startups.y - panel.y)).toBeLessThan(2);
    expect(startups.x).toBeGreaterThan(panel.x + panel.width - 1);

    // Each cell says its time, type, speakers (with organisation) and track in text.
    const opening = grid.getByTestId("grid-cell").filter({ hasText: "Official opening" });
    await expect(opening).toContainText("09:30–10:00");
    await expect(opening).toContainText("Ceremony");
    await expect(opening).toContainText("Maria Petrova");
    await expect(opening).toContainText("(Business Clusters Association in Bulgaria)");
    await expect(opening).toContainText("Policy and ecosystems");
    await expect(opening.getByRole("link", { name: "Official opening" })).toHaveAttribute("href", "/en/2025/opening");

    // The legend: every track of the edition, with its colour.
    const legend = page.getByTestId("track-legend").filter({ visible: true });
    await expect(legend).toHaveCount(1);
    // Before the agenda here.
    expect((await box(legend)).y).toBeLessThan((await box(page.getByTestId("agenda-bar"))).y);
    for (const track of ed.tracks) await expect(legend).toContainText(track.name);
    await expect(legend.getByRole("listitem")).toHaveCount(ed.tracks.length);

    // A list, not a table with empty cells.
    await expect(page.locator("table")).toHaveCount(0);
    const items = grid.getByRole("list").first().getByRole("listitem");
    await expect(items).toHaveCount((await sessionsOf(page, 2025)).filter((s) => s.start.startsWith("2025-03-26")).length);
    await shot(page, "agenda-grid-1366");
  });

  test("room order is the same on every day tab", async ({ page }) => {
    for (const year of [2025, 2027]) {
      const ed = await edition(page, year);
      const order = ed.rooms.map((r) => r.name);
      await page.goto(`/en/${year}/agenda`);
      const tabs = page.getByTestId("day-tab");
      const n = await tabs.count();
      expect(n).toBeGreaterThan(1);
      const seen: string[][] = [];
      for (let i = 0; i < n; i++) {
        await tabs.nth(i).click();
        await expect(tabs.nth(i)).toHaveAttribute("aria-selected", "true");
        await expect(page.getByTestId("agenda-grid")).toHaveAttribute("data-day", (await tabs.nth(i).getAttribute("data-day"))!);
        const columns = await roomColumns(page);
        expect(columns.length).toBeGreaterThan(0);
        expectSubsequence(columns, order);
        seen.push(columns);
      }
      // Rooms two days share come in the same order on both.
      const [a, b] = seen as [string[], string[]];
      const shared = a.filter((r) => b.includes(r));
      expect(b.filter((r) => shared.includes(r))).toEqual(shared);
    }
  });

  test("day tabs by keyboard, the view switch kept in the address, filters as removable chips", async ({ page }) => {
    await page.goto("/en/2025/agenda");
    const tabs = page.getByTestId("day-tab");
    await tabs.first().focus();
    await page.keyboard.press("ArrowRight");
    await expect(tabs.nth(1)).toHaveAttribute("aria-selected", "true");
    await expect(tabs.nth(1)).toBeFocused();
    const outline = await tabs.nth(1).evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe("none");
    await expect(page).toHaveURL(/day=2025-03-27/);
    await expect(tabs.nth(1)).toContainText("Thu 27 March");

    await page.getByTestId("view-list").click();
    await expect(page).toHaveURL(/view=list/);
    await expect(page.getByTestId("agenda-grid")).toHaveCount(0);
    await expect(page.getByTestId("agenda-list").getByTestId("agenda-item").filter({ visible: true }).first()).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("view-list")).toHaveAttribute("aria-pressed", "true");
    await expect(tabs.nth(1)).toHaveAttribute("aria-selected", "true");

    // Filters: inline menus on a wide screen, no disclosure button.
    await expect(page.getByTestId("filters-toggle")).toBeHidden();
    const visibleItems = page.getByTestId("agenda-list").getByTestId("agenda-item").filter({ visible: true });
    const all = await visibleItems.count();
    await page.getByTestId("filter-room").selectOption({ label: "Hall 2" });
    await expect(page).toHaveURL(/room=[0-9a-f]{8}/);
    await expect(page.getByTestId("filter-chip")).toHaveText(/Room: Hall 2/);
    await expect(visibleItems).not.toHaveCount(all);
    for (const text of await visibleItems.allTextContents()) expect(text).toMatch(/Hall 2/);
    // The address is shareable: the same filter in a fresh page, in the other language too.
    const url = page.url();
    await page.goto(url.replace("/en/", "/bg/"));
    await expect(page.getByTestId("filter-chip")).toHaveText(/Зала: Зала 2/);
    await page.getByTestId("filter-chip").click();
    await expect(page.getByTestId("filter-chip")).toHaveCount(0);
    await expect(page).not.toHaveURL(/room=/);
  });

  test("during the event: today's tab, the running session highlighted, the next one marked", async ({ page }) => {
    const ed = await edition(page, 2027);
    const sessions = (await sessionsOf(page, 2027)).filter((s) => s.type !== "break");
    const days = [...new Set(sessions.map((s) => dayIn(s.start, ed.timezone)))].sort();
    const day2 = sessions.filter((s) => dayIn(s.start, ed.timezone) === days[1]);
    const running = day2[0]!;
    const now = new Date(Date.parse(running.start) + 10 * 60_000);
    await page.clock.setFixedTime(now);
    await page.goto("/en/2027/agenda");
    const tab = page.locator(`[data-testid="day-tab"][data-day="${days[1]}"]`);
    await expect(tab).toHaveAttribute("aria-selected", "true");
    await expect(tab).toContainText("today");
    await expect(page).not.toHaveURL(/day=/);
    const cell = page.getByTestId("agenda-grid").locator(`[data-session-id="${running.id}"]`);
    await expect(cell).toHaveAttribute("data-mark", "now");
    await expect(cell.getByTestId("mark")).toHaveText("Now");
    await expect(page.getByTestId("jump-now")).toBeVisible();
    await shot(page, "agenda-now-1366");
  });

  test("axe: the grid has no serious or critical violations", async ({ page }) => {
    await page.goto("/en/2025/agenda");
    await expect(page.getByTestId("agenda-grid")).toBeVisible();
    await expectAccessible(page);
    await page.goto("/bg/2027/agenda?view=list&track=policy");
    await expect(page.getByTestId("filter-chip")).toBeVisible();
    await expectAccessible(page);
  });

  test("print: the list of every day, a page each, no filters, tabs or stars, links as text", async ({ page }) => {
    await page.goto("/en/2025/agenda");
    await expect(page.getByTestId("agenda-grid")).toBeVisible();
    await page.emulateMedia({ media: "print" });
    await expect(page.getByTestId("agenda-grid")).toBeHidden();
    await expect(page.getByTestId("agenda-bar")).toBeHidden();
    await expect(page.getByTestId("filter-track")).toBeHidden();
    await expect(page.locator("header.site")).toBeHidden();
    const days = page.getByTestId("agenda-list").locator("section");
    await expect(days).toHaveCount(2);
    await expect(days.nth(0)).toBeVisible();
    await expect(days.nth(1)).toBeVisible();
    await expect(page.getByTestId("star").filter({ visible: true })).toHaveCount(0);
    const link = page.getByTestId("agenda-list").getByRole("link", { name: "Official opening" });
    const [linkColour, textColour, underline] = await link.evaluate((a) => [getComputedStyle(a).color, getComputedStyle(a.closest("article")!).color, getComputedStyle(a).textDecorationLine]);
    expect(linkColour).toBe(textColour);
    expect(underline).toBe("none");
    expect(await days.nth(1).evaluate((el) => getComputedStyle(el).breakBefore)).toBe("page");
    await page.screenshot({ path: "test-results/screenshots/agenda-print.png", fullPage: true });
    // Chromium's own print to PDF: the second day starts a new page.
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(2);
  });
});

test.describe("the agenda at 390px", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test("a list by default, no sideways scroll, filters in one control, the first session on the first screen", async ({ page }) => {
    for (const path of ["/bg/2025/agenda", "/en/2027/agenda"]) {
      await page.goto(path);
      const list = page.getByTestId("agenda-list");
      await expect(list).toBeVisible();
      await expect(page.getByTestId("agenda-grid")).toBeHidden();
      await expect(page.getByTestId("view-list")).toHaveAttribute("aria-pressed", "true");
      await noHorizontalOverflow(page);
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(scroll).toBeLessThanOrEqual(0);
      // One "Filters" button; the menus behind it.
      const toggle = page.getByTestId("filters-toggle");
      await expect(toggle).toBeVisible();
      await expect(page.getByTestId("filter-type")).toBeHidden();
      // The first session (not a break) is on the first screen.
      const firstSession = list.locator('[data-testid="agenda-item"][data-kind="session"]').filter({ visible: true }).first();
      await expect(firstSession).toBeInViewport();
      const b = await box(firstSession);
      expect(b.y).toBeLessThan(844);
      // Breaks: slim, full width, no star.
      if (path.includes("2025")) {
        const lunch = list.locator('[data-kind="break"]').filter({ hasText: "Обяд" });
        await expect(lunch.getByTestId("star")).toHaveCount(0);
        const lunchBox = await box(lunch);
        const sessionBox = await box(firstSession);
        expect(lunchBox.height).toBeLessThan(sessionBox.height / 2);
        expect(Math.abs(lunchBox.width - sessionBox.width)).toBeLessThan(2);
      }
      // The legend after the agenda, and only one shown: it stands there in the page's order too,
      // so nothing is pushed down under it while the page loads.
      const legend = page.getByTestId("track-legend").filter({ visible: true });
      await expect(legend).toHaveCount(1);
      await expect(legend).toHaveAttribute("data-place", "end");
      expect((await box(legend)).y).toBeGreaterThan((await box(list)).y + (await box(list)).height - 1);
    }
    await shot(page, "agenda-list-390");

    const toggle = page.getByTestId("filters-toggle");
    await toggle.tap();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await page.getByTestId("filter-type").selectOption("panel");
    await page.getByTestId("filter-language").selectOption("bg-en");
    await expect(toggle).toHaveText(/Filters \(2\)/);
    await expect(page.getByTestId("filter-chip")).toHaveCount(2);
    await expect(page).toHaveURL(/type=panel/);
    await noHorizontalOverflow(page);
    await page.getByTestId("filters-clear").tap();
    await expect(page.getByTestId("filter-chip")).toHaveCount(0);
    await expect(toggle).toHaveText("Filters");
  });

  test("a grid chosen on a phone scrolls inside its own box, never the page", async ({ page }) => {
    await page.goto("/en/2025/agenda?view=grid");
    await expect(page.getByTestId("agenda-grid")).toBeVisible();
    await noHorizontalOverflow(page);
  });

  test("a visitor on a phone finds today's next session in two taps from the home page", async ({ page }) => {
    // The edition the home page shows, its sessions, and a moment inside its first day: ten
    // minutes before a later start of that day (so that the next session is not on the first screen).
    await page.goto("/bg");
    const year = Number(await page.getByTestId("edition-home").getAttribute("data-year"));
    const ed = await edition(page, year, "bg");
    const sessions = (await sessionsOf(page, year, "bg")).filter((s) => s.type !== "break");
    const firstDay = dayIn(sessions[0]!.start, ed.timezone);
    const starts = [...new Set(sessions.filter((s) => dayIn(s.start, ed.timezone) === firstDay).map((s) => s.start))].sort((a, b) => Date.parse(a) - Date.parse(b));
    expect(starts.length, "the first day has two start times at least").toBeGreaterThan(1);
    const nextStart = starts[Math.min(2, starts.length - 1)]!;
    const now = new Date(Date.parse(nextStart) - 10 * 60_000);
    const expected = sessions.filter((s) => s.start === nextStart);

    await page.clock.setFixedTime(now);
    await page.goto("/bg");
    let taps = 0;
    // "Програма" in the site's navigation (behind the menu button, if the navigation is folded).
    const nav = page.getByRole("link", { name: "Програма", exact: true }).filter({ visible: true });
    if (!(await nav.count())) {
      await page.getByRole("button", { name: /меню|menu|навигация/i }).first().tap();
      taps++;
    }
    await nav.first().tap();
    taps++;
    // /bg/agenda redirects to the current edition's agenda.
    await expect(page).toHaveURL(new RegExp(`/bg/${year}/agenda`), { timeout: 20_000 });
    const today = page.locator(`[data-testid="day-tab"][data-day="${firstDay}"]`);
    await expect(today).toHaveAttribute("aria-selected", "true");
    const list = page.getByTestId("agenda-list");
    const target = list.locator(`[data-testid="agenda-item"][data-session-id="${expected[0]!.id}"]`);
    await expect(target).toHaveAttribute("data-mark", "next");
    // Arriving during the event brings the next session into view: no more taps needed.
    await expect(target).toBeInViewport();
    expect(taps).toBeLessThanOrEqual(2);
    await expect(target.getByTestId("mark")).toHaveText("Следва");
    for (const s of expected) await expect(list.locator(`[data-session-id="${s.id}"]`)).toHaveAttribute("data-mark", "next");
    await shot(page, "agenda-two-taps-390");

    // Scrolled away, one tap on "Сега и следва" brings it back, its link focused.
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect(target).not.toBeInViewport();
    await page.getByTestId("jump-now").tap();
    await expect(target).toBeInViewport();
    await expect(target.getByRole("link").first()).toBeFocused();
  });

  test("axe: the phone list has no serious or critical violations", async ({ page }) => {
    await page.goto("/bg/2025/agenda");
    await expect(page.getByTestId("agenda-list")).toBeVisible();
    await expectAccessible(page);
    await page.getByTestId("filters-toggle").tap();
    await expectAccessible(page);
  });
});
