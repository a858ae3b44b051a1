import { AppRouterContext, type AppRouterInstance } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { readFileSync } from "node:fs";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { jumpTarget, nowNext, nowNextMarks, type AgendaSession } from "@/lib/agenda";
import { agendaText, dictionary, LOCALES, type Locale } from "@/lib/i18n";
import { paginated, Session, SessionDetail } from "@/lib/schemas";
import { agendaFeedTypes, agendaFeedUrl } from "@/lib/site";
import { localiseStarred } from "@/lib/starred";
import { SessionCard, type CardContext, type Mark } from "@/components/AgendaSessionCard";
import { SessionView } from "@/components/SessionView";
import { starredOf } from "@/components/starredOf";
import { make } from "./agenda-helpers";
import sessionsFixture from "./fixtures/sessions-2027-en.json";
import sessionFixture from "./fixtures/session-en.json";
import edition2027 from "./fixtures/edition-2027-bg.json";

const ctx = (locale: Locale, marks: [number, Mark][] = []): CardContext => ({
  locale,
  t: agendaText(dictionary(locale)),
  timeZone: "Europe/Sofia",
  marks: new Map(marks),
});

/** The site's links read the App Router; a page renders inside one. */
const router = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {} } as unknown as AppRouterInstance;
const inApp = (element: ReactElement) => renderToStaticMarkup(createElement(AppRouterContext.Provider, { value: router }, element));

const card = (s: AgendaSession, c: CardContext, variant: "grid" | "list" = "list") =>
  renderToStaticMarkup(createElement(SessionCard, { s, ctx: c, roomText: s.room?.name, roomVisible: variant === "list", variant }));

describe("a cancelled session in the API's answers", () => {
  it("parses as not cancelled when the answer has no `cancelled` (older API)", () => {
    expect(sessionsFixture.results.some((s) => "cancelled" in s)).toBe(false);
    const list = paginated(Session).parse(sessionsFixture).results;
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((s) => s.cancelled === false)).toBe(true);
    expect("cancelled" in sessionFixture).toBe(false);
    expect(SessionDetail.parse(sessionFixture).cancelled).toBe(false);
  });

  it("keeps `cancelled: true`, and refuses a value that is not a boolean", () => {
    const first = sessionsFixture.results[0]!;
    expect(Session.parse({ ...first, cancelled: true }).cancelled).toBe(true);
    expect(SessionDetail.parse({ ...sessionFixture, cancelled: true }).cancelled).toBe(true);
    expect(Session.safeParse({ ...first, cancelled: "yes" }).success).toBe(false);
  });
});

describe("a cancelled session on the agenda", () => {
  // 10:00: s1 runs (09:30-10:30), s2 and s3 start next at 11:00, s4 at 12:00.
  const now = new Date("2027-03-24T10:00:00+02:00");
  const running = make(1, "2027-03-24T09:30:00+02:00", "2027-03-24T10:30:00+02:00");
  const next2 = make(2, "2027-03-24T11:00:00+02:00", "2027-03-24T12:00:00+02:00");
  const next3 = make(3, "2027-03-24T11:00:00+02:00", "2027-03-24T12:00:00+02:00", { room: { id: 2, name: "Hall 2" } });
  const later = make(4, "2027-03-24T12:00:00+02:00", "2027-03-24T13:00:00+02:00");

  it("is neither now nor next; the others keep their marks", () => {
    const marks = nowNextMarks([{ ...running, cancelled: true }, { ...next2, cancelled: true }, next3, later], now);
    expect([...marks]).toEqual([[3, "next"]]);
  });

  it("does not hold the next slot: when all of it is cancelled, the one after is next", () => {
    const result = nowNext([running, { ...next2, cancelled: true }, { ...next3, cancelled: true }, later], now);
    expect(result.now.map((s) => s.id)).toEqual([1]);
    expect(result.next.map((s) => s.id)).toEqual([4]);
    expect(jumpTarget([{ ...running, cancelled: true }, { ...next2, cancelled: true }, next3], now)?.id).toBe(3);
  });

  for (const [locale, word] of [
    ["bg", "Отменена"],
    ["en", "Cancelled"],
  ] as const) {
    it(`shows "${word}" beside the struck title, and no now/next mark even when given one (${locale})`, () => {
      for (const variant of ["list", "grid"] as const) {
        const html = card({ ...running, title: "Opening talk", cancelled: true }, ctx(locale, [[1, "now"]]), variant);
        expect(html).toContain("<s>Opening talk</s>");
        expect(html).toMatch(new RegExp(`<h3[^>]*>.*<s>Opening talk</s>.*<span[^>]*data-testid="cancelled"[^>]*>${word}</span></h3>`));
        expect(html).toContain('data-cancelled="true"');
        expect(html).not.toContain("data-mark");
        expect(html).not.toContain('data-testid="mark"');
      }
    });

    it(`leaves a session that goes ahead as it was (${locale})`, () => {
      const html = card({ ...running, title: "Opening talk" }, ctx(locale, [[1, "now"]]));
      expect(html).not.toContain("<s>");
      expect(html).not.toContain(word);
      expect(html).not.toContain("data-cancelled");
      expect(html).toContain('data-mark="now"');
      expect(html).toContain(`>${dictionary(locale).now}</span>`);
    });

    it(`marks a cancelled break too (${locale})`, () => {
      const html = card(make(9, "2027-03-24T12:30:00+02:00", "2027-03-24T13:30:00+02:00", { type: "break", title: "Lunch", cancelled: true }), ctx(locale, [[9, "now"]]));
      expect(html).toContain("<s>Lunch</s>");
      expect(html).toContain(`>${word}</span>`);
      expect(html).not.toContain("data-mark");
    });
  }
});

