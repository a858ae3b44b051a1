import { expect, test } from "@playwright/test";
import { API_URL, shot } from "./helpers";

test("star sessions, see them in my agenda, download one .ics", async ({ page, request }) => {
  await page.goto("/en/my-agenda");
  await expect(page.getByTestId("my-agenda-empty")).toBeVisible();

  await page.goto("/en/2027/agenda?view=list");
  const items = page.getByTestId("agenda-item");
  await items.first().getByTestId("star").click();
  await expect(items.first().getByTestId("star")).toHaveAttribute("aria-pressed", "true");
  await items.nth(1).getByTestId("star").click();

  // Stars are kept across languages (by guid) and reloads.
  await page.goto("/bg/2027/agenda?view=list");
  await expect(page.getByTestId("agenda-item").first().getByTestId("star")).toHaveAttribute("aria-pressed", "true");

  await page.goto("/en/my-agenda");
  await expect(page.getByTestId("my-agenda-item")).toHaveCount(2);
  await shot(page, "my-agenda");
  const link = page.getByTestId("download-ics");
  const href = await link.getAttribute("href");
  expect(href).toMatch(new RegExp(`^${API_URL.replace(/[.]/g, "\\.")}/api/v1/agenda\\.ics\\?sessions=\\d+,\\d+`));
  const ics = await request.get(href!);
  expect(ics.ok()).toBe(true);
  expect(ics.headers()["content-type"]).toContain("text/calendar");
  const body = await ics.text();
  expect(body).toContain("BEGIN:VCALENDAR");
  expect(body.match(/BEGIN:VEVENT/g)).toHaveLength(2);

  // Unstar from the list.
  await page.getByTestId("my-agenda-item").first().getByTestId("star").click();
  await expect(page.getByTestId("my-agenda-item")).toHaveCount(1);
});

test("my agenda shows titles in the page's language, whichever language they were starred in", async ({ page, request }) => {
  const read = async (locale: string) => {
    const response = await request.get(`${API_URL}/api/v1/sessions/?year=2027&locale=${locale}&page_size=100`);
    return ((await response.json()) as { results: { guid: string; title: string; room: { name: string } | null }[] }).results;
  };
  const [en, bg] = await Promise.all([read("en"), read("bg")]);
  const bgTitle = new Map(bg.map((s) => [s.guid, s.title]));
  const enTitle = new Map(en.map((s) => [s.guid, s.title]));

  // Starred on the English agenda.
  await page.goto("/en/2027/agenda?view=list");
  const items = page.getByTestId("agenda-item").filter({ visible: true });
  await items.first().getByTestId("star").click();
  await items.nth(1).getByTestId("star").click();

  for (const [locale, titles] of [
    ["bg", bgTitle],
    ["en", enTitle],
  ] as const) {
    await page.goto(`/${locale}/my-agenda`);
    const agenda = page.getByTestId("my-agenda");
    await expect(agenda).toHaveAttribute("data-state", "ready");
    const stored = (await page.evaluate(() => JSON.parse(localStorage.getItem("conference:starred:v1") ?? "[]"))) as { guid: string }[];
    expect(stored).toHaveLength(2);
    const expected = stored.map((s) => titles.get(s.guid));
    expect(expected.every(Boolean)).toBe(true);
    await expect(page.getByTestId("my-agenda-title")).toHaveText(expected as string[]);
    await shot(page, `my-agenda-${locale}`);
  }
  // The stored ids keep working: the export takes them as they are.
  const href = await page.getByTestId("download-ics").getAttribute("href");
  expect((await request.get(href!)).ok()).toBe(true);
});

test("the titles route answers bad ids with a 400", async ({ request }) => {
  for (const ids of ["", "a,b", "1,,2", "-1", Array.from({ length: 101 }, (_, i) => i + 1).join(",")]) {
    const response = await request.get(`/bg/my-agenda/sessions?ids=${ids}`);
    expect(response.status(), ids).toBe(400);
    expect(response.headers()["content-type"]).toContain("application/problem+json");
  }
  const none = await request.get("/en/my-agenda/sessions?ids=999999");
  expect(none.status()).toBe(200);
  expect(await none.json()).toEqual([]);
});
