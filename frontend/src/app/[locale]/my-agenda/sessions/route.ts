import { NextResponse, type NextRequest } from "next/server";
import { starredOf } from "@/components/starredOf";
import { api } from "@/lib/api";
import { clientAddressOf } from "@/lib/client-address";
import { isLocale } from "@/lib/i18n";
import { problem } from "@/lib/problem";
import { routeLimiter } from "@/lib/rate-limit";
import { MAX_STARRED, parseIds } from "@/lib/starred";

/** My agenda's sessions read again in the page's language: ?ids=12,34 (either language's ids)
 * -> [{guid, id, title, start, end, year, slug, room, cancelled?}] for the sessions still published. */
export async function GET(request: NextRequest, context: RouteContext<"/[locale]/my-agenda/sessions">) {
  const { locale } = await context.params;
  const instance = request.nextUrl.pathname;
  if (!isLocale(locale)) return problem(404, "not_found", "No such language.", { instance });
  const ids = parseIds(request.nextUrl.searchParams.get("ids"));
  if (!ids) return problem(400, "bad_ids", `ids: up to ${MAX_STARRED} session ids separated by commas, e.g. ids=12,34.`, { instance });
  const verdict = await routeLimiter("my-agenda").take(clientAddressOf(request.headers));
  if (!verdict.allowed) {
    return problem(429, "rate_limited", `Too many requests; try again in ${verdict.retryAfterSeconds} s.`, {
      instance,
      headers: { "retry-after": String(verdict.retryAfterSeconds) },
    });
  }
  try {
    const sessions = [];
    // Ten at a time: a long list must not flood the API.
    for (let i = 0; i < ids.length; i += 10) {
      sessions.push(...(await Promise.all(ids.slice(i, i + 10).map((id) => api.session(id, locale)))));
    }
    return NextResponse.json(
      sessions.filter((s) => s !== null).map(starredOf),
      { headers: { "cache-control": "private, max-age=60" } },
    );
  } catch {
    return problem(502, "api_unavailable", "The programme could not be read; try again later.", { instance });
  }
}
