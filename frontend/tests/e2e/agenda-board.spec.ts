import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { API_URL, shot } from "./helpers";

// The agenda board in the Wagtail admin (cms/conference/board.py), driven in a real browser:
// a fresh draft edition is cloned from 2027 for this test alone (the public editions 2025-2027,
// which other specs compare in screenshots, are never changed), then sessions are created,
// dragged, refused, accepted, undone and moved with the keyboard.
// The admin login comes from `load_demo --admin` (platform/scripts/stack.sh prints it).
const ADMIN_USER = process.env.ADMIN_USER || "admin";
const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD || "conference-demo";
const TIMEOUT = { timeout: 15_000 };
const run = promisify(execFile);
// The backend's virtualenv (make venv), for writing a spreadsheet with openpyxl.
const PYTHON = process.env.E2E_PYTHON || path.resolve(__dirname, "../../../.venv/bin/python");

type Room = { id: number | null; name: string; all: boolean };
type Card = { id: number; title: string; room: number | null; day: string | null; start_minutes?: number; end_minutes?: number };
type Payload = {
  edition: { id: number; days: string[] };
  rooms: Room[];
  time: { start_minutes: number; end_minutes: number };
  sessions: Card[];
};

test.use({ viewport: { width: 1600, height: 1400 } });

async function logIn(page: Page) {
  await page.goto(`${API_URL}/admin/login/`);
  await page.locator('input[name="username"]').fill(ADMIN_USER);
  await page.locator('input[name="password"]').fill(ADMIN_PASSWORD);
  await Promise.all([page.waitForURL(/\/admin\/$/), page.locator('form button[type="submit"]').first().click()]);
}

/** Clones the Bulgarian 2027 edition into a draft edition of an unused year; returns its page id. */
async function cloneDraftEdition(page: Page): Promise<number> {
  const response = await page.request.get(`${API_URL}/api/v1/editions/2027/?locale=bg`);
  expect(response.ok()).toBe(true);
  const source = (await response.json()) as { id: number };
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const year = 2100 + Math.floor(Math.random() * 900);
    await page.goto(`${API_URL}/admin/editions/${source.id}/clone/`);
    await page.locator('input[name="year"]').fill(String(year));
    await page.locator('form button[type="submit"].button').last().click();
    await page.waitForURL(/\/admin\/(pages\/\d+\/edit\/|editions\/\d+\/clone\/)/, TIMEOUT);
    const match = /\/admin\/pages\/(\d+)\/edit\//.exec(page.url());
    if (match) return Number(match[1]);
  }
  throw new Error("no free year for the draft edition");
}

async function payloadOf(page: Page): Promise<Payload> {
  return JSON.parse((await page.locator("#agenda-board-data").textContent()) || "{}") as Payload;
}

function clock(minutes: number) {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** A start time (multiple of 15 minutes) with [start, start + 120) free in both rooms on `day`. */
function freeTime(payload: Payload, day: string, rooms: number[]): number {
  const busy = (start: number, end: number) =>
    payload.sessions.some(
      (card) =>
        card.day === day &&
        (card.room === null || rooms.includes(card.room)) &&
        (card.start_minutes ?? 0) < end &&
        start < (card.end_minutes ?? 0),
    );
  const first = Math.max(payload.time.start_minutes, 9 * 60);
  for (let start = Math.ceil(first / 15) * 15; start + 120 <= payload.time.end_minutes; start += 15) {
    if (!busy(start, start + 120)) return start;
  }
  throw new Error("no free time on the board");
}

function slot(page: Page, day: string, room: number | null, minutes: number): Locator {
  return page.locator(`.ab-slot[data-day="${day}"][data-room="${room ?? ""}"][data-start="${clock(minutes)}"]`);
}

async function centre(locator: Locator) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  if (!box) throw new Error("not on screen");
  return box;
}

/** Drags `card` by a point near its top edge so that its top lands on the top of `target`. */
async function dragCardTo(page: Page, card: Locator, target: Locator) {
  const from = await centre(card);
  const to = await centre(target);
  const grabY = 4;
  await page.mouse.move(from.x + from.width / 2, from.y + grabY);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + grabY + 12, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + grabY, { steps: 12 });
  await page.mouse.up();
}

