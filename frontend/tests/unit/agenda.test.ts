import { describe, expect, it } from "vitest";
import { buildGrid, filterOptions, filterSessions, groupByDay, isDuringEvent, nowNext, type AgendaSession } from "@/lib/agenda";
import { Session, paginated } from "@/lib/schemas";
import fixture from "./fixtures/sessions-2027-en.json";

const sessions = paginated(Session).parse(fixture).results;
const topics = [
  { id: 1, name: "Startups", slug: "startups" },
  { id: 2, name: "Clusters", slug: "clusters" },
];

function make(id: number, start: string, end: string, extra: Partial<AgendaSession> = {}): AgendaSession {
  return {
    id,
    guid: `g${id}`,
    title: `S${id}`,
    slug: `s${id}`,
    year: 2027,
    type: "talk",
    type_label: "Talk",
    start,
    end,
    language: "en",
    room: { id: 1, name: "Hall 1" },
    track: null,
    topics: [],
    speakers: [],
    ...extra,
  };
}

describe("agenda grouping", () => {
  it("groups the demo edition into its two days, sessions in start order", () => {
    const days = groupByDay(sessions);
    expect(days.map((d) => d.day)).toEqual(["2027-03-24", "2027-03-25"]);
    for (const d of days) {
      const starts = d.sessions.map((s) => Date.parse(s.start));
      expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    }
    expect(days.flatMap((d) => d.sessions)).toHaveLength(sessions.length);
  });

  it("uses the Sofia day, not the UTC day", () => {
    const late = make(1, "2027-03-24T22:30:00Z", "2027-03-24T23:30:00Z");
    expect(groupByDay([late])[0]!.day).toBe("2027-03-25");
  });
});

describe("filters", () => {
  it("filters by track, type, topic and language", () => {
    const a = make(1, "2027-03-24T08:00:00Z", "2027-03-24T09:00:00Z", { track: { id: 1, name: "Policy", slug: "policy", color: "#000" }, type: "panel" });
    const b = make(2, "2027-03-24T08:00:00Z", "2027-03-24T09:00:00Z", { topics: [1], language: "bg" });
    const c = make(3, "2027-03-24T08:00:00Z", "2027-03-24T09:00:00Z", { topics: [2], language: "bg-en" });
    expect(filterSessions([a, b, c], { track: "policy" })).toEqual([a]);
    expect(filterSessions([a, b, c], { type: "panel" })).toEqual([a]);
    expect(filterSessions([a, b, c], { topic: "startups" }, topics)).toEqual([b]);
    expect(filterSessions([a, b, c], { topic: "no-such-topic" }, topics)).toEqual([]);
    // Interpreted sessions are in both languages.
    expect(filterSessions([a, b, c], { language: "bg" })).toEqual([b, c]);
    expect(filterSessions([a, b, c], { language: "bg-en" })).toEqual([c]);
    expect(filterSessions([a, b, c], {})).toEqual([a, b, c]);
  });

  it("offers only values that occur", () => {
    const options = filterOptions(sessions);
    expect(options.tracks.length).toBeGreaterThan(0);
    expect(new Set(options.types.map((t) => t.value))).toEqual(new Set(sessions.map((s) => s.type)));
  });

  it("names the topics that occur by their ids", () => {
    const a = make(1, "2027-03-24T08:00:00Z", "2027-03-24T09:00:00Z", { topics: [2, 1] });
    const options = filterOptions([a], [...topics, { id: 3, name: "Unused", slug: "unused" }]);
    expect(options.topics).toEqual([
      { value: "clusters", label: "Clusters" },
      { value: "startups", label: "Startups" },
    ]);
    const ids = new Set(sessions.flatMap((s) => s.topics));
    expect(ids.size).toBeGreaterThan(0);
  });
});

describe("grid by room", () => {
  it("places each session once, in its room's column, spanning the rows it covers", () => {
    const long = make(1, "2027-03-24T08:00:00Z", "2027-03-24T10:00:00Z");
    const other = make(2, "2027-03-24T08:00:00Z", "2027-03-24T09:00:00Z", { room: { id: 2, name: "Hall 2" } });
    const later = make(3, "2027-03-24T09:00:00Z", "2027-03-24T10:00:00Z", { room: { id: 2, name: "Hall 2" } });
    const grid = buildGrid([long, other, later]);
    expect(grid.rooms.map((r) => r.name)).toEqual(["Hall 1", "Hall 2"]);
    expect(grid.rows).toHaveLength(2);
    const first = grid.rows[0]!.cells[0];
    expect(first && first !== "covered" ? [first.session.id, first.span] : null).toEqual([1, 2]);
    expect(grid.rows[1]!.cells[0]).toBe("covered");
    const l = grid.rows[1]!.cells[1];
    expect(l && l !== "covered" ? l.session.id : null).toBe(3);
  });

  it("keeps sessions without a room in a last column", () => {
    const grid = buildGrid([make(1, "2027-03-24T08:00:00Z", "2027-03-24T09:00:00Z", { room: null })]);
    expect(grid.rooms.at(-1)!.id).toBe(-1);
  });
});

describe("now / next", () => {
  const a = make(1, "2027-03-24T07:30:00Z", "2027-03-24T08:00:00Z");
  const b = make(2, "2027-03-24T08:00:00Z", "2027-03-24T08:45:00Z");
  const c = make(3, "2027-03-24T09:00:00Z", "2027-03-24T10:30:00Z");
  const d = make(4, "2027-03-24T09:00:00Z", "2027-03-24T09:30:00Z", { room: { id: 2, name: "Hall 2" } });

  it("shows what runs now and everything that starts next", () => {
    const r = nowNext([a, b, c, d], new Date("2027-03-24T08:10:00Z"));
    expect(r.now.map((s) => s.id)).toEqual([2]);
    expect(r.next.map((s) => s.id)).toEqual([3, 4]);
  });

  it("treats the end as exclusive and the start as inclusive", () => {
    const r = nowNext([a, b], new Date("2027-03-24T08:00:00Z"));
    expect(r.now.map((s) => s.id)).toEqual([2]);
  });

  it("has nothing next after the last session", () => {
    const r = nowNext([a, b, c, d], new Date("2027-03-24T11:00:00Z"));
    expect(r).toEqual({ now: [], next: [] });
    expect(isDuringEvent([a, b, c, d], new Date("2027-03-24T11:00:00Z"))).toBe(false);
    expect(isDuringEvent([a, b, c, d], new Date("2027-03-24T08:50:00Z"))).toBe(true);
  });
});
