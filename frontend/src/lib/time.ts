/** Dates and times of the conference, always shown in the edition's time zone (Europe/Sofia). */
export const CONFERENCE_TZ = "Europe/Sofia";

const intlLocale = (locale: string) => (locale === "bg" ? "bg-BG" : "en-GB");

const formats = new Map<string, Intl.DateTimeFormat>();

/** One Intl.DateTimeFormat per language and options, made once: making one costs far more than
 * using it, and a page such as the agenda formats hundreds of times while it starts. */
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

/** "09:30" in the conference time zone, whatever the time zone of the machine. */
export function formatTime(iso: string, locale: string, timeZone = CONFERENCE_TZ): string {
  return dateFormat(intlLocale(locale), { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(new Date(iso));
}

/** The calendar day (YYYY-MM-DD) of an instant in the conference time zone. */
export function dayKey(iso: string | Date, timeZone = CONFERENCE_TZ): string {
  const parts = dateFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).formatToParts(typeof iso === "string" ? new Date(iso) : iso);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** A YYYY-MM-DD day as words: "24 March 2027" / "24 март 2027 г.". */
export function formatDay(day: string, locale: string, withWeekday = false): string {
  const [y, m, d] = day.split("-").map(Number);
  // Noon UTC keeps the calendar day the same in every European zone.
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12));
  return dateFormat(intlLocale(locale), {
    day: "numeric",
    month: "long",
    year: "numeric",
    ...(withWeekday ? { weekday: "long" as const } : {}),
    timeZone: "UTC",
  }).format(date);
}

const noon = (day: string) => {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12));
};

/** Two YYYY-MM-DD days as one range, the shared month and year once: "24–25 March 2027",
 * "31 March – 1 April 2027", "24–25 март 2027 г.". */
export function formatDateRange(start: string, end: string, locale: string): string {
  if (start === end) return formatDay(start, locale);
  const format = dateFormat(intlLocale(locale), { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  // "24 – 25 March": no spaces around the dash between two bare numbers.
  return format
    .formatRange(noon(start), noon(end))
    .replace(/(\d)\s+–\s+(\d)/, "$1–$2")
    .replace(/\s+–\s+/, " – ");
}

export function formatTimeRange(start: string, end: string, locale: string, timeZone = CONFERENCE_TZ): string {
  return `${formatTime(start, locale, timeZone)}–${formatTime(end, locale, timeZone)}`;
}
