"use client";
import Link from "next/link";
import type { Dictionary, Locale } from "@/lib/i18n";
import { links } from "@/lib/links";
import { icsUrl } from "@/lib/starred";
import { dayKey, formatDay, formatTimeRange } from "@/lib/time";
import { StarButton } from "./StarButton";
import { useStarred } from "./useStarred";

export function MyAgenda({ locale, t, apiUrl }: { locale: Locale; t: Dictionary; apiUrl: string }) {
  const { starred, clear, ready } = useStarred();
  if (!ready) return <p className="muted">…</p>;
  if (!starred.length) return <p data-testid="my-agenda-empty">{t.myAgendaEmpty}</p>;
  const ics = icsUrl(apiUrl, starred, locale);
  return (
    <div data-testid="my-agenda">
      <p>
        {ics ? (
          <a className="button" href={ics} data-testid="download-ics" download="my-agenda.ics">
            {t.downloadIcs}
          </a>
        ) : null}{" "}
        <button type="button" className="secondary" onClick={clear}>
          {t.clearAll}
        </button>
      </p>
      <ol className="sessions">
        {starred.map((s) => (
          <li key={s.guid} data-testid="my-agenda-item">
            <span className="when">
              <span className="year-badge">{s.year}</span>
              <div>{formatDay(dayKey(s.start), locale)}</div>
              <time dateTime={s.start}>{formatTimeRange(s.start, s.end, locale)}</time>
            </span>
            <span>
              <Link href={links.sessionById(locale, s.id)}>{s.title}</Link>
              {s.room ? <div className="muted">{s.room}</div> : null}
            </span>
            <StarButton session={s} labels={t} />
          </li>
        ))}
      </ol>
    </div>
  );
}
