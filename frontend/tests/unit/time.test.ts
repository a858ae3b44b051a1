import { describe, expect, it } from "vitest";
import { dayKey, formatDateRange, formatDay, formatTime, formatTimeRange } from "@/lib/time";

describe("times in Europe/Sofia", () => {
  it("formats a UTC instant as Sofia wall-clock time (EET, +02:00)", () => {
    expect(formatTime("2027-03-24T07:30:00Z", "en")).toBe("09:30");
    expect(formatTime("2027-03-24T09:30:00+02:00", "bg")).toBe("09:30");
  });

  it("follows summer time (EEST, +03:00)", () => {
    expect(formatTime("2027-06-10T07:00:00Z", "en")).toBe("10:00");
  });

  it("puts a late-evening UTC instant on the next Sofia day", () => {
    expect(dayKey("2027-03-24T22:30:00Z")).toBe("2027-03-25");
    expect(dayKey("2027-03-24T21:30:00Z")).toBe("2027-03-24");
  });

  it("does not depend on the machine's time zone", () => {
    const before = process.env.TZ;
    process.env.TZ = "America/Los_Angeles";
    try {
      expect(new Date("2027-03-24T08:00:00Z").getHours()).toBe(1);
      expect(formatTime("2027-03-24T08:00:00Z", "en")).toBe("10:00");
      expect(dayKey("2027-03-24T23:00:00Z")).toBe("2027-03-25");
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
    expect(formatTimeRange("2027-03-24T08:00:00Z", "2027-03-24T08:45:00Z", "en")).toBe("10:00–10:45");
  });

  it("writes days in both languages", () => {
    expect(formatDay("2027-03-24", "en")).toBe("24 March 2027");
    expect(formatDay("2027-03-24", "bg")).toMatch(/^24 март 2027/);
    expect(formatDateRange("2027-03-24", "2027-03-25", "en")).toBe("24–25 March 2027");
    expect(formatDateRange("2027-03-24", "2027-03-25", "bg")).toBe("24–25 март 2027\u202fг.");
    expect(formatDateRange("2027-03-31", "2027-04-01", "en")).toBe("31 March – 1 April 2027");
    expect(formatDateRange("2026-12-31", "2027-01-01", "bg")).toBe("31 декември 2026\u202fг. – 1 януари 2027\u202fг.");
    expect(formatDateRange("2027-03-24", "2027-03-24", "en")).toBe("24 March 2027");
  });
});
