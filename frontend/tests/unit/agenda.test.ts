import { describe, expect, it } from "vitest";
import {
  activeFilters,
  filterOptions,
  filterSessions,
  filtersFromParams,
  groupByDay,
  initialDay,
  isBreak,
  isDuringEvent,
  jumpTarget,
  localMinutes,
  minutesLabel,
  nowNext,
  nowNextMarks,
  spansRooms,
  timeSlots,
  todayIn,
  validTimeZone,
  type AgendaRoomRef,
} from "@/lib/agenda";
import { Session, paginated } from "@/lib/schemas";
import fixture from "./fixtures/sessions-2027-en.json";
import fixture2025 from "./fixtures/sessions-2025-en.json";
import edition2025 from "./fixtures/edition-2025-en.json";
import { make } from "./agenda-helpers";

const sessions = paginated(Session).parse(fixture).results;
const sessions2025 = paginated(Session).parse(fixture2025).results;
const rooms2025: AgendaRoomRef[] = edition2025.rooms.map((r) => ({ id: r.id, name: r.name, key: r.guid.slice(0, 8) }));
const topics = [
  { id: 1, name: "Startups", slug: "startups" },
  { id: 2, name: "Clusters", slug: "clusters" },
];

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

  it("uses the edition's day, not the UTC day", () => {
    const late = make(1, "2027-03-24T22:30:00Z", "2027-03-24T23:30:00Z");
    expect(groupByDay([late])[0]!.day).toBe("2027-03-25");
    expect(groupByDay([late], "UTC")[0]!.day).toBe("2027-03-24");
    expect(groupByDay([late], "America/New_York")[0]!.day).toBe("2027-03-24");
  });

  it("groups a day into time slots; a slot of breaks only is marked", () => {
    const day1 = groupByDay(sessions2025)[0]!.sessions;
    const slots = timeSlots(day1);
    expect(slots.map((s) => s.start.slice(11, 16))).toEqual(["09:00", "09:30", "10:00", "10:45", "11:00", "12:30", "13:30", "14:30", "15:30", "17:30"]);
    expect(slots.filter((s) => s.breaksOnly).map((s) => s.sessions[0]!.title)).toEqual(["Registration and coffee", "Coffee break", "Lunch"]);
    expect(slots.find((s) => s.start.startsWith("2025-03-26T11:00"))!.sessions).toHaveLength(2);
    expect(slots.flatMap((s) => s.sessions)).toHaveLength(day1.length);
    // Within a slot: the rooms' order, not their names ("Hall 2" sorts before "Innovation…").
    const eleven = (order: { id: number; name: string }[]) => timeSlots(day1, order).find((s) => s.start.startsWith("2025-03-26T11:00"))!.sessions.map((s) => s.room!.name);
    expect(eleven(rooms2025)).toEqual(["Innovation Forum – Main Hall", "Hall 2"]);
    expect(eleven([...rooms2025].reverse())).toEqual(["Hall 2", "Innovation Forum – Main Hall"]);
    expect(eleven([])).toEqual(["Hall 2", "Innovation Forum – Main Hall"]);
  });
});