async function fillCreateDialog(page: Page, title: string, searchFor?: string) {
  const dialog = page.locator("dialog.ab-dialog");
  await expect(dialog).toBeVisible();
  await dialog.locator("#ab-new-title").fill(title);
  if (searchFor) {
    await dialog.locator("#ab-new-speaker").fill(searchFor);
    const person = dialog.locator("button[data-person-id]").first();
    await expect(person).toBeVisible(TIMEOUT);
    await person.click();
    await expect(dialog.locator(".ab-dialog__speaker")).toHaveCount(1);
  }
  await dialog.locator('button[type="submit"]').click();
  await expect(dialog).toBeHidden(TIMEOUT);
}

test("the agenda board creates, refuses, moves, undoes, moves by keyboard, resizes and unschedules", async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page);
  const editionId = await cloneDraftEdition(page);
  await page.goto(`${API_URL}/admin/editions/${editionId}/agenda/`);
  await expect(page.locator(".ab-grid")).toBeVisible(TIMEOUT);

  const payload = await payloadOf(page);
  const rooms = payload.rooms.filter((room) => !room.all).map((room) => room.id as number);
  expect(rooms.length).toBeGreaterThanOrEqual(2);
  const [room1, room2] = rooms as [number, number];
  const day = payload.edition.days[0]!;
  await expect(page.locator(`.ab-tab[data-day="${day}"]`)).toHaveAttribute("aria-selected", "true");
  const t = freeTime(payload, day, [room1, room2]);
  const suffix = Math.random().toString(36).slice(2, 7);
  const titleA = `Сесия А ${suffix}`;
  const titleB = `Сесия Б ${suffix}`;

  // A: select two empty cells of room 1 with the pointer; the dialog creates it with a speaker.
  const first = await centre(slot(page, day, room1, t));
  const second = await centre(slot(page, day, room1, t + 15));
  await page.mouse.move(first.x + first.width / 2, first.y + first.height / 2);
  await page.mouse.down();
  await page.mouse.move(second.x + second.width / 2, second.y + second.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(page.locator("#ab-new-start")).toHaveValue(clock(t));
  await expect(page.locator("#ab-new-end")).toHaveValue(clock(t + 30));
  await fillCreateDialog(page, titleA, "а");
  const cardA = page.locator(".ab-grid .ab-card", { hasText: titleA });
  await expect(cardA).toBeVisible(TIMEOUT);
  await expect(cardA).toHaveAttribute("data-start", `${day}T${clock(t)}`);
  await expect(cardA).toHaveAttribute("data-room", String(room1));
  await expect(cardA).toHaveAttribute("data-status", "draft");

  // B: an empty slot of room 2 reached with the keyboard, Enter opens the same dialog.
  await slot(page, day, room2, t).focus();
  await page.keyboard.press("Enter");
  await fillCreateDialog(page, titleB);
  const cardB = page.locator(".ab-grid .ab-card", { hasText: titleB });
  await expect(cardB).toHaveAttribute("data-start", `${day}T${clock(t)}`, TIMEOUT);
  await expect(cardB).toHaveAttribute("data-room", String(room2));

  // B onto A's slot: room 1 is taken, the refusal shows on B and B stays where it was.
  await dragCardTo(page, cardB, slot(page, day, room1, t));
  const refusal = cardB.locator(".ab-card__message--error");
  await expect(refusal).toBeVisible(TIMEOUT);
  await expect(refusal).toContainText(titleA);
  await expect(cardB).toHaveAttribute("data-room", String(room2));
  await expect(cardB).toHaveAttribute("data-start", `${day}T${clock(t)}`);
  await shot(page, "agenda-board-refused");

  // B to a free slot of room 1: accepted.
  await dragCardTo(page, cardB, slot(page, day, room1, t + 60));
  await expect(cardB).toHaveAttribute("data-room", String(room1), TIMEOUT);
  await expect(cardB).toHaveAttribute("data-start", `${day}T${clock(t + 60)}`);
  await expect(cardB.locator('.ab-card__message[data-kind="ok"]')).toBeVisible(TIMEOUT);
  await expect(cardB.locator(".ab-card__message--error")).toHaveCount(0);

  // Undo: B goes back to room 2 through the same endpoint.
  // (The card moves at once and waits for the answer with a "saving" note; "ok" is the answer.)
  await page.locator('button[data-action="undo"]').click();
  await expect(cardB.locator('.ab-card__message[data-kind="ok"]')).toBeVisible(TIMEOUT);
  await expect(cardB).toHaveAttribute("data-room", String(room2));
  await expect(cardB).toHaveAttribute("data-start", `${day}T${clock(t)}`);
  await expect(page.locator('button[data-action="undo"]')).toBeDisabled();

  // A by keyboard: pick up, three steps of 5 minutes down, drop.
  await cardA.focus();
  await page.keyboard.press("Enter");
  await expect(cardA).toHaveClass(/is-picked/);
  for (let i = 0; i < 3; i += 1) await page.keyboard.press("ArrowDown");
  await expect(cardA).toHaveAttribute("data-start", `${day}T${clock(t + 15)}`);
  await expect(page.locator("#agenda-board-live")).toContainText(titleA);
  await page.keyboard.press("Enter");
  await expect(cardA).not.toHaveClass(/is-picked/, TIMEOUT);
  await expect(cardA.locator('.ab-card__message[data-kind="ok"]')).toBeVisible(TIMEOUT);
  await expect(cardA.locator(".ab-card__message--error")).toHaveCount(0);
  await expect(cardA).toBeFocused();

  // B's bottom edge dragged 15 minutes down: it ends later and starts where it did.
  const handle = cardB.locator(".ab-card__handle");
  const edge = await centre(handle);
  const quarter = await centre(slot(page, day, room2, t + 30));
  await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
  await page.mouse.down();
  await page.mouse.move(edge.x + edge.width / 2, quarter.y + quarter.height + 2, { steps: 8 });
  await page.mouse.up();
  await expect(cardB).toHaveAttribute("data-end", `${day}T${clock(t + 45)}`, TIMEOUT);
  await expect(cardB).toHaveAttribute("data-start", `${day}T${clock(t)}`);
  await expect(cardB.locator('.ab-card__message[data-kind="ok"]')).toBeVisible(TIMEOUT);

  // B dropped on the unscheduled list, then dragged from it back onto the grid.
  await dragCardTo(page, cardB, page.locator(".ab-side__title"));
  const sideB = page.locator(".ab-side .ab-card", { hasText: titleB });
  await expect(sideB).toBeVisible(TIMEOUT);
  await expect(sideB).toHaveAttribute("data-start", "");
  await expect(sideB.locator('.ab-card__message[data-kind="ok"]')).toBeVisible(TIMEOUT);
  await dragCardTo(page, sideB, slot(page, day, room2, t + 60));
  await expect(cardB).toHaveAttribute("data-start", `${day}T${clock(t + 60)}`, TIMEOUT);
  await expect(cardB).toHaveAttribute("data-room", String(room2));
  await expect(cardB.locator('.ab-card__message[data-kind="ok"]')).toBeVisible(TIMEOUT);

  // What the board shows is what was saved.
  await page.reload();
  await expect(page.locator(".ab-grid .ab-card", { hasText: titleA })).toHaveAttribute("data-start", `${day}T${clock(t + 15)}`, TIMEOUT);
  await expect(page.locator(".ab-grid .ab-card", { hasText: titleB })).toHaveAttribute("data-start", `${day}T${clock(t + 60)}`);
  await shot(page, "agenda-board");
});

