import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { API_URL } from "./helpers";
import { expect, test } from "@playwright/test";

// Abuse protection of the site's own API routes, on `next start` processes of the built site that
// this spec starts itself (own port, own limits), so exhausting a limit here cannot disturb the
// server the other specs use.
const STRONG = "Qm7vT2xK9pL4wR8zN3cJ6hF1sD5gB0aYeU";

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return port;
}

interface Site {
  url: string;
  child: ChildProcess;
  output: () => string;
}

function startSite(port: number, env: Record<string, string>): Site {
  const child = spawn("./node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(port)], {
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", API_URL, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return { url: `http://127.0.0.1:${port}`, child, output: () => output };
}

/** Polls until the site answers (any HTTP status) or the deadline passes. */
async function waitUntilUp(site: Site, deadlineMs = 30_000) {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (site.child.exitCode !== null) throw new Error(`next start exited ${site.child.exitCode}: ${site.output()}`);
    try {
      await fetch(`${site.url}/api/suggest`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`next start did not answer within ${deadlineMs} ms: ${site.output()}`);
}

async function stopSite(site: Site) {
  if (site.child.exitCode !== null || site.child.signalCode !== null) return;
  const exited = once(site.child, "exit");
  process.kill(-site.child.pid!, "SIGTERM");
  await exited;
}

const postRevalidate = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/revalidate`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ paths: ["/bg"] }),
  });

test("a short revalidation secret stops the production server at start-up with a clear message", async () => {
  const site = startSite(await freePort(), { REVALIDATE_SECRET: "e2e-1700000000-1234" });
  const [code] = (await once(site.child, "exit")) as [number | null];
  expect(code).not.toBe(0);
  expect(site.output()).toContain("Refusing to start: REVALIDATE_SECRET has 19 characters");
});

test.describe("with no trusted proxy", () => {
  let site: Site;
  test.beforeAll(async () => {
    site = startSite(await freePort(), { REVALIDATE_SECRET: STRONG, RATE_LIMIT_PER_MINUTE: "3", TRUSTED_PROXIES: "0" });
    await waitUntilUp(site);
  });
  test.afterAll(async () => stopSite(site));

  test("a burst of guesses gets 429 with Retry-After, and forged forwarding headers do not escape it", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      // Every request claims another address; without a trusted proxy none of it counts.
      const res = await postRevalidate(site.url, {
        "x-revalidate-secret": `guess-${i}`,
        "x-forwarded-for": `198.51.100.${i}`,
        "x-conference-peer": `192.0.2.${i}`,
      });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
      }
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // Over the limit even the right secret waits: the limit is checked before the secret.
    expect((await postRevalidate(site.url, { "x-revalidate-secret": STRONG })).status).toBe(429);
  });

  test("the preview route has its own limit", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${site.url}/api/preview?content_type=conference.sessionpage&token=forged-${i}`, { redirect: "manual" });
      statuses.push(res.status);
      expect(res.headers.get("set-cookie") ?? "").not.toContain("__prerender_bypass");
    }
    expect(statuses).toEqual([403, 403, 403, 429]);
  });
});

test.describe("behind one trusted proxy", () => {
  let site: Site;
  test.beforeAll(async () => {
    site = startSite(await freePort(), { REVALIDATE_SECRET: STRONG, RATE_LIMIT_PER_MINUTE: "2", TRUSTED_PROXIES: "1" });
    await waitUntilUp(site);
  });
  test.afterAll(async () => stopSite(site));

  test("the limit follows the address the proxy saw, not what the client claims", async () => {
    // This test is the proxy: it appends the real client after whatever the client sent.
    const via = (claimed: string, real: string) => ({ "x-revalidate-secret": "guess", "x-forwarded-for": `${claimed}, ${real}` });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await postRevalidate(site.url, via(`10.9.9.${i}`, "203.0.113.50"))).status);
    expect(statuses).toEqual([401, 401, 429]);
    // Another real client still gets through, and with the secret its request is served.
    const other = await postRevalidate(site.url, { "x-revalidate-secret": STRONG, "x-forwarded-for": "203.0.113.51" });
    expect(other.status).toBe(200);
    expect(await other.json()).toMatchObject({ revalidated: true, paths: ["/bg"] });
  });
});
