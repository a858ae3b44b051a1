/** Parsing and checking of revalidation requests (pure: unit-tested). */
import { timingSafeEqual } from "node:crypto";

export function secretMatches(given: string | null, expected: string | undefined): boolean {
  if (!expected || !given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface RevalidateBody {
  paths: string[];
  tags: string[];
}

/** {paths?: string[], tags?: string[]}: paths must be site paths ("/bg/2027/agenda"), at most 200 of each. */
export function parseRevalidateBody(body: unknown): RevalidateBody | { error: string } {
  if (!body || typeof body !== "object" || Array.isArray(body)) return { error: "Send a JSON object with paths and/or tags." };
  const b = body as Record<string, unknown>;
  const list = (key: string): string[] | null => {
    const v = b[key];
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.length > 200 || !v.every((x) => typeof x === "string" && x.length > 0 && x.length <= 256)) return null;
    return v as string[];
  };
  const paths = list("paths");
  const tags = list("tags");
  if (!paths || !tags) return { error: "paths and tags must be lists of at most 200 non-empty strings." };
  if (paths.some((p) => !p.startsWith("/") || p.startsWith("//"))) return { error: "Every path must start with a single /." };
  if (!paths.length && !tags.length) return { error: "Nothing to revalidate: give paths or tags." };
  return { paths: [...new Set(paths)], tags: [...new Set(tags)] };
}
