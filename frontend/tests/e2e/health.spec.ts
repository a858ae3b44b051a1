import { expect, test } from "@playwright/test";

// Container healthchecks probe /healthz: a 200 JSON answer, not the redirect to /bg every other path gets.
test("/healthz answers 200 with status ok and no redirect", async ({ request }) => {
  const response = await request.get("/healthz", { maxRedirects: 0 });
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  expect(await response.json()).toEqual({ status: "ok" });
});