describe("filters", () => {
  const policy = { id: 1, name: "Policy", slug: "policy", color: "#000" };
  const a = make(1, "2027-03-24T08:00:00Z", "2027-03-24T09:00:00Z", { track: policy, type: "panel" });
  const b = make(2, "2027-03-24T08:00:00Z", "2027-03-24T09:00:00Z", { topics: [1], language: "bg", room: { id: 2, name: "Hall 2" } });
  const c = make(3, "2027-03-24T08:00:00Z", "2027-03-24T09:00:00Z", { topics: [2], language: "bg-en" });
  const lunch = make(4, "2027-03-24T10:00:00Z", "2027-03-24T11:00:00Z", { type: "break", room: null, language: "bg" });
  const rooms: AgendaRoomRef[] = [
    { id: 1, name: "Hall 1", key: "aaaa1111" },
    { id: 2, name: "Hall 2", key: "bbbb2222" },
  ];

  it("filters by track, type, topic, language and room", () => {
    expect(filterSessions([a, b, c], { track: "policy" })).toEqual([a]);
    expect(filterSessions([a, b, c], { type: "panel" })).toEqual([a]);
    expect(filterSessions([a, b, c], { topic: "startups" }, topics)).toEqual([b]);
    expect(filterSessions([a, b, c], { topic: "no-such-topic" }, topics)).toEqual([]);
    // Interpreted sessions are in both languages.
    expect(filterSessions([a, b, c], { language: "bg" })).toEqual([b, c]);
    expect(filterSessions([a, b, c], { language: "bg-en" })).toEqual([c]);
    expect(filterSessions([a, b, c], { room: "bbbb2222" }, [], rooms)).toEqual([b]);
    expect(filterSessions([a, b, c], { room: "aaaa1111", language: "bg" }, [], rooms)).toEqual([c]);
    expect(filterSessions([a, b, c], { room: "nope" }, [], rooms)).toEqual([]);
    expect(filterSessions([a, b, c], {})).toEqual([a, b, c]);
  });

  it("keeps breaks under every filter but the type", () => {
    expect(filterSessions([a, b, lunch], { track: "policy" })).toEqual([a, lunch]);
    expect(filterSessions([a, b, lunch], { room: "bbbb2222", language: "en" }, [], rooms)).toEqual([lunch]);
    expect(filterSessions([a, b, lunch], { type: "panel" })).toEqual([a]);
    expect(filterSessions([a, b, lunch], { type: "break" })).toEqual([lunch]);
  });

  it("offers only values that occur, rooms in the edition's order", () => {
    const options = filterOptions(sessions);
    expect(options.tracks.length).toBeGreaterThan(0);
    expect(new Set(options.types.map((t) => t.value))).toEqual(new Set(sessions.map((s) => s.type)));
    const o2025 = filterOptions(sessions2025, [], [...rooms2025].reverse());
    expect(o2025.rooms.map((r) => r.label)).toEqual(["B2B area", "Hall 2", "Innovation Forum – Main Hall"]);
    expect(filterOptions(sessions2025, [], rooms2025).rooms.map((r) => r.value)).toEqual(rooms2025.map((r) => r.key));
  });

  it("names the topics that occur by their ids", () => {
    const s = make(1, "2027-03-24T08:00:00Z", "2027-03-24T09:00:00Z", { topics: [2, 1] });
    const options = filterOptions([s], [...topics, { id: 3, name: "Unused", slug: "unused" }]);
    expect(options.topics).toEqual([
      { value: "clusters", label: "Clusters" },
      { value: "startups", label: "Startups" },
    ]);
    expect(new Set(sessions.flatMap((x) => x.topics)).size).toBeGreaterThan(0);
  });

  it("reads filters from the address and counts them", () => {
    const q = new URLSearchParams("track=policy&type=&topic=%20startups%20&room=aaaa1111&view=list&x=1");
    const f = filtersFromParams((k) => q.get(k));
    expect(f).toEqual({ track: "policy", topic: "startups", room: "aaaa1111" });
    expect(activeFilters(f)).toEqual(["track", "topic", "room"]);
    expect(activeFilters({})).toEqual([]);
    expect(filtersFromParams(() => "x".repeat(500)).track).toHaveLength(100);
  });
});

