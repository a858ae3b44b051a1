/** Which edition is "current". */
/**
 * The edition the site opens on: the one running now, else the next one to come,
 * else the most recent one.
 */
export function pickCurrentEdition<T extends { year: number; status: string; start_date: string; end_date: string }>(
  editions: T[],
  today: string,
): T | undefined {
  const live = editions.find((e) => e.status === "live");
  if (live) return live;
  const upcoming = editions
    .filter((e) => e.end_date >= today && e.status !== "draft")
    .sort((a, b) => a.start_date.localeCompare(b.start_date));
  if (upcoming[0]) return upcoming[0];
  return [...editions].sort((a, b) => b.year - a.year)[0];
}
