/**
 * The client's address for rate limiting (pure: unit-tested, except the peer header).
 *
 * The TCP peer is the only address a client cannot forge. Next fills X-Forwarded-For with the
 * peer only when the request has none, so a client's own header would pass as its address;
 * instrumentation therefore copies the peer into PEER_HEADER for every request, overwriting
 * whatever the client sent under that name.
 */
export const PEER_HEADER = "x-conference-peer";

/** TRUSTED_PROXIES: how many reverse proxies in front of the site append to X-Forwarded-For (default 0). */
export function trustedProxies(value: string | undefined = process.env.TRUSTED_PROXIES): number {
  const n = Number(value ?? "0");
  return Number.isInteger(n) && n >= 0 && n <= 10 ? n : 0;
}

/** "::ffff:10.0.0.1" -> "10.0.0.1"; surrounding spaces and IPv6 brackets go. */
export function normaliseAddress(address: string): string {
  const a = address.trim().replace(/^\[(.*)\]$/, "$1");
  return a.toLowerCase().startsWith("::ffff:") && a.includes(".") ? a.slice(7) : a;
}

/**
 * With no trusted proxy the peer is the client and X-Forwarded-For is ignored. With N trusted
 * proxies, the peer is the last proxy and the client is the address that the outermost trusted
 * proxy saw: the N-th entry from the right of peer-appended X-Forwarded-For (entries further
 * left are the client's own claims and never used). Fewer entries than that: the leftmost one.
 */
export function clientAddress(peer: string | null, forwardedFor: string | null, proxies: number): string {
  const direct = peer ? normaliseAddress(peer) : "";
  if (!direct) return "unknown";
  if (proxies === 0) return direct;
  const chain = (forwardedFor ?? "")
    .split(",")
    .map(normaliseAddress)
    .filter(Boolean);
  chain.push(direct);
  return chain[Math.max(0, chain.length - 1 - proxies)] ?? direct;
}

export function clientAddressOf(headers: Headers): string {
  return clientAddress(headers.get(PEER_HEADER), headers.get("x-forwarded-for"), trustedProxies());
}