describe("the page of a cancelled session", () => {
  const cancelled = SessionDetail.parse({ ...sessionFixture, cancelled: true });
  const goesAhead = SessionDetail.parse(sessionFixture);

  for (const [locale, word, notice] of [
    ["bg", "Отменена", "Тази сесия е отменена."],
    ["en", "Cancelled", "This session is cancelled."],
  ] as const) {
    it(`says so at the top, and beside the struck title (${locale})`, () => {
      const html = inApp(createElement(SessionView, { locale, session: cancelled }));
      expect(html).toContain(`data-testid="session-cancelled">${notice}</p>`);
      expect(html.indexOf(notice)).toBeLessThan(html.indexOf("<h1"));
      expect(html).toMatch(new RegExp(`<h1><s>${escape(cancelled.title)}</s> <span[^>]*>${word}</span></h1>`));
    });

    it(`shows no notice for a session that goes ahead (${locale})`, () => {
      const html = inApp(createElement(SessionView, { locale, session: goesAhead }));
      expect(html).not.toContain(notice);
      expect(html).not.toContain("<s>");
      expect(html).toContain(`<h1>${escapeHtml(goesAhead.title)}</h1>`);
    });
  }
});

describe("a cancelled session in my agenda", () => {
  it("is stored and read again as cancelled; one that goes ahead stores no flag", () => {
    const s = { guid: "g1", id: 1, title: "Opening", start: "2027-03-24T09:30:00+02:00", end: "2027-03-24T10:00:00+02:00", year: 2027, slug: "opening", room: null };
    expect(starredOf({ ...s, cancelled: true }).cancelled).toBe(true);
    expect("cancelled" in starredOf({ ...s, cancelled: false })).toBe(false);
    expect("cancelled" in starredOf(s)).toBe(false);
    // The stored copy says nothing; the fresh one (my agenda's route) says cancelled.
    const [fresh] = localiseStarred([starredOf(s)], [starredOf({ ...s, title: "Откриване", cancelled: true })]);
    expect(fresh).toMatchObject({ title: "Откриване", cancelled: true });
  });
});

describe("the agenda releases feed", () => {
  it("is at the API the browser sees, for the edition's year and the page's language", () => {
    expect(agendaFeedUrl("https://api.example.org/", 2027, "bg")).toBe("https://api.example.org/api/v1/editions/2027/releases/feed.atom?locale=bg");
    expect(agendaFeedUrl("https://api.example.org", 2025, "en")).toBe("https://api.example.org/api/v1/editions/2025/releases/feed.atom?locale=en");
    expect(agendaFeedTypes("https://api.example.org", 2027, "en", "National Cluster Conference 2027")).toEqual({
      "application/atom+xml": [
        { url: "https://api.example.org/api/v1/editions/2027/releases/feed.atom?locale=en", title: "National Cluster Conference 2027 — agenda releases" },
      ],
    });
  });

  it("is an address the committed OpenAPI schema has, with the language parameter it declares", () => {
    const schema = readFileSync("../api/schema/openapi.yaml", "utf8");
    const start = schema.indexOf("\n  /api/v1/editions/{year}/releases/feed.atom:\n");
    expect(start).toBeGreaterThan(-1);
    const operation = schema.slice(start + 1, schema.indexOf("\n  /", start + 1));
    const url = new URL(agendaFeedUrl("https://api.example.org", 2027, "en"));
    expect(url.pathname).toBe("/api/v1/editions/2027/releases/feed.atom");
    for (const name of url.searchParams.keys()) expect(operation).toMatch(new RegExp(`- in: query\\n\\s+name: ${name}\\n`));
  });

  describe("in the agenda page's metadata", () => {
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    it("is announced for feed readers beside the canonical and language links", async () => {
      const asked: string[] = [];
      vi.stubGlobal(
        "fetch",
        vi.fn(async (url: string) => {
          asked.push(String(url));
          return new Response(JSON.stringify(edition2027), { status: 200, headers: { "content-type": "application/json" } });
        }),
      );
      const { PUBLIC_API_URL } = await import("@/lib/api");
      const { generateMetadata } = await import("@/app/[locale]/[year]/agenda/page");
      for (const locale of LOCALES) {
        const metadata = await generateMetadata({ params: Promise.resolve({ locale, year: "2027" }), searchParams: Promise.resolve({}) } as never);
        expect(metadata.alternates?.canonical).toBe(`/${locale}/2027/agenda`);
        expect(metadata.alternates?.languages).toMatchObject({ bg: "/bg/2027/agenda", en: "/en/2027/agenda" });
        expect(metadata.alternates?.types).toEqual({
          "application/atom+xml": [
            {
              url: `${PUBLIC_API_URL}/api/v1/editions/2027/releases/feed.atom?locale=${locale}`,
              title: `${edition2027.title} — ${locale === "bg" ? "версии на програмата" : "agenda releases"}`,
            },
          ],
        });
      }
      expect(asked.every((u) => u.includes("/api/v1/editions/2027/"))).toBe(true);
    });
  });
});

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function escape(text: string): string {
  return escapeHtml(text).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
