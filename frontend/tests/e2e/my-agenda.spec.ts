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
