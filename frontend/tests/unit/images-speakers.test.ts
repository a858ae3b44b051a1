import { describe, expect, it } from "vitest";
import { pick, sizeOf } from "@/lib/images";
import { paginated, SpeakerListItem } from "@/lib/schemas";
import { keySpeakers } from "@/lib/speakers";
import fixture from "./fixtures/speakers-2027-en.json";

describe("image sizes from the original's", () => {
  it("computes what Wagtail makes, never upscaling", () => {
    expect(sizeOf("thumbnail", 400, 400)).toEqual({ width: 160, height: 160 });
    expect(sizeOf("square", 300, 600)).toEqual({ width: 300, height: 300 });
    expect(sizeOf("hero", 2400, 1500)).toEqual({ width: 1200, height: 500 });
    expect(sizeOf("card", 1200, 500)).toEqual({ width: 800, height: 333 });
    expect(sizeOf("card", 640, 480)).toEqual({ width: 640, height: 480 });
    expect(sizeOf("logo", 480, 240)).toEqual({ width: 400, height: 200 });
    expect(sizeOf("logo_small", 480, 120)).toEqual({ width: 200, height: 50 });
  });

  it("picks the size asked for, else the first one there", () => {
    const image = { alt: "", width: 480, height: 240, urls: { logo_small: "https://x/s.png" } };
    expect(pick(image, "logo_small")).toEqual({ url: "https://x/s.png", width: 200, height: 100 });
    expect(pick(image, "logo")).toEqual({ url: "https://x/s.png", width: 200, height: 100 });
    expect(pick({ ...image, urls: {} }, "logo")).toBeNull();
  });
});

describe("key speakers", () => {
  const speakers = paginated(SpeakerListItem).parse(fixture).results;
  const person = (name: string, ...sessions: [string, string][]) => ({
    name,
    appearances: sessions.map(([type, start], id) => ({ role: "speaker", session: { id, title: "", type, start, end: start, year: 2027 } })),
  });

  it("puts keynote speakers first, then panelists, earliest first, each once", () => {
    const late = person("Late keynote", ["keynote", "2027-03-25T09:00:00+02:00"]);
    const early = person("Early keynote", ["talk", "2027-03-24T08:00:00+02:00"], ["keynote", "2027-03-24T10:00:00+02:00"]);
    const panel = person("Panelist", ["panel", "2027-03-24T07:00:00+02:00"]);
    const talk = person("Talker", ["talk", "2027-03-24T07:00:00+02:00"]);
    const none = person("Nowhere");
    expect(keySpeakers([talk, panel, none, late, early]).map((s) => s.name)).toEqual(["Early keynote", "Late keynote", "Panelist", "Talker"]);
    expect(keySpeakers([talk, panel, late, early], 2).map((s) => s.name)).toEqual(["Early keynote", "Late keynote"]);
  });

  it("starts the demo edition with its keynote speaker", () => {
    const chosen = keySpeakers(speakers);
    expect(chosen).toHaveLength(6);
    expect(chosen[0]!.appearances.some((a) => a.session.type === "keynote")).toBe(true);
    expect(new Set(chosen.map((s) => s.id)).size).toBe(6);
  });
});
