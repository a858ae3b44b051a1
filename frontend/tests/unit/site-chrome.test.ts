import { describe, expect, it } from "vitest";
import {
  byTier,
  editionPages,
  mapLink,
  programmeHighlights,
  registrationOpen,
  splitPartners,
  venueAddress,
} from "@/lib/editions";
import { dictionary } from "@/lib/i18n";
import { acceptedLanguages, preferredLocale } from "@/lib/negotiate";
import { FALLBACK_ORIGIN, originOf, siteOrigin } from "@/lib/origin";
import { EditionDetail } from "@/lib/schemas";
import { appearancesByEdition, speakerYearFilter } from "@/lib/speakers";
import { localiseStarred, parseIds, type StarredSession } from "@/lib/starred";
import edition2027 from "./fixtures/edition-2027-bg.json";

const headers = (values: Record<string, string>) => new Headers(values);

describe("the site's public address, per request", () => {
  it("takes SITE_URL first (its origin only)", () => {
    expect(siteOrigin(headers({ host: "evil.example" }), "https://conference.example/some/path")).toBe("https://conference.example");
  });
  it("else the proxy's forwarded host and scheme", () => {
    expect(siteOrigin(headers({ host: "127.0.0.1:3000", "x-forwarded-host": "conf.example.org", "x-forwarded-proto": "https" }), "")).toBe(
      "https://conf.example.org",
    );
    expect(siteOrigin(headers({ "x-forwarded-host": "a.example, b.example", "x-forwarded-proto": "https,http" }), undefined)).toBe("https://a.example");
  });
  it("else the request's Host, with its port", () => {
    expect(siteOrigin(headers({ host: "127.0.0.1:3103" }), "")).toBe("http://127.0.0.1:3103");
    expect(siteOrigin(headers({ host: "[::1]:8080" }), "")).toBe("http://[::1]:8080");
  });
  it("refuses hosts that are not host names", () => {
    for (const host of ["evil.example/path", "a b", "x.example:port", "<script>", "user@host"]) {
      expect(siteOrigin(headers({ host }), "")).toBe(FALLBACK_ORIGIN);
    }
    expect(siteOrigin(headers({ host: "ok.example", "x-forwarded-proto": "javascript" }), "")).toBe("http://ok.example");
    expect(siteOrigin(null, "")).toBe(FALLBACK_ORIGIN);
    expect(originOf("ftp://files.example")).toBeNull();
    expect(originOf("not a url")).toBeNull();
  });
});

describe("the language of /", () => {
  it("orders Accept-Language by weight, then by position", () => {
    expect(acceptedLanguages("de;q=0.5, en-GB, bg;q=0.9, fr;q=0")).toEqual(["en-gb", "bg", "de"]);
    expect(acceptedLanguages(undefined)).toEqual([]);
  });
  it("prefers English only when the browser does", () => {
    expect(preferredLocale("en-US,en;q=0.9")).toBe("en");
    expect(preferredLocale("bg-BG,bg;q=0.9,en;q=0.8")).toBe("bg");
    expect(preferredLocale("de-DE,de;q=0.9,en;q=0.7,bg;q=0.5")).toBe("en");
    expect(preferredLocale("de,fr")).toBe("bg");
    expect(preferredLocale("")).toBe("bg");
    expect(preferredLocale("en;q=0.2,bg;q=0.8")).toBe("bg");
  });
  it("lets the language switch's cookie win", () => {
    expect(preferredLocale("en-US", "bg")).toBe("bg");
    expect(preferredLocale("bg", "en")).toBe("en");
    expect(preferredLocale("en", "xx")).toBe("en");
  });
});

