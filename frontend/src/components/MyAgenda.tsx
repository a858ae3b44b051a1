"use client";
import Link from "@/components/Link";
import { useEffect, useState } from "react";
import type { Dictionary, Locale } from "@/lib/i18n";
import { links } from "@/lib/links";
import { icsUrl, localiseStarred, type StarredSession } from "@/lib/starred";
import { dayKey, formatDay, formatTimeRange } from "@/lib/time";
import styles from "./MyAgenda.module.css";
import { StarButton } from "./StarButton";
import { useStarred } from "./useStarred";

/** The starred sessions read again in the page's language (the browser keeps them in the
 * language they were starred in). */
function useLocalised(starred: StarredSession[], locale: Locale): { sessions: StarredSession[]; pending: boolean } {
  const [fresh, setFresh] = useState<{ key: string; sessions: StarredSession[] } | null>(null);
  const key = `${locale}:${starred.map((s) => s.id).join(",")}`;
  useEffect(() => {
    if (!starred.length) return;
    const controller = new AbortController();
    fetch(`/${locale}/my-agenda/sessions?ids=${starred.slice(0, 100).map((s) => s.id).join(",")}`, { signal: controller.signal })
      .then((response) => (response.ok ? response.json() : []))
      .then((sessions: StarredSession[]) => setFresh({ key, sessions: Array.isArray(sessions) ? sessions : [] }))
      .catch(() => {
        if (!controller.signal.aborted) setFresh({ key, sessions: [] });
      });
    return () => controller.abort();
  }, [key, locale, starred]);
  const current = fresh?.key === key ? fresh.sessions : null;
  return { sessions: current ? localiseStarred(starred, current) : starred, pending: current === null };
}

export function MyAgenda({ locale, t, apiUrl }: { locale: Locale; t: Dictionary; apiUrl: string }) {
  const { starred, clear, ready } = useStarred();
  const { sessions, pending } = useLocalised(starred, locale);
  if (!ready) return <p className="muted">…</p>;
  if (!starred.length) return <p data-testid="my-agenda-empty" className={styles.empty}>{t.myAgendaEmpty}</p>;
  const ics = icsUrl(apiUrl, starred, locale);
  const days = [...new Set(sessions.map((s) => dayKey(s.start)))];
  return (
    <div data-testid="my-agenda" data-state={pending ? "loading" : "ready"} aria-busy={pending}>
      <p className={styles.actions}>
        {ics ? (
          <a className="button" href={ics} data-testid="download-ics" download="my-agenda.ics">
            {t.downloadIcs}
          </a>
        ) : null}
        <button type="button" className="secondary" onClick={clear}>
          {t.clearAll}
        </button>
      </p>
      {days.map((day) => (
        <section key={day} aria-labelledby={`day-${day}`} className={styles.day}>
          <h2 id={`day-${day}`} className={styles.dayTitle}>
            {formatDay(day, locale, true)}
          </h2>
          <ol className={styles.list}>
            {sessions
              .filter((s) => dayKey(s.start) === day)
              .map((s) => (
                <li key={s.guid} data-testid="my-agenda-item" className={styles.item}>
                  <time dateTime={s.start} className={styles.time}>
                    {formatTimeRange(s.start, s.end, locale)}
                  </time>
                  <span className={styles.what}>
                    {s.cancelled ? (
                      <span>
                        <Link href={links.sessionById(locale, s.id)} className={styles.title} data-testid="my-agenda-title">
                          <s>{s.title}</s>
                        </Link>{" "}
                        <span className={styles.cancelled} data-testid="cancelled">
                          {t.cancelled}
                        </span>
                      </span>
                    ) : (
                      <Link href={links.sessionById(locale, s.id)} className={styles.title} data-testid="my-agenda-title">
                        {s.title}
                      </Link>
                    )}
                    {s.room ? <span className="muted small">{s.room}</span> : null}
                  </span>
                  <StarButton session={s} labels={t} />
                </li>
              ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
