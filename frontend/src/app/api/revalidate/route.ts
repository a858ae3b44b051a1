import { revalidatePath, revalidateTag } from "next/cache";
import { NextResponse, type NextRequest } from "next/server";
import { clientAddressOf } from "@/lib/client-address";
import { problem } from "@/lib/problem";
import { routeLimiter } from "@/lib/rate-limit";
import { parseRevalidateBody, secretMatches } from "@/lib/revalidate";

const MAX_BODY_BYTES = 64 * 1024;

/**
 * Called by the backend's Celery worker for each change event of its publish outbox:
 * POST {tags: ["edition:2027", "session:41", ...]} with header x-revalidate-secret; every route
 * that fetched with one of the tags (src/lib/api.ts) re-renders. `paths` are accepted too.
 * Order: configured? -> per-address rate limit -> secret (constant time) -> only then the body.
 */
export async function POST(request: NextRequest) {
  const instance = "/api/revalidate";
  const secret = process.env.REVALIDATE_SECRET;
  if (!secret) return problem(503, "revalidation_disabled", "Revalidation is not configured on this site.", { instance });
  const verdict = await routeLimiter("revalidate").take(clientAddressOf(request.headers));
  if (!verdict.allowed) {
    return problem(429, "rate_limited", `Too many requests; try again in ${verdict.retryAfterSeconds} s.`, {
      instance,
      headers: { "retry-after": String(verdict.retryAfterSeconds) },
    });
  }
  if (!secretMatches(request.headers.get("x-revalidate-secret"), secret)) {
    return problem(401, "wrong_secret", "Wrong or missing x-revalidate-secret.", { instance });
  }
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return problem(400, "too_large", "The body is larger than 64 KiB.", { instance });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return problem(400, "not_json", "The body is not JSON.", { instance });
  }
  const parsed = parseRevalidateBody(body);
  if ("error" in parsed) return problem(400, "bad_request", parsed.error, { instance });
  // Expire now: the next visit renders fresh content.
  for (const tag of parsed.tags) revalidateTag(tag, { expire: 0 });
  for (const path of parsed.paths) revalidatePath(path);
  return NextResponse.json({ revalidated: true, paths: parsed.paths, tags: parsed.tags, now: Date.now() });
}
