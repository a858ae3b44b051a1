import { draftMode } from "next/headers";
import { redirect } from "next/navigation";
import { NextResponse, type NextRequest } from "next/server";

/**
 * Wagtail's headless preview opens ${FRONTEND_URL}/api/preview?content_type=..&token=..
 * Turn on draft mode and show the draft (the token itself is checked by the API).
 */
export async function GET(request: NextRequest) {
  const contentType = request.nextUrl.searchParams.get("content_type") ?? "";
  const token = request.nextUrl.searchParams.get("token") ?? "";
  if (!/^[a-z_]+\.[a-z_]+$/.test(contentType) || !token || token.length > 2000) {
    return NextResponse.json({ error: "Give content_type (app.model) and token." }, { status: 400 });
  }
  (await draftMode()).enable();
  const locale = request.nextUrl.searchParams.get("locale") === "en" ? "en" : "bg";
  redirect(`/${locale}/preview?${new URLSearchParams({ content_type: contentType, token })}`);
}
