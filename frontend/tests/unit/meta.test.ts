import { describe, expect, it } from "vitest";
import { clip, DESCRIPTION_MAX, editionDescription, pageDescription, sessionDescription, speakerDescription } from "@/lib/meta";
import type { Edition, PageDetail, SessionDetail, Speaker } from "@/lib/schemas";

const session = (extra: Partial<SessionDetail> = {}) =>
  ({
    title: "Opening",
    abstract: "",
    type_label: "Ceremony",
    start: "2027-03-24T09:30:00+02:00",
    end: "2027-03-24T10:00:00+02:00",
    timezone: "Europe/Sofia",
    room: { id: 1, name: "Main Hall" },
    speakers: [{ role: "host", person: { name: "Milena Todorova" } }, { role: "speaker", person: { name: "Georgi Ivanov" } }],
    ...extra,
  }) as unknown as SessionDetail;

const speaker = (extra: Partial<Speaker> = {}) =>
  ({
    name: "Milena Todorova",
    job_title: "Editor",
    organisation: { id: 1, name: "Cluster Review" },
    bio: "",
    appearances: [
      { role: "host", session: { id: 1, title: "Opening", type: "ceremony", start: "", end: "", year: 2027 } },
      { role: "speaker", session: { id: 2, title: "Markets keynote", type: "keynote", start: "", end: "", year: 2027 } },
    ],
    ...extra,
  }) as unknown as Speaker;

describe("descriptions for search results", () => {
  it("cuts long text at a word, in one line", () => {
    const long = "word ".repeat(100);
    const cut = clip(long);
    expect(cut.length).toBeLessThanOrEqual(DESCRIPTION_MAX);
    expect(cut.endsWith("word…")).toBe(true);
    expect(clip("  two\\n lines  ".replace("\\n", "\n"))).toBe("two lines");
  });

  it("a session: its abstract, else what, when, where and who", () => {
    expect(sessionDescription(session({ abstract: "<p>Welcome &amp; <b>opening</b> words.</p>" }), "en")).toBe("Welcome & opening words.");
    expect(sessionDescription(session(), "en")).toBe("Ceremony · 24 March 2027, 09:30–10:00 · Main Hall · Milena Todorova, Georgi Ivanov");
    expect(sessionDescription(session({ room: null, speakers: [] }), "bg")).toMatch(/^Ceremony · 24 март 2027 г\., 09:30–10:00$/);
    // Times on the edition's own clock.
    expect(sessionDescription(session({ timezone: "Europe/Berlin" }), "en")).toContain("08:30–09:00");
  });

  it("a speaker: the bio, else who they are and where they speak", () => {
    expect(speakerDescription(speaker({ bio: "<p>Editor of the review.</p>" }))).toBe("Editor of the review.");
    expect(speakerDescription(speaker())).toBe("Milena Todorova, Editor, Cluster Review · Opening, Markets keynote");
    expect(speakerDescription(speaker({ job_title: "", organisation: null, appearances: [] }))).toBe("Milena Todorova");
  });

  it("a page: its intro, else its text, else its title", () => {
    const page = (extra: Partial<PageDetail>) => ({ title: "Venue", intro: "", body: [], ...extra }) as unknown as PageDetail;
    expect(pageDescription(page({ intro: "Sofia Tech Park." }))).toBe("Sofia Tech Park.");
    expect(pageDescription(page({ body: [{ type: "paragraph", value: "<p>Hall <em>A</em>, first floor.</p>" }] }))).toBe("Hall A, first floor.");
    expect(pageDescription(page({}), "Conference 2027")).toBe("Venue · Conference 2027");
  });

  it("an edition: its intro, else its theme, else title, dates and venue", () => {
    const edition = (extra: Partial<Edition>) =>
      ({ title: "Conference 2027", intro: "", theme: "", start_date: "2027-03-24", end_date: "2027-03-25", venue: { name: "Sofia Tech Park" }, ...extra }) as unknown as Edition;
    expect(editionDescription(edition({ intro: "<p>Two days.</p>", theme: "Clusters" }), "en")).toBe("Two days.");
    expect(editionDescription(edition({ theme: "Clusters" }), "en")).toBe("Clusters");
    expect(editionDescription(edition({}), "en")).toBe("Conference 2027 · 24–25 March 2027 · Sofia Tech Park");
  });
});
