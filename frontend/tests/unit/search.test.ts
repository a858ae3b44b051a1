import { describe, expect, it } from "vitest";
import { decodeEntities, sanitizeHighlight } from "@/lib/sanitize";
import * as S from "@/lib/schemas";
import search from "./fixtures/search-bg.json";

describe("search highlights from the API (escaped once, <mark> only)", () => {
  it("shows escaped characters once, not their entities", () => {
    // The API's html.escape output for: Policies and tools for industry's twin transition.
    const api = "Policies and tools for <mark>industry</mark>&#x27;s twin transition.";
    expect(sanitizeHighlight(api)).toBe("Policies and tools for <mark>industry</mark>&#39;s twin transition.");
    expect(sanitizeHighlight("R&amp;D &lt;lab&gt; &quot;<mark>Quanta</mark>&quot;")).toBe("R&amp;D &lt;lab&gt; &quot;<mark>Quanta</mark>&quot;");
    expect(decodeEntities("industry&#x27;s R&amp;D &lt;b&gt; &quot;q&quot; &#39;")).toBe("industry's R&D <b> \"q\" '");
  });

  it("decodes once only: text that was escaped twice stays visible as an entity", () => {
    expect(decodeEntities("&amp;#x27;")).toBe("&#x27;");
    expect(sanitizeHighlight("&amp;#x27;")).toBe("&amp;#x27;");
  });

  it("never lets markup through, whether raw or encoded", () => {
    expect(sanitizeHighlight("&lt;script&gt;alert(1)&lt;/script&gt;")).toBe("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(sanitizeHighlight("<script>alert(1)</script><mark>x</mark>")).toBe("&lt;script&gt;alert(1)&lt;/script&gt;<mark>x</mark>");
    expect(sanitizeHighlight("&lt;mark&gt;x&lt;/mark&gt;")).toBe("&lt;mark&gt;x&lt;/mark&gt;");
    expect(sanitizeHighlight("<MARK>x</MARK>")).toBe("<mark>x</mark>");
    expect(decodeEntities("&#0; &#xd800; &#x110000; &bogus;")).toBe("&#0; &#xd800; &#x110000; &bogus;");
  });
});

describe("search answers", () => {
  it("carry labels, the fallback flag and did_you_mean", () => {
    const result = S.SearchResult.parse(search);
    expect(result.did_you_mean).toBeNull();
    for (const hit of result.results) {
      expect(hit.kind_label).not.toBe(hit.kind);
      expect(hit.fallback).toBe(false);
      expect(typeof hit.snippet_field).toBe("string");
    }
    expect(S.SearchResult.safeParse({ ...search, did_you_mean: 3 }).success).toBe(false);
  });
});
