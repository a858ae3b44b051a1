/**
 * The public address of the site (scheme, host and port, no path), read per request so that one
 * build serves any host: SITE_URL when it is set, else the request's X-Forwarded-Host /
 * X-Forwarded-Proto (a proxy in front) or Host. Used by robots.txt, the sitemap, canonical links
 * and metadataBase.
 */
export const FALLBACK_ORIGIN = "http://127.0.0.1:3000";

interface HeaderSource {
  get(name: string): string | null;
}

// host, IPv4 or [IPv6], with an optional port; nothing else may reach a canonical link.
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

function first(value: string | null): string {
  return (value ?? "").split(",")[0]!.trim();
}

/** An http(s) URL's origin, or null when `value` is not one. */
export function originOf(value: string | undefined | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

export function siteOrigin(headers: HeaderSource | null, siteUrl: string | undefined = process.env.SITE_URL): string {
  const configured = originOf(siteUrl);
  if (configured) return configured;
  if (!headers) return FALLBACK_ORIGIN;
  const host = first(headers.get("x-forwarded-host")) || first(headers.get("host"));
  if (!host || !HOST.test(host)) return FALLBACK_ORIGIN;
  const proto = first(headers.get("x-forwarded-proto")).toLowerCase();
  const scheme = proto === "https" || proto === "http" ? proto : "http";
  return `${scheme}://${host.toLowerCase()}`;
}
