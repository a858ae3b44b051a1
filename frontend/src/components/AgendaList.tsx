"use client";
import { memo } from "react";
import { sessionClock, timeSlots, type AgendaRoom, type AgendaSession } from "@/lib/agenda";
import { SessionCard, type CardContext } from "./AgendaSessionCard";
import styles from "./AgendaList.module.css";

export interface ListDay {
  day: string;
  heading: string;
  sessions: AgendaSession[];
}

/**
 * The agenda as a list, grouped by start time, room on every item, breaks as slim rows. Every day
 * is in the page (print shows them all, a page each); the screen shows the selected one.
 */
export const AgendaList = memo(function AgendaList({ days, selected, rooms, ctx }: { days: ListDay[]; selected: string; rooms: AgendaRoom[]; ctx: CardContext }) {
  return (
    <div className={styles.list} data-testid="agenda-list">
      {days.map((d) => {
        const slots = timeSlots(d.sessions, rooms);
        const headingId = `agenda-list-${d.day}`;
        return (
          <section key={d.day} className={styles.day} data-selected={d.day === selected || undefined} aria-labelledby={headingId} data-day={d.day}>
            <h2 id={headingId} className={styles.heading}>
              {d.heading}
            </h2>
            {slots.some((slot) => !slot.breaksOnly) ? (
              <ol className={styles.slots} role="list">
                {slots.map((slot) => (
                  <li key={slot.start} className={styles.slot} data-breaks={slot.breaksOnly || undefined}>
                    <span className={styles.slotTime} aria-hidden="true">
                      {sessionClock(slot.sessions[0]!, "start", ctx.timeZone)}
                    </span>
                    <ul className={styles.items} role="list">
                      {slot.sessions.map((s) => (
                        <li
                          key={s.id}
                          className={styles.item}
                          data-testid="agenda-item"
                          data-session-id={s.id}
                          data-kind={s.type === "break" ? "break" : "session"}
                          data-mark={ctx.marks.get(s.id)}
                        >
                          <SessionCard s={s} ctx={ctx} roomText={s.room?.name} roomVisible variant="list" />
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ol>
            ) : (
              <p className={styles.empty}>{ctx.t.noSessions}</p>
            )}
          </section>
        );
      })}
    </div>
  );
});
