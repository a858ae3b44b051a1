import { describe, expect, it } from "vitest";
import {
  dayLabels,
  groupByDay,
  layoutDay,
  sessionClock,
  sessionDay,
  sessionTimes,
  timeSlots,
  todayIn,
  withLocalTimes,
  type AgendaSession,
} from "@/lib/agenda";
import { AGENDA_TEXT, agendaText, dictionary } from "@/lib/i18n";
import { dateFormat, dayKey, formatTime } from "@/lib/time";
import { make } from "./agenda-helpers";

// Sessions of a Berlin edition around the change to summer time (28 March 2027, 02:00 -> 03:00),
// one after midnight, one crossing the change.
const berlin: AgendaSession[] = [
  make(1, "2027-03-27T09:30:00+01:00", "2027-03-27T10:15:00+01:00"),
  make(2, "2027-03-27T23:30:00+01:00", "2027-03-28T00:30:00+01:00"),
  make(3, "2027-03-28T01:30:00+01:00", "2027-03-28T03:30:00+02:00"),
  make(4, "2027-03-28T10:00:00+02:00", "2027-03-28T10:45:00+02:00", { room: { id: 2, name: "Hall 2" } }),
];

describe("wall-clock times worked out where the page is made", () => {
  it("gives the same days, clocks and layout as working them out in the browser", () => {
    for (const zone of ["Europe/Berlin", "Europe/Sofia", "America/New_York"]) {
      const made = berlin.map((s) => withLocalTimes(s, zone));
      for (const [i, s] of made.entries()) {
        const plain = berlin[i]!;
        expect(s.local).toEqual({ day: dayKey(plain.start, zone), start: expect.any(Number), end: expect.any(Number) });
        expect(sessionDay(s, zone)).toBe(sessionDay(plain, zone));
        expect(sessionTimes(s, zone)).toBe(`${formatTime(plain.start, "en", zone)}–${formatTime(plain.end, "en", zone)}`);
        expect(sessionTimes(s, zone)).toBe(sessionTimes(plain, zone));
        expect(sessionClock(s, "end", zone)).toBe(formatTime(plain.end, "bg", zone));
      }
      expect(groupByDay(made, zone).map((d) => [d.day, d.sessions.map((s) => s.id)])).toEqual(
        groupByDay(berlin, zone).map((d) => [d.day, d.sessions.map((s) => s.id)]),
      );
      const rooms = [
        { id: 1, name: "Hall 1" },
        { id: 2, name: "Hall 2" },
      ];
      const strip = <T extends { session: AgendaSession }>(items: T[]) => items.map((x) => ({ ...x, session: x.session.id }));
      const a = layoutDay(made, rooms, { timeZone: zone });
      const b = layoutDay(berlin, rooms, { timeZone: zone });
      expect({ ...a, items: strip(a.items) }).toEqual({ ...b, items: strip(b.items) });
      expect(timeSlots(made).map((t) => t.sessions.map((s) => s.id))).toEqual(timeSlots(berlin).map((t) => t.sessions.map((s) => s.id)));
    }
  });

  it("reads the wall clock across the change to summer time", () => {
    const s = withLocalTimes(berlin[2]!, "Europe/Berlin");
    expect(s.local).toEqual({ day: "2027-03-28", start: 90, end: 210 });
    expect(sessionTimes(s, "Europe/Berlin")).toBe("01:30–03:30");
    // The local fields win over the instant: they are what the page was made with.
    expect(sessionTimes({ ...s, local: { day: "2027-03-28", start: 600, end: 645 } }, "Europe/Berlin")).toBe("10:00–10:45");
  });
});

describe("today, without Intl far from the event", () => {
  const days = ["2027-03-24", "2027-03-25"];
  it("answers for every zone at the edges of the days", () => {
    // The 24th begins at 10:00 UTC on the 23rd in Kiritimati (UTC+14) and ends at 12:00 UTC on the 25th in UTC-12.
    expect(todayIn(days, new Date("2027-03-23T10:00:00Z"), "Pacific/Kiritimati")).toBe("2027-03-24");
    expect(todayIn(days, new Date("2027-03-23T09:59:00Z"), "Pacific/Kiritimati")).toBeUndefined();
    expect(todayIn(days, new Date("2027-03-26T11:59:00Z"), "Etc/GMT+12")).toBe("2027-03-25");
    expect(todayIn(days, new Date("2027-03-26T12:00:00Z"), "Etc/GMT+12")).toBeUndefined();
    expect(todayIn(days, new Date("2026-12-01T12:00:00Z"), "Europe/Sofia")).toBeUndefined();
    expect(todayIn([], new Date("2027-03-24T12:00:00Z"), "Europe/Sofia")).toBeUndefined();
  });
});

describe("labels the agenda page sends", () => {
  it("names each day in the page's language", () => {
    const labels = dayLabels(["2027-03-24", "2027-03-25"], "en", dictionary("en"));
    expect(labels["2027-03-24"]!.short).toBe("Wed 24 March");
    expect(labels["2027-03-24"]!.long).toMatch(/^Day 1 · Wednesday,? 24 March 2027$/);
    expect(labels["2027-03-25"]!.long).toMatch(/^Day 2 · Thursday,? 25 March 2027$/);
    expect(dayLabels(["2027-03-24"], "bg", dictionary("bg"))["2027-03-24"]!.long).toMatch(/^Ден 1 · сряда, 24 март 2027/);
  });

  it("sends only the agenda's labels, in the page's language", () => {
    for (const locale of ["bg", "en"] as const) {
      const t = dictionary(locale);
      const text = agendaText(t);
      expect(Object.keys(text).sort()).toEqual([...AGENDA_TEXT].sort());
      for (const key of AGENDA_TEXT) expect(text[key]).toBe(t[key]);
      expect(JSON.stringify(text).length).toBeLessThan(JSON.stringify(t).length / 2);
    }
  });
});

describe("date formats", () => {
  it("makes one Intl.DateTimeFormat per language and options", () => {
    const a = dateFormat("bg-BG", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Sofia" });
    expect(dateFormat("bg-BG", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Sofia" })).toBe(a);
    expect(dateFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Sofia" })).not.toBe(a);
    expect(dateFormat("bg-BG", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" })).not.toBe(a);
  });
});
