import { describe, expect, it } from "vitest";
import { groupByDay, layoutDay, roomOrder, roomsUsed, type AgendaRoom, type AgendaSession, type GridItem } from "@/lib/agenda";
import { Session, paginated } from "@/lib/schemas";
import fixture2025 from "./fixtures/sessions-2025-en.json";
import edition2025 from "./fixtures/edition-2025-en.json";
import { make } from "./agenda-helpers";

const sessions2025 = paginated(Session).parse(fixture2025).results;
const editionRooms = edition2025.rooms;

const H1: AgendaRoom = { id: 1, name: "Hall 1" };
const H2: AgendaRoom = { id: 2, name: "Hall 2" };
const H3: AgendaRoom = { id: 3, name: "Hall 3" };
const at = (hhmm: string) => `2027-03-24T${hhmm}:00+02:00`;
const byId = <T extends AgendaSession>(items: GridItem<T>[], id: number) => items.find((i) => i.session.id === id)!;

/** No two items share a cell of the grid. */
function expectNoOverlap(items: GridItem<AgendaSession>[]) {
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i]!;
      const b = items[j]!;
      const rows = a.row[0] < b.row[1] && b.row[0] < a.row[1];
      const cols = a.col[0] < b.col[1] && b.col[0] < a.col[1];
      expect(rows && cols, `${a.session.title} and ${b.session.title} overlap`).toBe(false);
    }
  }
}

describe("rows from minutes", () => {
  it("makes one row per five minutes from the half hour before the first start", () => {
    const g = layoutDay([make(1, at("09:40"), at("10:25")), make(2, at("10:30"), at("12:00"), { room: H2 })], [H1, H2]);
    expect(g.firstMinute).toBe(9 * 60 + 30);
    expect(g.lastMinute).toBe(12 * 60);
    expect(g.rows).toBe(30);
    // 09:40 is two rows below 09:30; 45 minutes are nine rows, 90 minutes eighteen.
    expect(byId(g.items, 1).row).toEqual([3, 12]);
    expect(byId(g.items, 2).row).toEqual([13, 31]);
    const span = (id: number) => byId(g.items, id).row[1] - byId(g.items, id).row[0];
    expect(span(2)).toBe(2 * span(1));
  });

  it("marks every half hour, full hours apart", () => {
    const g = layoutDay([make(1, at("09:00"), at("10:30"))], [H1]);
    expect(g.marks).toEqual([
      { minute: 540, row: 1, hour: true },
      { minute: 570, row: 7, hour: false },
      { minute: 600, row: 13, hour: true },
    ]);
  });

  it("measures by length across midnight, and gives a short item at least one row", () => {
    const g = layoutDay([make(1, "2027-03-24T23:30:00+02:00", "2027-03-25T00:30:00+02:00"), make(2, at("23:40"), at("23:41"), { room: H2 })], [H1, H2]);
    expect(byId(g.items, 1).row).toEqual([1, 13]);
    expect(byId(g.items, 2).row).toEqual([3, 4]);
    expect(g.lastMinute).toBe(24 * 60 + 30);
  });

  it("reads rows in the time zone it is given", () => {
    const s = make(1, "2027-03-24T07:30:00Z", "2027-03-24T08:00:00Z");
    expect(layoutDay([s], [H1]).firstMinute).toBe(570);
    expect(layoutDay([s], [H1], { timeZone: "UTC" }).firstMinute).toBe(450);
  });
});

