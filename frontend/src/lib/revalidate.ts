/** Parsing and checking of revalidation requests (pure: unit-tested). */
import { createHash, timingSafeEqual } from "node:crypto";
import { isSitePath } from "./links";

/** Shorter REVALIDATE_SECRETs are refused in production. */
export const MIN_SECRET_LENGTH = 32;
/** Values seen in examples and demos: anyone can guess them. */
const KNOWN_SECRETS = new Set(["changeme", "change-me", "secret", "demo", "dev", "test", "revalidate", "conference-demo"]);

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/** Constant time whatever the lengths: equal-length SHA-256 digests go to timingSafeEqual. */
export function secretMatches(given: string | null, expected: string | undefined): boolean {
  if (!expected || !given) return false;
  return timingSafeEqual(digest(given), digest(expected));
}

export type SecretCheck = { status: "ok" } | { status: "disabled"; message: string } | { status: "refused"; message: string };

/**
 * Is REVALIDATE_SECRET fit for this environment? In production a missing, short or well-known
 * secret is "refused" (the server must not start); elsewhere a missing one only disables
 * /api/revalidate and a weak one is accepted.
 */
export function checkRevalidateSecret(secret: string | undefined, nodeEnv: string | undefined): SecretCheck {
  const production = nodeEnv === "production";
  const fix = "set REVALIDATE_SECRET (and the backend's FRONTEND_REVALIDATE_SECRET) to a random value of at least " +
    `${MIN_SECRET_LENGTH} characters, e.g. python3 -c 'import secrets;print(secrets.token_urlsafe(32))'`;
  if (!secret) {
    return production
      ? { status: "refused", message: `REVALIDATE_SECRET is not set: ${fix}.` }
      : { status: "disabled", message: "REVALIDATE_SECRET is not set: /api/revalidate is disabled." };
  }
  if (!production) return { status: "ok" };
  if (KNOWN_SECRETS.has(secret.trim().toLowerCase())) {
    return { status: "refused", message: `REVALIDATE_SECRET is a well-known example value: ${fix}.` };
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    return { status: "refused", message: `REVALIDATE_SECRET has ${secret.length} characters: ${fix}.` };
  }
  if (new Set(secret).size < 8) {
    return { status: "refused", message: `REVALIDATE_SECRET repeats a few characters: ${fix}.` };
  }
  return { status: "ok" };
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
  if (paths.some((p) => !isSitePath(p))) return { error: "Every path must start with a single /." };
  if (!paths.length && !tags.length) return { error: "Nothing to revalidate: give paths or tags." };
  return { paths: [...new Set(paths)], tags: [...new Set(tags)] };
}
