/** Server-side API client: every response is validated with zod before it reaches a component. */
import { z } from "zod";
import type { Locale } from "./i18n";
import * as S from "./schemas";

export const API_URL = (process.env.API_URL || "http://127.0.0.1:8000").replace(/\/+$/, "");
/** The API as the browser sees it (links to exports, the embed script); defaults to API_URL. */
export const PUBLIC_API_URL = (process.env.PUBLIC_API_URL || API_URL).replace(/\/+$/, "");
const REVALIDATE_SECONDS = 60;

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | undefined | null>;

export function apiPath(path: string, query: Query = {}): string {
  const url = new URL(`/api/v1/${path.replace(/^\/+/, "")}`, API_URL);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, String(value));
  }
  return url.toString();
}

interface FetchOptions {
  tags?: string[];
  draft?: boolean;
}

export async function getJson<T extends z.ZodTypeAny>(
  schema: T,
  path: string,
  query: Query = {},
  { tags = [], draft = false }: FetchOptions = {},
): Promise<z.infer<T>> {
  const url = apiPath(path, query);
  const response = await fetch(url, {
    headers: { Accept: "application/json" },
    ...(draft ? { cache: "no-store" as const } : { next: { revalidate: REVALIDATE_SECONDS, tags: ["api", ...tags] } }),
  });
  if (!response.ok) throw new ApiError(`${response.status} from ${url}`, response.status);
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) {
    throw new ApiError(`Unexpected response from ${url}: ${z.prettifyError(parsed.error)}`, 502);
  }
  return parsed.data;
}

/** null on 404 (and on 400 for malformed ids), the value otherwise. */
async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return null;
    throw error;
  }
}

async function allPages<T extends z.ZodTypeAny>(item: T, path: string, query: Query, tags: string[]): Promise<z.infer<T>[]> {
  const schema = S.paginated(item);
  const out: z.infer<T>[] = [];
  for (let page = 1; page < 50; page++) {
    const data = await getJson(schema, path, { ...query, page, page_size: 100 }, { tags });
    out.push(...data.results);
    if (!data.next) break;
  }
  return out;
}

export const api = {
  editions: (locale: Locale) => allPages(S.Edition, "editions/", { locale }, ["editions"]),
  edition: (year: number | string, locale: Locale) =>
    orNull(getJson(S.EditionDetail, `editions/${year}/`, { locale }, { tags: [`edition:${year}`] })),
  sessions: (year: number, locale: Locale) => allPages(S.Session, "sessions/", { year, locale }, [`edition:${year}`, "sessions"]),
  session: (id: number | string, locale: Locale) =>
    orNull(getJson(S.SessionDetail, `sessions/${id}/`, { locale }, { tags: [`session:${id}`, "sessions"] })),
  /** Speakers with their appearances (in `year`'s edition only, when given). */
  speakers: (locale: Locale, year?: number) => allPages(S.SpeakerListItem, "speakers/", { locale, year }, ["speakers"]),
  speaker: (id: number | string, locale: Locale) =>
    orNull(getJson(S.Speaker, `speakers/${id}/`, { locale }, { tags: [`speaker:${id}`, "speakers"] })),
  topics: (locale: Locale) => allPages(S.Topic, "topics/", { locale }, ["topics"]),
  pages: (locale: Locale, query: { year?: number; type?: string } = {}) => allPages(S.Page, "pages/", { locale, ...query }, ["pages"]),
  page: (id: number | string, locale: Locale) =>
    orNull(getJson(S.PageDetail, `pages/${id}/`, { locale }, { tags: [`page:${id}`, "pages"] })),
  search: (query: Query) => getJson(S.SearchResult, "search/", query, { tags: ["search"] }),
  suggest: (q: string, locale: Locale) => getJson(S.SuggestResult, "search/suggest/", { q, locale }, { tags: ["search"] }),
  preview: (contentType: string, token: string) =>
    getJson(z.record(z.string(), z.unknown()), "preview/", { content_type: contentType, token }, { draft: true }),
};