describe("now / next", () => {
  const a = make(1, "2027-03-24T07:30:00Z", "2027-03-24T08:00:00Z");
  const b = make(2, "2027-03-24T08:00:00Z", "2027-03-24T08:45:00Z");
  const c = make(3, "2027-03-24T09:00:00Z", "2027-03-24T10:30:00Z");
  const d = make(4, "2027-03-24T09:00:00Z", "2027-03-24T09:30:00Z", { room: { id: 2, name: "Hall 2" } });
  const coffee = make(5, "2027-03-24T08:45:00Z", "2027-03-24T09:00:00Z", { type: "break", room: null });

  it("shows what runs now and everything that starts next", () => {
    const r = nowNext([a, b, c, d], new Date("2027-03-24T08:10:00Z"));
    expect(r.now.map((s) => s.id)).toEqual([2]);
    expect(r.next.map((s) => s.id)).toEqual([3, 4]);
  });

  it("reads the same instant whatever offset it is written with (sessions carry +02:00)", () => {
    const sofia = make(6, "2027-03-24T10:00:00+02:00", "2027-03-24T10:45:00+02:00");
    expect(nowNext([sofia], new Date("2027-03-24T08:15:00Z")).now).toEqual([sofia]);
    expect(nowNext([sofia], new Date("2027-03-24T10:15:00+02:00")).now).toEqual([sofia]);
    expect(nowNext([sofia], new Date("2027-03-24T10:15:00Z")).now).toEqual([]);
  });

  it("treats the end as exclusive and the start as inclusive", () => {
    expect(nowNext([a, b], new Date("2027-03-24T08:00:00Z")).now.map((s) => s.id)).toEqual([2]);
  });

  it("counts a break as now but never as next", () => {
    const during = nowNext([a, b, coffee, c, d], new Date("2027-03-24T08:50:00Z"));
    expect(during.now.map((s) => s.id)).toEqual([5]);
    expect(during.next.map((s) => s.id)).toEqual([3, 4]);
    const before = nowNext([a, b, coffee, c, d], new Date("2027-03-24T08:30:00Z"));
    expect(before.next.map((s) => s.id)).toEqual([3, 4]);
    // The jump goes past a running break to what comes next.
    expect(jumpTarget([a, b, coffee, c, d], new Date("2027-03-24T08:50:00Z"))!.id).toBe(3);
    expect(jumpTarget([a, b, coffee, c, d], new Date("2027-03-24T08:10:00Z"))!.id).toBe(2);
    const marks = nowNextMarks([a, b, coffee, c, d], new Date("2027-03-24T08:50:00Z"));
    expect(Object.fromEntries(marks)).toEqual({ 5: "now", 3: "next", 4: "next" });
  });

  it("has nothing next after the last session", () => {
    const r = nowNext([a, b, c, d], new Date("2027-03-24T11:00:00Z"));
    expect(r).toEqual({ now: [], next: [] });
    expect(jumpTarget([a, b, c, d], new Date("2027-03-24T11:00:00Z"))).toBeUndefined();
    expect(isDuringEvent([a, b, c, d], new Date("2027-03-24T11:00:00Z"))).toBe(false);
    expect(isDuringEvent([a, b, c, d], new Date("2027-03-24T08:50:00Z"))).toBe(true);
    expect(isDuringEvent([], new Date("2027-03-24T08:50:00Z"))).toBe(false);
  });

  it("finds today's tab in the edition's time zone", () => {
    const days = ["2027-03-24", "2027-03-25"];
    // 23:30 UTC on the 24th is already the 25th in Sofia (UTC+2).
    const late = new Date("2027-03-24T23:30:00Z");
    expect(todayIn(days, late, "Europe/Sofia")).toBe("2027-03-25");
    expect(todayIn(days, late, "UTC")).toBe("2027-03-24");
    expect(todayIn(days, new Date("2027-03-26T10:00:00Z"))).toBeUndefined();
    expect(initialDay(days, undefined, late, "Europe/Sofia")).toBe("2027-03-25");
    expect(initialDay(days, "2027-03-24", late, "Europe/Sofia")).toBe("2027-03-24");
    expect(initialDay(days, "2031-01-01", new Date("2026-01-01T00:00:00Z"))).toBe("2027-03-24");
    expect(initialDay([], undefined, late)).toBe("");
  });
});

describe("small helpers", () => {
  it("reads wall-clock minutes in a time zone, across daylight saving time", () => {
    expect(localMinutes("2027-03-24T09:30:00+02:00")).toBe(570);
    expect(localMinutes("2027-03-24T07:30:00Z", "Europe/Sofia")).toBe(570);
    // Summer time in Sofia is UTC+3 (from 28 March 2027).
    expect(localMinutes("2027-03-29T07:30:00Z", "Europe/Sofia")).toBe(630);
    expect(localMinutes("2027-03-24T07:30:00Z", "UTC")).toBe(450);
    expect(minutesLabel(570)).toBe("09:30");
    expect(minutesLabel(1440 + 15)).toBe("00:15");
  });

  it("tells breaks and plenary items", () => {
    expect(isBreak({ type: "break" })).toBe(true);
    expect(isBreak({ type: "networking" })).toBe(false);
    expect(spansRooms({ type: "break", room: { id: 1, name: "Hall" } })).toBe(true);
    expect(spansRooms({ type: "ceremony", room: { id: 1, name: "Hall" } })).toBe(true);
    expect(spansRooms({ type: "keynote", room: { id: 1, name: "Hall" } })).toBe(false);
    expect(spansRooms({ type: "keynote", room: null })).toBe(true);
  });

  it("falls back to the conference's time zone for an unknown one", () => {
    expect(validTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(validTimeZone("Mars/Olympus_Mons")).toBe("Europe/Sofia");
    expect(validTimeZone("")).toBe("Europe/Sofia");
    expect(validTimeZone(null)).toBe("Europe/Sofia");
  });
});
