import { describe, expect, it } from "vitest";
import * as S from "@/lib/schemas";
import edition from "./fixtures/edition-2027-bg.json";
import page from "./fixtures/page-en.json";
import search from "./fixtures/search-bg.json";
import session from "./fixtures/session-en.json";
import sessions from "./fixtures/sessions-2027-en.json";
import speaker from "./fixtures/speaker-en.json";
import speakers from "./fixtures/speakers-2027-en.json";

describe("response validation at the edge", () => {
  it("accepts real API responses", () => {
    expect(S.EditionDetail.parse(edition).year).toBe(2027);
    expect(S.paginated(S.Session).parse(sessions).results.length).toBeGreaterThan(0);
    expect(S.SessionDetail.parse(session).speakers.length).toBeGreaterThan(1);
    expect(S.Speaker.parse(speaker).appearances.length).toBeGreaterThan(1);
    expect(S.paginated(S.SpeakerListItem).parse(speakers).results.length).toBeGreaterThan(1);
    expect(S.SearchResult.parse(search).results.length).toBeGreaterThan(0);
    expect(S.PageDetail.parse(page).title).toBeTruthy();
  });

  it("keeps the schema.org JSON-LD of editions and of the session detail", () => {
    const e = S.EditionDetail.parse(edition);
    expect(e.jsonld["@type"]).toBe("Event");
    const detail = S.SessionDetail.parse(session);
    expect(detail.jsonld["@type"]).toBe("Event");
    expect(detail.jsonld.startDate).toBe(detail.start);
  });

  it("reads lean list items: short speakers, topic ids, no abstract", () => {
    const items = S.paginated(S.Session).parse(sessions).results;
    const withSpeakers = items.find((s) => s.speakers.length)!;
    expect(Object.keys(withSpeakers.speakers[0]!).sort()).toEqual(["id", "name", "photo", "role"]);
    expect(withSpeakers.speakers[0]!.photo).toMatch(/^https?:\/\/.*fill-160x160/);
    expect(items.some((s) => s.topics.length)).toBe(true);
    expect(items.every((s) => s.topics.every((t) => Number.isInteger(t)))).toBe(true);
    const raw = (sessions as { results: Record<string, unknown>[] }).results;
    expect(raw.some((s) => "abstract" in s || "jsonld" in s)).toBe(false);
    // An expanded item is not a lean one: the site asks for lean items only.
    const expanded = { ...raw[0], speakers: [{ role: "speaker", person: {} }] };
    expect(S.Session.safeParse(expanded).success).toBe(false);
  });

  it("reads images as one URL per size", () => {
    const photo = S.Speaker.parse(speaker).photo!;
    expect(Object.keys(photo.urls).sort()).toEqual(["square", "thumbnail"]);
    expect(S.EditionDetail.parse(edition).hero_image!.urls.hero).toMatch(/fill-1200x500/);
    const oldShape = { alt: "", width: 400, height: 400, renditions: { square: { url: "https://x/a.png", width: 400, height: 400 } } };
    expect(S.Image.safeParse(oldShape).success).toBe(false);
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
