import { NextResponse, type NextRequest } from "next/server";
import { LOCALE_COOKIE, LOCALE_HEADER, preferredLocale } from "@/lib/negotiate";

/**
 * Paths without a language prefix go to the visitor's language: the language switch's cookie,
 * else Accept-Language (English preferred -> /en), else Bulgarian. / -> /bg or /en,
 * /2027/opening/ -> /bg/2027/opening. Prefixed paths lose a trailing slash.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const prefixed = /^\/(bg|en)(\/|$)/.exec(pathname);
  if (prefixed) {
    if (pathname.length > 4 && pathname.endsWith("/")) {
      return NextResponse.redirect(new URL(pathname.replace(/\/+$/, "") + search, request.url), 308);
    }
    // The page's language for the parts of a page that get no route parameters (the 404 page).
    const headers = new Headers(request.headers);
    headers.set(LOCALE_HEADER, prefixed[1]!);
    return NextResponse.next({ request: { headers } });
  }
  const locale = preferredLocale(request.headers.get("accept-language"), request.cookies.get(LOCALE_COOKIE)?.value);
  const rest = pathname === "/" ? "" : pathname.replace(/\/+$/, "");
  const response = NextResponse.redirect(new URL(`/${locale}${rest}${search}`, request.url), 307);
  // The answer depends on these headers: shared caches must not give one visitor's language to another.
  response.headers.set("Vary", "Accept-Language, Cookie");
  response.headers.set("Cache-Control", "private, no-cache");
  return response;
}

export const config = {
  matcher: [
    "/((?!api/|_next/|embed/|sitemap\\.xml|robots\\.txt|favicon\\.ico|icon\\.svg|apple-icon\\.png|manifest\\.webmanifest|icons/|healthz$).*)",
  ],
};