describe("an edition as the site shows it", () => {
  const edition = EditionDetail.parse(edition2027);

  it("groups the partners: patron and organisers up top, sponsors by tier", () => {
    const { patrons, organisers, others } = splitPartners(edition.partners);
    expect(patrons.map((g) => g.role)).toEqual(["patron"]);
    expect(organisers.map((g) => g.role)).toEqual(["organiser", "co_organiser"]);
    expect(others.map((g) => g.role)).not.toContain("organiser");
    const sponsors = others.find((g) => g.role === "sponsor")!;
    expect(byTier(sponsors.partners).map((t) => t.tier)).toEqual(["platinum", "silver"]);
    const mixed = [
      { tier: "", order: 1 },
      { tier: "bronze", order: 2 },
      { tier: "gold", order: 3 },
      { tier: "gold", order: 1 },
    ];
    expect(byTier(mixed).map((t) => [t.tier, t.partners.map((p) => p.order)])).toEqual([
      ["gold", [1, 3]],
      ["bronze", [2]],
      ["", [1]],
    ]);
  });

  it("names every tier in both languages", () => {
    for (const locale of ["bg", "en"] as const) {
      const tiers = dictionary(locale).site.tiers;
      for (const tier of ["platinum", "gold", "silver", "bronze"]) expect(tiers[tier]).toBeTruthy();
    }
    expect(dictionary("bg").site.tiers.platinum).toBe("Платинен партньор");
    expect(dictionary("bg").site.register).toBe("Регистрация");
  });

  it("links the venue on a map: coordinates first, else an address search", () => {
    expect(mapLink(edition.venue)).toBe("https://www.openstreetmap.org/?mlat=42.66740&mlon=23.37390#map=17/42.66740/23.37390");
    const noCoordinates = { ...edition.venue, latitude: null, longitude: null };
    expect(mapLink(noCoordinates)).toBe(
      `https://www.openstreetmap.org/search?query=${encodeURIComponent("София Тех Парк, бул. „Цариградско шосе“ 111Б, 1784 София")}`,
    );
    expect(venueAddress(edition.venue)).toBe("бул. „Цариградско шосе“ 111Б, 1784 София");
    expect(mapLink({ name: "", address: "", city: "", postal_code: "", country: "BG", latitude: null, longitude: null })).toBeNull();
  });

  it("opens registration only with a link, before the edition ends", () => {
    const e = { registration_url: "https://reg.example", status: "announced", end_date: "2027-03-25" };
    expect(registrationOpen(e, "2026-12-01")).toBe(true);
    expect(registrationOpen(e, "2027-03-26")).toBe(false);
    expect(registrationOpen({ ...e, registration_url: "" }, "2026-12-01")).toBe(false);
    expect(registrationOpen({ ...e, status: "archived" }, "2026-12-01")).toBe(false);
    expect(registrationOpen({ ...e, status: "live" }, "2027-03-24")).toBe(true);
  });

  it("finds the venue and about pages among the edition's pages", () => {
    const pages = [
      { type: "news", slug: "registration-open-2027" },
      { type: "standard", slug: "code-of-conduct" },
      { type: "standard", slug: "about" },
      { type: "venue", slug: "venue" },
    ];
    expect(editionPages(pages)).toEqual({ venuePage: pages[3], aboutPage: pages[2] });
    expect(editionPages([{ type: "news", slug: "x" }])).toEqual({ venuePage: null, aboutPage: null });
  });

  it("picks keynotes and panels with speakers as programme highlights, in time order", () => {
    const s = (type: string, start: string, speakers = 1) => ({ type, start, speakers: Array.from({ length: speakers }) });
    const sessions = [
      s("break", "2027-03-24T09:00"),
      s("talk", "2027-03-24T09:30"),
      s("panel", "2027-03-24T11:00"),
      s("keynote", "2027-03-24T10:00"),
      s("keynote", "2027-03-25T10:00", 0),
      s("workshop", "2027-03-25T12:00"),
    ];
    expect(programmeHighlights(sessions, 3).map((x) => `${x.type}@${x.start}`)).toEqual([
      "keynote@2027-03-24T10:00",
      "panel@2027-03-24T11:00",
      "workshop@2027-03-25T12:00",
    ]);
  });
});

describe("speakers by edition", () => {
  it("reads ?year= as a year, all years, the current edition, or a 404", () => {
    const years = [2027, 2026, 2025];
    expect(speakerYearFilter(undefined, years, 2027)).toBe(2027);
    expect(speakerYearFilter("", years, 2027)).toBe(2027);
    expect(speakerYearFilter("2025", years, 2027)).toBe(2025);
    expect(speakerYearFilter(["2026", "2025"], years, 2027)).toBe(2026);
    expect(speakerYearFilter("all", years, 2027)).toBe("all");
    expect(speakerYearFilter(undefined, [], undefined)).toBe("all");
    for (const bad of ["1999", "20x5", "２０２５", "-2025", "2025 "]) expect(speakerYearFilter(bad, years, 2027)).toBeNull();
  });

  it("groups a speaker's appearances by edition, newest first", () => {
    const a = (year: number, start: string) => ({ role: "speaker", session: { year, start } });
    const groups = appearancesByEdition([a(2025, "2025-03-26T10:00"), a(2027, "2027-03-24T11:00"), a(2027, "2027-03-24T09:30")]);
    expect(groups.map((g) => [g.year, g.appearances.map((x) => x.session.start)])).toEqual([
      [2027, ["2027-03-24T09:30", "2027-03-24T11:00"]],
      [2025, ["2025-03-26T10:00"]],
    ]);
  });
});

describe("my agenda in the page's language", () => {
  const s = (guid: string, id: number, title: string, start: string): StarredSession => ({ guid, id, title, start, end: start, year: 2027, slug: guid, room: "" });

  it("reads ?ids= strictly", () => {
    expect(parseIds("12,34,12")).toEqual([12, 34]);
    for (const bad of [null, "", "1,,2", "a", "0", "-1", "1.5", " 1", "٣"]) expect(parseIds(bad)).toBeNull();
    expect(parseIds(Array.from({ length: 100 }, (_, i) => i + 1).join(","))).toHaveLength(100);
    expect(parseIds(Array.from({ length: 101 }, (_, i) => i + 1).join(","))).toBeNull();
  });

  it("takes titles from the sessions read again, by guid, and keeps the rest", () => {
    const stored = [s("g1", 85, "Opening", "2027-03-24T09:30"), s("g2", 87, "Keynote", "2027-03-24T10:00"), s("g3", 99, "Gone", "2027-03-25T09:00")];
    const fresh = [s("g2", 86, "Пътят към пазарите на Централна Азия", "2027-03-24T10:00"), s("g1", 84, "Откриване", "2027-03-24T09:30")];
    const result = localiseStarred(stored, fresh);
    expect(result.map((x) => [x.id, x.title])).toEqual([
      [84, "Откриване"],
      [86, "Пътят към пазарите на Централна Азия"],
      [99, "Gone"],
    ]);
  });
});
