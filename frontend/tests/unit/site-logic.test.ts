import { describe, expect, it } from "vitest";
import { pickCurrentEdition } from "@/lib/editions";
import { switchLocalePath } from "@/lib/i18n";
import { hitHref, isSitePath, yearFromPath } from "@/lib/links";
import { parseRevalidateBody, secretMatches } from "@/lib/revalidate";
import { sanitizeHighlight } from "@/lib/sanitize";

describe("highlight sanitising", () => {
  it("lets only <mark> through", () => {
    expect(sanitizeHighlight("<mark>Sofia</mark> Tech")).toBe("<mark>Sofia</mark> Tech");
    expect(sanitizeHighlight('<img src=x onerror=alert(1)><mark>a</mark><script>x</script>')).toBe(
      "&lt;img src=x onerror=alert(1)&gt;<mark>a</mark>&lt;script&gt;x&lt;/script&gt;",
    );
    expect(sanitizeHighlight('<mark onclick="x">a</mark>')).toBe("&lt;mark onclick=&quot;x&quot;&gt;a</mark>");
  });
});

describe("language switch", () => {
  it("keeps the page", () => {
    expect(switchLocalePath("/bg/2027/agenda", "en")).toBe("/en/2027/agenda");
    expect(switchLocalePath("/en", "bg")).toBe("/bg");
    expect(switchLocalePath("/", "en")).toBe("/en");
  });
});

describe("current edition", () => {
  const eds = [
    { year: 2025, status: "archived", start_date: "2025-03-26", end_date: "2025-03-27" },
    { year: 2026, status: "archived", start_date: "2026-03-25", end_date: "2026-03-26" },
    { year: 2027, status: "announced", start_date: "2027-03-24", end_date: "2027-03-25" },
  ];
  it("is the next one to come", () => expect(pickCurrentEdition(eds, "2026-11-27")?.year).toBe(2027));
  it("is the one running", () => expect(pickCurrentEdition(eds, "2027-03-25")?.year).toBe(2027));
  it("is the latest when all are past", () => expect(pickCurrentEdition(eds, "2030-01-01")?.year).toBe(2027));
  it("is a live one first", () => expect(pickCurrentEdition([...eds, { year: 2028, status: "live", start_date: "2028-01-01", end_date: "2028-01-02" }], "2026-01-01")?.year).toBe(2028));
});

describe("search result links", () => {
  it("links each kind to its page", () => {
    expect(hitHref("en", { kind: "person", object_id: 10, slug: "x", years: [2025] })).toBe("/en/speakers/10");
    expect(hitHref("bg", { kind: "session", object_id: 84, slug: "opening", years: [2027] })).toBe("/bg/sessions/84");
    expect(hitHref("en", { kind: "news", object_id: 12, slug: "first", years: [2025] })).toBe("/en/2025/first");
    expect(hitHref("en", { kind: "edition", object_id: 1, slug: "2026", years: [2026] })).toBe("/en/2026");
    expect(hitHref("en", { kind: "organisation", object_id: 1, slug: "stp", years: [2025, 2027] })).toBe("/en/2027/partners");
    expect(yearFromPath("/national-cluster-conference-en/2025/first/")).toBe(2025);
  });
});

describe("revalidation requests", () => {
  it("checks the secret in constant time and refuses an unset one", () => {
    expect(secretMatches("abc", "abc")).toBe(true);
    expect(secretMatches("abd", "abc")).toBe(false);
    expect(secretMatches("abc", undefined)).toBe(false);
    expect(secretMatches(null, "abc")).toBe(false);
  });
  it("accepts paths and tags, refuses the rest", () => {
    expect(parseRevalidateBody({ paths: ["/bg/2027", "/bg/2027"], tags: ["edition:2027"] })).toEqual({ paths: ["/bg/2027"], tags: ["edition:2027"] });
    expect(parseRevalidateBody({})).toHaveProperty("error");
    expect(parseRevalidateBody({ paths: ["http://evil"] })).toHaveProperty("error");
    expect(parseRevalidateBody({ paths: "/bg" })).toHaveProperty("error");
    expect(parseRevalidateBody([])).toHaveProperty("error");
  });
});

describe("site paths", () => {
  it("are this site's paths, not other hosts' addresses", () => {
    for (const path of ["/", "/bg/2027/agenda", "/en/search?q=x"]) expect(isSitePath(path), path).toBe(true);
    for (const href of ["//evil.example/bg", "https://example.org/", "mailto:a@b.c", "bg/2027", "", "javascript:alert(1)"]) expect(isSitePath(href), href).toBe(false);
  });
});