/** An XLSX programme with Bulgarian headers, made with openpyxl (the backend's virtualenv). */
async function spreadsheet(rows: (string | null)[][], day: string): Promise<string> {
  const file = path.join(os.tmpdir(), `programme-${process.pid}-${Date.now()}.xlsx`);
  const script = [
    "import datetime, json, sys, openpyxl",
    "rows, day, out = json.loads(sys.argv[1]), datetime.date.fromisoformat(sys.argv[2]), sys.argv[3]",
    "book = openpyxl.Workbook()",
    "book.active.append(['Дата', 'Начало', 'Край', 'Зала', 'Заглавие', 'Заглавие на английски', 'Вид'])",
    "[book.active.append([day] + row) for row in rows]",
    "book.save(out)",
  ].join("\n");
  await run(PYTHON, ["-c", script, JSON.stringify(rows), day, file]);
  return file;
}

test("a spreadsheet is previewed, imported in one confirmation, and its sessions are dragged on the board", async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page);
  const editionId = await cloneDraftEdition(page);
  await page.goto(`${API_URL}/admin/editions/${editionId}/agenda/`);
  await expect(page.locator(".ab-grid")).toBeVisible(TIMEOUT);
  const payload = await payloadOf(page);
  const rooms = payload.rooms.filter((room) => !room.all);
  const [room1, room2] = rooms as [Room, Room];
  const day = payload.edition.days[0]!;
  const t = freeTime(payload, day, [room1.id as number, room2.id as number]);
  const suffix = Math.random().toString(36).slice(2, 7);
  const titles = [`Внесена лекция ${suffix}`, `Внесен панел ${suffix}`];
  const file = await spreadsheet(
    [
      [clock(t), clock(t + 30), room2.name, titles[0]!, `Imported talk ${suffix}`, "Лекция"],
      [clock(t + 30), clock(t + 60), room2.name, titles[1]!, `Imported panel ${suffix}`, "Панелна дискусия"],
    ],
    day,
  );

  await page.goto(`${API_URL}/admin/editions/${editionId}/agenda/import/`);
  await page.locator('input[type="file"][name="file"]').setInputFiles(file);
  await page.locator("form[data-agenda-import-form] button[type=submit]").click();
  // The preview: two sessions to create, nothing written yet.
  await expect(page.locator("[data-import-create] tbody tr")).toHaveCount(2, TIMEOUT);
  await expect(page.locator("[data-import-create]")).toContainText(titles[0]!);
  const before = await page.request.get(`${API_URL}/admin/editions/${editionId}/agenda/data/`);
  expect(JSON.stringify(await before.json())).not.toContain(titles[0]!);
  await page.getByRole("button", { name: /Confirm the import|Потвърждаване/ }).click();

  // The board, with both imported drafts in room 2.
  await page.waitForURL(new RegExp(`/admin/editions/${editionId}/agenda/$`), TIMEOUT);
  const imported = page.locator(".ab-grid .ab-card", { hasText: titles[0]! });
  await expect(imported).toHaveAttribute("data-start", `${day}T${clock(t)}`, TIMEOUT);
  await expect(imported).toHaveAttribute("data-room", String(room2.id));
  await expect(imported).toHaveAttribute("data-status", "draft");
  const other = page.locator(".ab-grid .ab-card", { hasText: titles[1]! });
  await expect(other).toHaveAttribute("data-start", `${day}T${clock(t + 30)}`);

  // The second dragged onto the first: refused; then to room 1: accepted.
  await dragCardTo(page, other, slot(page, day, room2.id, t));
  await expect(other.locator(".ab-card__message--error")).toContainText(titles[0]!, TIMEOUT);
  await expect(other).toHaveAttribute("data-start", `${day}T${clock(t + 30)}`);
  await dragCardTo(page, other, slot(page, day, room1.id, t));
  await expect(other).toHaveAttribute("data-room", String(room1.id), TIMEOUT);
  await expect(other).toHaveAttribute("data-start", `${day}T${clock(t)}`);
  await expect(other.locator('.ab-card__message[data-kind="ok"]')).toBeVisible(TIMEOUT);

  // The same file again: everything unchanged, nothing to confirm.
  await page.goto(`${API_URL}/admin/editions/${editionId}/agenda/import/`);
  await page.locator('input[type="file"][name="file"]').setInputFiles(file);
  await page.locator("form[data-agenda-import-form] button[type=submit]").click();
  await expect(page.locator("[data-import-change] tbody tr")).toHaveCount(1, TIMEOUT);
  await expect(page.locator("[data-import-create]")).toHaveCount(0);
  await fs.rm(file, { force: true });
});
