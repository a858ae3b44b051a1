/**
 * Descriptions for search results and link previews (<meta name="description">, og:description):
 * a page's own text when it has some, else a sentence of the facts it shows, so that no page goes
 * without one (an editor may leave an abstract, a bio or an intro empty).
 */
import type { Locale } from "./i18n";
import type { Edition, PageDetail, SessionDetail, Speaker } from "./schemas";
import { stripTags } from "./sanitize";
import { dayKey, formatDateRange, formatDay, formatTimeRange } from "./time";

/** Search engines show about this many characters. */
export const DESCRIPTION_MAX = 160;

/** `text` in one line, at most `max` characters, cut at a word with "…". */
export function clip(text: string, max = DESCRIPTION_MAX): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.·–-]+$/, "")}…`;
}

const join = (parts: (string | null | undefined)[]) => parts.filter((p) => p && p.trim()).join(" · ");

/** A session: its abstract, else "Type · day, time · room · speakers". */
export function sessionDescription(s: SessionDetail, locale: Locale): string {
  const own = stripTags(s.abstract);
  if (own.trim()) return clip(own);
  const when = `${formatDay(dayKey(s.start, s.timezone), locale)}, ${formatTimeRange(s.start, s.end, locale, s.timezone)}`;
  return clip(join([s.type_label, when, s.room?.name, s.speakers.map((sp) => sp.person.name).join(", ")]));
}

/** A speaker: the bio, else "Name, job title, organisation · the sessions they appear in". */
export function speakerDescription(p: Speaker): string {
  const own = stripTags(p.bio);
  if (own.trim()) return clip(own);
  const who = [p.name, p.job_title, p.organisation?.name].filter((x) => x && x.trim()).join(", ");
  const sessions = [...new Set(p.appearances.map((a) => a.session.title))].join(", ");
  return clip(join([who, sessions]));
}

/** A news, venue or content page: its intro, else the start of its text, else its title. */
export function pageDescription(p: PageDetail, editionTitle?: string): string {
  if (p.intro.trim()) return clip(stripTags(p.intro));
  const text = Array.isArray(p.body)
    ? p.body
        .map((b) => (typeof b.value === "string" ? stripTags(b.value) : ""))
        .join(" ")
        .trim()
    : "";
  return clip(text || join([p.title, editionTitle]));
}

/** An edition: its intro, else its theme, else "Title · dates · venue". */
export function editionDescription(e: Edition, locale: Locale): string {
  const own = stripTags(e.intro).trim() || e.theme.trim();
  if (own) return clip(own);
  return clip(join([e.title, formatDateRange(e.start_date, e.end_date, locale), e.venue.name]));
}