describe("spanning", () => {
  it("spans breaks and sessions without a room across every room column", () => {
    const items = [
      make(1, at("09:00"), at("09:30"), { type: "break", room: null, title: "Registration" }),
      make(2, at("09:30"), at("10:00"), { type: "ceremony" }),
      make(3, at("10:00"), at("10:45"), { type: "keynote" }),
      make(4, at("10:00"), at("10:45"), { room: H2 }),
      make(5, at("10:45"), at("11:00"), { type: "break", room: H3 }),
      make(6, at("11:00"), at("11:30"), { type: "talk", room: null }),
    ];
    const g = layoutDay(items, [H1, H2, H3]);
    expect(g.width).toBe(3);
    for (const id of [1, 2, 5, 6]) {
      expect(byId(g.items, id).span).toBe("all");
      expect(byId(g.items, id).col).toEqual([1, 4]);
    }
    // A keynote in the main hall stays in its column.
    expect(byId(g.items, 3)).toMatchObject({ span: null, col: [1, 2] });
    expect(byId(g.items, 4)).toMatchObject({ span: null, col: [2, 3] });
    expectNoOverlap(g.items);
  });

  it("spans only the free columns when a room is busy (lunch beside a long B2B)", () => {
    const b2b = make(1, at("12:00"), at("15:00"), { room: H3, type: "b2b" });
    const lunch = make(2, at("12:30"), at("13:30"), { type: "break", room: null });
    const g = layoutDay([b2b, lunch, make(3, at("11:00"), at("12:30"))], [H1, H2, H3]);
    expect(byId(g.items, 2)).toMatchObject({ span: "some", col: [1, 3] });
    expect(byId(g.items, 1).col).toEqual([3, 4]);
    expectNoOverlap(g.items);
  });

  it("keeps a ceremony's run around its own room, or its room when nothing else is free", () => {
    const busy = make(1, at("10:00"), at("11:00"), { room: H1 });
    const ceremony = make(2, at("10:00"), at("10:30"), { room: H3, type: "ceremony" });
    const g = layoutDay([busy, ceremony], [H1, H2, H3]);
    expect(byId(g.items, 2)).toMatchObject({ span: "some", col: [2, 4] });

    const clash = make(3, at("10:00"), at("10:30"), { room: H1, type: "ceremony" });
    const g2 = layoutDay([busy, clash], [H1, H2]);
    // Its own room is busy: it sits beside the other session there, in a lane.
    expect(g2.columns[0]!.lanes).toBe(2);
    expect(byId(g2.items, 3).span).toBeNull();
    expectNoOverlap(g2.items);
  });

  it("puts a room-less break into the first column when every room is busy", () => {
    const g = layoutDay(
      [make(1, at("10:00"), at("11:00")), make(2, at("10:00"), at("11:00"), { room: H2 }), make(3, at("10:15"), at("10:30"), { type: "break", room: null })],
      [H1, H2],
    );
    expect(byId(g.items, 3).span).toBeNull();
    expect(g.columns[0]!.lanes).toBe(2);
    expectNoOverlap(g.items);
  });

  it("does not let two spanning items cover the same cells", () => {
    const g = layoutDay(
      [make(1, at("09:00"), at("10:00"), { type: "break", room: null }), make(2, at("09:30"), at("10:30"), { type: "ceremony", room: null }), make(3, at("09:00"), at("11:00"), { room: H2 })],
      [H1, H2, H3],
    );
    expectNoOverlap(g.items);
  });
});

describe("overlaps in one room", () => {
  it("places overlapping sessions side by side, widening the others over free lanes", () => {
    const a = make(1, at("10:00"), at("11:00"));
    const b = make(2, at("10:30"), at("11:30"));
    const c = make(3, at("12:00"), at("13:00"));
    const d = make(4, at("10:00"), at("11:00"), { room: H2 });
    const g = layoutDay([a, b, c, d], [H1, H2]);
    expect(g.columns.map((col) => [col.room.id, col.lanes, col.start])).toEqual([
      [1, 2, 1],
      [2, 1, 3],
    ]);
    expect(g.width).toBe(3);
    expect(byId(g.items, 1).col).toEqual([1, 2]);
    expect(byId(g.items, 2).col).toEqual([2, 3]);
    // Alone at its time: as wide as its room.
    expect(byId(g.items, 3).col).toEqual([1, 3]);
    expect(byId(g.items, 4).col).toEqual([3, 4]);
    expectNoOverlap(g.items);
  });

  it("does not count back-to-back sessions as overlapping", () => {
    const g = layoutDay([make(1, at("10:00"), at("11:00")), make(2, at("11:00"), at("12:00"))], [H1]);
    expect(g.columns[0]!.lanes).toBe(1);
  });

  it("never overlaps, whatever the programme (random days)", () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const rooms = [H1, H2, H3, { id: 4, name: "Hall 4" }];
    const types = ["talk", "talk", "talk", "panel", "keynote", "break", "ceremony", "workshop"];
    for (let round = 0; round < 200; round++) {
      const list: AgendaSession[] = [];
      const n = 2 + Math.floor(rand() * 14);
      for (let i = 0; i < n; i++) {
        const start = 8 * 60 + Math.floor(rand() * 48) * 15;
        const length = 15 * (1 + Math.floor(rand() * 8));
        const iso = (m: number) => `2027-03-24T${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}:00+02:00`;
        const roomless = rand() < 0.15;
        list.push(make(i + 1, iso(start), iso(start + length), { type: types[Math.floor(rand() * types.length)]!, room: roomless ? null : rooms[Math.floor(rand() * rooms.length)]! }));
      }
      const g = layoutDay(list, rooms);
      expect(g.items).toHaveLength(list.length);
      expectNoOverlap(g.items);
      for (const item of g.items) {
        expect(item.row[0]).toBeGreaterThanOrEqual(1);
        expect(item.row[1]).toBeLessThanOrEqual(g.rows + 1);
        expect(item.col[0]).toBeGreaterThanOrEqual(1);
        expect(item.col[1]).toBeLessThanOrEqual(g.width + 1);
        if (!item.span && item.session.room) {
          // In its own room's columns.
          const column = g.columns.find((c) => c.room.id === item.session.room!.id)!;
          expect(item.col[0]).toBeGreaterThanOrEqual(column.start);
          expect(item.col[1]).toBeLessThanOrEqual(column.start + column.lanes);
        }
      }
    }
  });
});

