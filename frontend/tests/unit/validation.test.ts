import { describe, expect, it } from "vitest";
import * as S from "@/lib/schemas";
import edition from "./fixtures/edition-2027-bg.json";
import page from "./fixtures/page-en.json";
import search from "./fixtures/search-bg.json";
import sessions from "./fixtures/sessions-2027-en.json";
import speaker from "./fixtures/speaker-en.json";

describe("response validation at the edge", () => {
  it("accepts real API responses", () => {
    expect(S.EditionDetail.parse(edition).year).toBe(2027);
    expect(S.paginated(S.Session).parse(sessions).results.length).toBeGreaterThan(0);
    expect(S.Speaker.parse(speaker).appearances.length).toBeGreaterThan(1);
    expect(S.SearchResult.parse(search).results.length).toBeGreaterThan(0);
    expect(S.PageDetail.parse(page).title).toBeTruthy();
  });

  it("keeps the schema.org JSON-LD of editions and sessions", () => {
    const e = S.EditionDetail.parse(edition);
    expect(e.jsonld["@type"]).toBe("Event");
    const first = S.paginated(S.Session).parse(sessions).results[0]!;
    expect(first.jsonld["@type"]).toBe("Event");
  });

  it("rejects a session without a time zone offset", () => {
    const bad = structuredClone((sessions as { results: Record<string, unknown>[] }).results[0]!);
    bad.start = "2027-03-24T09:30:00";
    expect(S.Session.safeParse(bad).success).toBe(false);
  });

  it("rejects a missing field and a wrong type", () => {
    const { year: _year, ...noYear } = edition as Record<string, unknown>;
    expect(S.EditionDetail.safeParse(noYear).success).toBe(false);
    expect(S.Speaker.safeParse({ ...speaker, appearances: "many" }).success).toBe(false);
    expect(S.SearchResult.safeParse({ ...search, results: [{ id: 1 }] }).success).toBe(false);
  });

  it("drops fields we do not render", () => {
    const parsed = S.Speaker.parse({ ...speaker, secret: "x" }) as Record<string, unknown>;
    expect(parsed.secret).toBeUndefined();
  });
});
