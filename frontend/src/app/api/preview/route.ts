import { draftMode } from "next/headers";
import { redirect } from "next/navigation";
import { type NextRequest } from "next/server";
import { apiPath } from "@/lib/api";
import { clientAddressOf } from "@/lib/client-address";
import { problem } from "@/lib/problem";
import { routeLimiter } from "@/lib/rate-limit";

const VERIFY_TIMEOUT_MS = 10_000;

/**
 * Wagtail's headless preview opens ${FRONTEND_URL}/api/preview?content_type=..&token=..
 * The API checks the token first (200 for a valid one, 403 for a forged or expired one); only a
 * valid token turns on draft mode and shows the draft.
 */
export async function GET(request: NextRequest) {
  const instance = "/api/preview";
  const verdict = await routeLimiter("preview").take(clientAddressOf(request.headers));
  if (!verdict.allowed) {
    return problem(429, "rate_limited", `Too many requests; try again in ${verdict.retryAfterSeconds} s.`, {
      instance,
      headers: { "retry-after": String(verdict.retryAfterSeconds) },
    });
  }
  const contentType = request.nextUrl.searchParams.get("content_type") ?? "";
  const token = request.nextUrl.searchParams.get("token") ?? "";
  if (!/^[a-z_]+\.[a-z_]+$/.test(contentType) || !token || token.length > 2000) {
    return problem(400, "bad_request", "Give content_type (app.model) and token.", { instance });
  }
  let status: number;
  let retryAfter: string | null = null;
  try {
    const response = await fetch(apiPath("preview/", { content_type: contentType, token }), {
      headers: { Accept: "application/json" },
      cache: "no-store",
      signal: AbortSignal.timeout(VERIFY_TIMEOUT_MS),
    });
    status = response.status;
    retryAfter = response.headers.get("retry-after");
    await response.body?.cancel();
  } catch {
    return problem(502, "api_unreachable", "The API could not check the preview token; try again.", { instance });
  }
  if (status === 400 || status === 403 || status === 404) {
    return problem(403, "preview_token_invalid", "The preview token is invalid or has expired; open the preview from the admin again.", {
      instance,
    });
  }
  if (status === 429) {
    const seconds = /^\d{1,5}$/.test(retryAfter ?? "") ? retryAfter! : "60";
    return problem(429, "rate_limited", `Too many requests; try again in ${seconds} s.`, { instance, headers: { "retry-after": seconds } });
  }
  if (status !== 200) {
    return problem(502, "api_error", `The API answered ${status} while checking the preview token.`, { instance });
  }
  (await draftMode()).enable();
  const locale = request.nextUrl.searchParams.get("locale") === "en" ? "en" : "bg";
  redirect(`/${locale}/preview?${new URLSearchParams({ content_type: contentType, token })}`);
}
