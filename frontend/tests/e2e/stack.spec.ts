import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import { API_URL, shot } from "./helpers";

// The production stack at work (platform/scripts/e2e.sh runs these against `make stack`): an
// editor's change goes through the publish outbox, the Celery worker and /api/revalidate, and
// Wagtail's scheduled publishing runs from `celery beat`, with no manual step. Editors' actions
// run the backend's own code through E2E_MANAGE (manage.py with the stack's environment).
const MANAGE = process.env.E2E_MANAGE || "";
const SECRET = process.env.REVALIDATE_SECRET || "";
const run = promisify(execFile);
const DATA_TTL_MS = 60_000; // REVALIDATE_SECONDS in src/lib/api.ts

async function manage(script: string): Promise<Record<string, unknown>> {
  const { stdout } = await run(MANAGE, ["shell", "-c", script], { timeout: 90_000 });
  return JSON.parse(stdout.trim().split("\n").pop() || "{}") as Record<string, unknown>;
}

/** Loads `path` every 500 ms until `shows` holds; ms taken, or null after `limitMs`. */
async function pollPage(page: Page, path: string, shows: () => Promise<boolean>, limitMs: number): Promise<number | null> {
  const start = Date.now();
  while (Date.now() - start < limitMs) {
    await page.goto(path);
    if (await shows()) return Date.now() - start;
    await page.waitForTimeout(500);
  }
  return null;
}

test.describe("the stack at work", () => {
  test.skip(!MANAGE || !SECRET, "E2E_MANAGE and REVALIDATE_SECRET come from platform/scripts/e2e.sh");

  test("a person's new bio, published, refreshes their speaker page", async ({ page, request }) => {
    test.setTimeout(120_000);
    const list = await request.get(`${API_URL}/api/v1/speakers/?locale=en&year=2027&page_size=1`);
    const speaker = ((await list.json()) as { results: { id: number; name: string }[] }).results[0];
    if (!speaker) throw new Error("the demo's 2027 edition has no speaker");
    const path = `/en/speakers/${speaker.id}`;
    // Baseline: the site's cached data for this speaker fetched now, so its 60 s TTL cannot run
    // out during the test and only the publish can explain a change.
    const reset = await request.post("/api/revalidate", {
      headers: { "x-revalidate-secret": SECRET },
      data: { tags: [`speaker:${speaker.id}`, "speakers"] },
    });
    expect(reset.status()).toBe(200);
    await page.goto(path);
    const baseline = Date.now();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(speaker.name);
    const bio = `Leads the cluster's open data work (${Date.now().toString(36)}).`;
    await expect(page.getByText(bio)).toHaveCount(0);

    const published = await manage(`
import json
from cms.people.models import Person
person = Person.objects.get(pk=${speaker.id})
person.bio = "<p>${bio}</p>"
person.save_revision().publish()
print(json.dumps({"bio": Person.objects.get(pk=person.pk).bio}))
`);
    expect(published.bio).toContain(bio);
    const waited = await pollPage(page, path, async () => (await page.getByText(bio).count()) > 0, 30_000);
    expect(waited, "the new bio did not show within 30 s of publishing").not.toBeNull();
    expect(Date.now() - baseline, "seen only after the data TTL could have expired").toBeLessThan(DATA_TTL_MS);
    await shot(page, "stack-speaker-bio");
  });

  test("a session scheduled to go live appears on the site by itself", async ({ page, request }) => {
    // Beat runs Wagtail's scheduled publishing once a minute: up to a minute, plus delivery.
    test.setTimeout(240_000);
    const slug = `scheduled-${Date.now().toString(36)}`;
    const title = `Hydrogen valleys (scheduled ${slug})`;
    const scheduled = await manage(`
import datetime, json
from django.utils import timezone
from cms.conference.models import EditionPage, SessionPage
edition = EditionPage.objects.get(year=2027, locale__language_code="en")
start = datetime.datetime.combine(edition.start_date, datetime.time(17, 30), tzinfo=edition.tzinfo)
page = SessionPage(title=${JSON.stringify(title)}, slug=${JSON.stringify(slug)}, locale=edition.locale,
                   session_type="talk", start=start, end=start + datetime.timedelta(minutes=30), live=False)
edition.add_child(instance=page)
page.go_live_at = timezone.now() + datetime.timedelta(seconds=5)
page.save_revision().publish()
page.refresh_from_db()
print(json.dumps({"id": page.pk, "live": page.live, "go_live_at": page.go_live_at.isoformat()}))
`);
    expect(scheduled.live).toBe(false);
    const path = `/en/2027/${slug}`;
    const api = await request.get(`${API_URL}/api/v1/sessions/${scheduled.id}/`);
    expect(api.status()).toBe(404);
    const before = await page.goto(path);
    expect(before?.status()).toBe(404);
    await page.goto("/en/2027/agenda");
    await expect(page.getByRole("link", { name: title, exact: true })).toHaveCount(0);

    const waited = await pollPage(
      page,
      path,
      async () => (await page.getByRole("heading", { level: 1 }).filter({ hasText: title }).count()) > 0,
      180_000,
    );
    expect(waited, "the scheduled session did not appear within 3 minutes").not.toBeNull();
    expect((await request.get(`${API_URL}/api/v1/sessions/${scheduled.id}/`)).status()).toBe(200);
    await page.goto("/en/2027/agenda");
    await expect(page.getByRole("link", { name: title, exact: true }).first()).toBeVisible();
    await shot(page, "stack-scheduled-session");
  });
});
