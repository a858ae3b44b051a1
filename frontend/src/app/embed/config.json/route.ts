import { PUBLIC_API_URL } from "@/lib/api";

/** Read at request time: the address the deployment is configured with, not the one at build. */
export const dynamic = "force-dynamic";

/**
 * GET /embed/config.json: where this site's API is, for the embeddable agenda (public/embed/agenda.js
 * asks when its element has no `api` attribute) and its demo page. Public, from any origin.
 */
export function GET() {
  return Response.json(
    { api: PUBLIC_API_URL },
    { headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=300" } },
  );
}
