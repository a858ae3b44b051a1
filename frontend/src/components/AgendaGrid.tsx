"use client";
import { memo, startTransition, useEffect, useMemo, useRef, useState } from "react";
import { layoutDay, minutesLabel, type AgendaRoom, type AgendaSession } from "@/lib/agenda";
import { SessionCard, type CardContext } from "./AgendaSessionCard";
import styles from "./AgendaGrid.module.css";

/**
 * One day as a grid: a column per room (the edition's order), rows of five minutes, each session
 * as tall as it is long. Semantically a list of sessions in time order, each with its time, room
 * and everything else in text; the room heads and time marks are decoration (aria-hidden).
 */
export const AgendaGrid = memo(function AgendaGrid({
  day,
  heading,
  sessions,
  rooms,
  ctx,
}: {
  day: string;
  heading: string;
  sessions: AgendaSession[];
  /** The room columns of this day, in the edition's order. */
  rooms: AgendaRoom[];
  ctx: CardContext;
}) {
  const layout = useMemo(() => layoutDay(sessions, rooms, { timeZone: ctx.timeZone }), [sessions, rooms, ctx.timeZone]);
  // Every room the same share of the width; a lane never narrower than --agenda-lane-min.
  const template = [
    "var(--agenda-time-col)",
    ...layout.columns.flatMap((c) =>
      Array.from({ length: c.lanes }, () => `minmax(max(calc(var(--agenda-col-min) / ${c.lanes}), var(--agenda-lane-min)), ${+(1 / c.lanes).toFixed(4)}fr)`),
    ),
  ].join(" ");
  // Too wide for the screen: it scrolls sideways in its own box (never the page), and the room
  // heads cannot stick. It fits: no scroll box, the room heads stick below the day tabs.
  const gridRef = useRef<HTMLOListElement>(null);
  const [fits, setFits] = useState(false);
  useEffect(() => {
    const grid = gridRef.current;
    if (!grid || typeof ResizeObserver === "undefined") return;
    // The observer reports the grid's size once it is laid out, then on every change: no layout
    // forced while the page starts.
    const observer = new ResizeObserver(() => {
      const next = grid.scrollWidth <= grid.clientWidth + 1;
      startTransition(() => setFits(next));
    });
    observer.observe(grid);
    return () => observer.disconnect();
  }, [layout.width, layout.columns.length]);
  const rowsTemplate = `repeat(${layout.rows}, minmax(var(--agenda-slot), auto))`;
  const perMark = 30 / layout.slotMinutes;
  const headingId = `agenda-grid-${day}`;
  return (
    <section className={styles.day} aria-labelledby={headingId} data-testid="agenda-grid" data-day={day}>
      <h2 id={headingId} className={styles.heading}>
        {heading}
      </h2>
      <div className={styles.scroller} data-fits={fits || undefined}>
        <div className={styles.head} style={{ gridTemplateColumns: template }} aria-hidden="true">
          <span className={styles.corner} />
          {layout.columns.map((c) => (
            <span
              key={c.room.id}
              className={styles.room}
              style={{ gridColumn: `${c.start + 1} / span ${c.lanes}` }}
              data-testid="grid-room"
              data-room-id={c.room.id}
            >
              {c.room.name}
            </span>
          ))}
        </div>
        <ol ref={gridRef} className={styles.grid} role="list" style={{ gridTemplateColumns: template, gridTemplateRows: rowsTemplate }}>
          {layout.marks.map((m) => (
            <li
              key={`m${m.minute}`}
              aria-hidden="true"
              className={styles.mark}
              data-hour={m.hour || undefined}
              style={{ gridRow: `${m.row} / span ${Math.min(perMark, layout.rows - m.row + 1)}` }}
            >
              <span className={styles.markLabel}>{minutesLabel(m.minute)}</span>
            </li>
          ))}
          {layout.items.map((item) => {
            const s = item.session;
            const roomText = s.room?.name ?? (item.span === "all" ? ctx.t.agendaView.allRooms : undefined);
            return (
              <li
                key={s.id}
                className={styles.item}
                style={{ gridRow: `${item.row[0]} / ${item.row[1]}`, gridColumn: `${item.col[0] + 1} / ${item.col[1] + 1}` }}
                data-testid="grid-cell"
                data-session-id={s.id}
                data-kind={s.type === "break" ? "break" : "session"}
                data-span={item.span ?? undefined}
                data-mark={ctx.marks.get(s.id)}
              >
                <SessionCard s={s} ctx={ctx} roomText={roomText} roomVisible={!!s.room && !!item.span} variant="grid" />
              </li>
            );
          })}
        </ol>
      </div>
    </section>
  );
});
