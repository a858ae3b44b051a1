import { revalidatePath, revalidateTag } from "next/cache";
import { NextResponse, type NextRequest } from "next/server";
import { parseRevalidateBody, secretMatches } from "@/lib/revalidate";

/**
 * Called by the backend's Celery task when editors publish:
 * POST {paths: ["/bg/2027/agenda", ...], tags: ["edition:2027", ...]} with header x-revalidate-secret.
 */
export async function POST(request: NextRequest) {
  if (!secretMatches(request.headers.get("x-revalidate-secret"), process.env.REVALIDATE_SECRET)) {
    return NextResponse.json({ error: "Wrong or missing x-revalidate-secret." }, { status: 401 });
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return NextResponse.json({ error: "The body is not JSON." }, { status: 400 });
  }
  const parsed = parseRevalidateBody(body);
  if ("error" in parsed) return NextResponse.json(parsed, { status: 400 });
  // Expire now: the next visit renders fresh content.
  for (const tag of parsed.tags) revalidateTag(tag, { expire: 0 });
  for (const path of parsed.paths) revalidatePath(path);
  return NextResponse.json({ revalidated: true, paths: parsed.paths, tags: parsed.tags, now: Date.now() });
}
