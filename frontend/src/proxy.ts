import { NextResponse, type NextRequest } from "next/server";

/** Paths without a language prefix go to Bulgarian: / -> /bg, /2027/opening/ -> /bg/2027/opening. */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (/^\/(bg|en)(\/|$)/.test(pathname)) {
    if (pathname.length > 4 && pathname.endsWith("/")) {
      return NextResponse.redirect(new URL(pathname.replace(/\/+$/, "") + search, request.url), 308);
    }
    return NextResponse.next();
  }
  const rest = pathname === "/" ? "" : pathname.replace(/\/+$/, "");
  return NextResponse.redirect(new URL(`/bg${rest}${search}`, request.url), 307);
}

export const config = {
  matcher: ["/((?!api/|_next/|embed/|sitemap\\.xml|robots\\.txt|favicon\\.ico|healthz$).*)"],
};
