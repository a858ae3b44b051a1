import { NextResponse } from "next/server";

/** Liveness for container healthchecks: the Node server answers; fetches nothing from the API. */
export const dynamic = "force-dynamic";

export function GET() {
  return NextResponse.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
