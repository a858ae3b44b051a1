import { describe, expect, it } from "vitest";
import { clearStarred, icsUrl, readStarred, STORAGE_KEY, toggleStarred, type KeyValueStorage, type StarredSession } from "@/lib/starred";

class MemoryStorage implements KeyValueStorage {
  data = new Map<string, string>();
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
}

const s = (guid: string, id: number, start: string): StarredSession => ({ guid, id, title: guid, start, end: start, year: 2027, slug: guid, room: "" });

describe("starred sessions", () => {
  it("toggles on and off, keeps start order", () => {
    const storage = new MemoryStorage();
    toggleStarred(storage, s("b", 2, "2027-03-24T10:00:00+02:00"));
    const list = toggleStarred(storage, s("a", 1, "2027-03-24T09:00:00+02:00"));
    expect(list.map((x) => x.guid)).toEqual(["a", "b"]);
    expect(readStarred(storage).map((x) => x.guid)).toEqual(["a", "b"]);
    expect(toggleStarred(storage, s("a", 1, "2027-03-24T09:00:00+02:00")).map((x) => x.guid)).toEqual(["b"]);
  });

  it("knows a session by guid, whichever language's id was starred", () => {
    const storage = new MemoryStorage();
    toggleStarred(storage, s("same", 83, "2027-03-24T09:00:00+02:00"));
    expect(toggleStarred(storage, s("same", 84, "2027-03-24T09:00:00+02:00"))).toEqual([]);
  });

  it("survives broken or foreign storage contents", () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, "{not json");
    expect(readStarred(storage)).toEqual([]);
    storage.setItem(STORAGE_KEY, JSON.stringify([{ guid: 1 }, s("ok", 1, "x")]));
    expect(readStarred(storage).map((x) => x.guid)).toEqual(["ok"]);
    expect(readStarred(undefined)).toEqual([]);
  });

  it("clears, and removes the key", () => {
    const storage = new MemoryStorage();
    toggleStarred(storage, s("a", 1, "x"));
    clearStarred(storage);
    expect(storage.data.has(STORAGE_KEY)).toBe(false);
  });

  it("builds the API's personal-selection .ics link", () => {
    expect(icsUrl("http://api.test/", [s("a", 3, "1"), s("b", 7, "2")], "en")).toBe("http://api.test/api/v1/agenda.ics?sessions=3,7&locale=en");
    expect(icsUrl("http://api.test", [], "en")).toBeNull();
  });
});
