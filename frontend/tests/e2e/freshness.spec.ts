import { shot } from "./helpers";
import { expect, test } from "@playwright/test";

const SECRET = process.env.REVALIDATE_SECRET || "";

test("the revalidation route refuses a wrong secret and bad bodies", async ({ request }) => {
  const wrong = await request.post("/api/revalidate", { headers: { "x-revalidate-secret": "nope" }, data: { paths: ["/bg"] } });
  expect(wrong.status()).toBe(401);
  const none = await request.post("/api/revalidate", { data: { paths: ["/bg"] } });
  expect(none.status()).toBe(401);
  test.skip(!SECRET, "REVALIDATE_SECRET not given to the test run");
  const bad = await request.post("/api/revalidate", { headers: { "x-revalidate-secret": SECRET }, data: { paths: ["http://x"] } });
  expect(bad.status()).toBe(400);
});

test("the revalidation route accepts paths and tags with the secret", async ({ request }) => {
  test.skip(!SECRET, "REVALIDATE_SECRET not given to the test run");
  const ok = await request.post("/api/revalidate", {
    headers: { "x-revalidate-secret": SECRET },
    data: { paths: ["/bg/2027", "/en/2027/agenda"], tags: ["edition:2027"] },
  });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toMatchObject({ revalidated: true, paths: ["/bg/2027", "/en/2027/agenda"], tags: ["edition:2027"] });
  const page = await request.get("/en/2027/agenda");
  expect(page.ok()).toBe(true);
});

test("preview without a valid token is refused, never a crash", async ({ request }) => {
  const missing = await request.get("/api/preview");
  expect(missing.status()).toBe(400);
  const forged = await request.get("/api/preview?content_type=conference.sessionpage&token=forged", { maxRedirects: 5 });
  expect(forged.status()).toBe(404);
});

test("an editor's preview link shows the unpublished draft in draft mode", async ({ page }) => {
  const token = process.env.PREVIEW_TOKEN;
  test.skip(!token, "PREVIEW_TOKEN not given (platform/scripts/e2e.sh makes one)");
  await page.goto(`/api/preview?content_type=conference.sessionpage&token=${encodeURIComponent(token!)}`);
  await expect(page).toHaveURL(/\/preview\?/);
  await expect(page.getByTestId("preview")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Opening (draft preview)");
  await shot(page, "preview-draft");
  // The public page still shows the published title.
  await page.context().clearCookies();
  await page.goto("/en/2027/opening");
  await expect(page.getByRole("heading", { level: 1 })).not.toContainText("draft preview");
});