describe("room order", () => {
  it("keeps the edition's order on every day, hiding only rooms a day does not use", () => {
    const order = roomOrder(editionRooms, sessions2025);
    expect(order.map((r) => r.name)).toEqual(["Innovation Forum – Main Hall", "Hall 2", "B2B area"]);
    const columns = groupByDay(sessions2025).map((d) => layoutDay(d.sessions, roomsUsed(order, d.sessions)).columns.map((c) => c.room.name));
    expect(columns).toEqual([
      ["Innovation Forum – Main Hall", "Hall 2", "B2B area"],
      ["Innovation Forum – Main Hall", "Hall 2", "B2B area"],
    ]);
    // A day with only the B2B area and the main hall still has them in that order.
    const day = [make(1, at("10:00"), at("11:00"), { room: order[2]! }), make(2, at("10:00"), at("11:00"), { room: order[0]! })];
    expect(roomsUsed(order, day).map((r) => r.name)).toEqual(["Innovation Forum – Main Hall", "B2B area"]);
    expect(layoutDay(day, roomsUsed(order, day)).columns.map((c) => c.room.name)).toEqual(["Innovation Forum – Main Hall", "B2B area"]);
  });

  it("puts rooms only sessions know after the edition's, by name", () => {
    const order = roomOrder([H2, H1], [make(1, at("10:00"), at("11:00"), { room: { id: 9, name: "Annex" } }), make(2, at("10:00"), at("11:00"), { room: { id: 8, name: "Zeta" } }), make(3, at("10:00"), at("11:00"), { room: { id: 7, name: "Atrium" } })]);
    expect(order.map((r) => r.name)).toEqual(["Hall 2", "Hall 1", "Annex", "Atrium", "Zeta"]);
    // layoutDay appends a room it was not given rather than losing the session.
    const g = layoutDay([make(1, at("10:00"), at("11:00"), { room: { id: 9, name: "Annex" } })], [H1]);
    expect(g.columns.map((c) => c.room.name)).toEqual(["Hall 1", "Annex"]);
  });

  it("lays out the demo's first day: registration, coffee and lunch across all rooms", () => {
    const day1 = groupByDay(sessions2025)[0]!.sessions;
    const order = roomOrder(editionRooms, sessions2025);
    const g = layoutDay(day1, roomsUsed(order, day1));
    const spanning = g.items.filter((i) => i.span === "all").map((i) => i.session.title);
    expect(spanning).toEqual(["Registration and coffee", "Official opening", "Coffee break", "Lunch"]);
    expect(g.firstMinute).toBe(9 * 60);
    expect(g.lastMinute).toBe(19 * 60);
    const keynote = g.items.find((i) => i.session.type === "keynote")!;
    expect(keynote.span).toBeNull();
    expectNoOverlap(g.items);
  });

  it("has one empty column for a day without rooms", () => {
    const g = layoutDay([make(1, at("10:00"), at("10:30"), { type: "break", room: null })], []);
    expect(g.columns).toHaveLength(1);
    expect(g.items[0]!.span).toBe("all");
  });
});
