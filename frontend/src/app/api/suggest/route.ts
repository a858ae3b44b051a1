import { NextResponse, type NextRequest } from "next/server";
import { api } from "@/lib/api";
import { isLocale } from "@/lib/i18n";

/** Autocomplete for the search box: the API's /search/suggest/, checked, same origin for the browser. */
export async function GET(request: NextRequest) {
  const q = (request.nextUrl.searchParams.get("q") ?? "").trim().slice(0, 100);
  const locale = request.nextUrl.searchParams.get("locale") ?? "bg";
  if (!q || !isLocale(locale)) return NextResponse.json({ query: q, suggestions: [] });
  try {
    return NextResponse.json(await api.suggest(q, locale));
  } catch {
    return NextResponse.json({ query: q, suggestions: [] }, { status: 502 });
  }
}
