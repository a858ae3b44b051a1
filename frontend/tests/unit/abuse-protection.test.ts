import { afterEach, describe, expect, it, vi } from "vitest";
import { clientAddress, normaliseAddress, trustedProxies } from "@/lib/client-address";
import { perMinute, RouteLimiter } from "@/lib/rate-limit";
import { checkRevalidateSecret, MIN_SECRET_LENGTH, secretMatches } from "@/lib/revalidate";

const STRONG = "k3Jv9-QzX0pL7wE2rT5yU8iO1aS4dF6gH";

describe("secretMatches", () => {
  it("accepts only the exact secret, whatever the lengths", () => {
    expect(secretMatches(STRONG, STRONG)).toBe(true);
    expect(secretMatches(STRONG.slice(0, -1) + "x", STRONG)).toBe(false);
    expect(secretMatches(STRONG.slice(0, 5), STRONG)).toBe(false);
    expect(secretMatches(STRONG + STRONG, STRONG)).toBe(false);
    expect(secretMatches("", STRONG)).toBe(false);
    expect(secretMatches(STRONG, "")).toBe(false);
  });
});

describe("checkRevalidateSecret", () => {
  it("refuses a short secret in production with a message that says how to fix it", () => {
    const check = checkRevalidateSecret("e2e-1700000000-1234", "production");
    expect(check.status).toBe("refused");
    expect("message" in check && check.message).toMatch(/REVALIDATE_SECRET has 19 characters.*at least 32/);
  });

  it("refuses a missing, well-known or repetitive secret in production", () => {
    expect(checkRevalidateSecret(undefined, "production").status).toBe("refused");
    expect(checkRevalidateSecret("", "production").status).toBe("refused");
    expect(checkRevalidateSecret("changeme", "production").status).toBe("refused");
    expect(checkRevalidateSecret("a".repeat(64), "production").status).toBe("refused");
    expect(checkRevalidateSecret("ab".repeat(40), "production").status).toBe("refused");
  });

  it("accepts a random secret of at least 32 characters in production", () => {
    expect(STRONG.length).toBeGreaterThanOrEqual(MIN_SECRET_LENGTH);
    expect(checkRevalidateSecret(STRONG, "production")).toEqual({ status: "ok" });
  });

  it("only disables the route when no secret is set outside production", () => {
    expect(checkRevalidateSecret(undefined, "development").status).toBe("disabled");
    expect(checkRevalidateSecret(undefined, "test").status).toBe("disabled");
    expect(checkRevalidateSecret("short", "development")).toEqual({ status: "ok" });
  });
});

describe("clientAddress", () => {
  it("ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(clientAddress("203.0.113.9", "10.0.0.1, 10.0.0.2", 0)).toBe("203.0.113.9");
    expect(clientAddress("::ffff:203.0.113.9", null, 0)).toBe("203.0.113.9");
  });

  it("takes the address the outermost trusted proxy saw, never the client's own claims", () => {
    // client forges "1.1.1.1"; the one trusted proxy appends the real client 198.51.100.7.
    expect(clientAddress("10.0.0.5", "1.1.1.1, 198.51.100.7", 1)).toBe("198.51.100.7");
    // two proxies: the outer appends the client, the inner appends the outer.
    expect(clientAddress("10.0.0.5", "1.1.1.1, 198.51.100.7, 10.0.0.4", 2)).toBe("198.51.100.7");
    // fewer entries than trusted proxies: the leftmost one.
    expect(clientAddress("10.0.0.5", "198.51.100.7", 3)).toBe("198.51.100.7");
    expect(clientAddress("10.0.0.5", null, 1)).toBe("10.0.0.5");
  });

  it("puts requests without a known peer in one shared bucket", () => {
    expect(clientAddress(null, "198.51.100.7", 1)).toBe("unknown");
    expect(clientAddress("", null, 0)).toBe("unknown");
  });

  it("normalises addresses and parses TRUSTED_PROXIES strictly", () => {
    expect(normaliseAddress(" [2001:db8::1] ")).toBe("2001:db8::1");
    expect(normaliseAddress("::FFFF:10.1.2.3")).toBe("10.1.2.3");
    expect(trustedProxies(undefined)).toBe(0);
    expect(trustedProxies("2")).toBe(2);
    expect(trustedProxies("-1")).toBe(0);
    expect(trustedProxies("many")).toBe(0);
  });
});

describe("RouteLimiter", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("allows the limit per address per window, then refuses with a retry time", async () => {
    vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });
    vi.setSystemTime(new Date("2027-05-12T09:00:00Z"));
    const limiter = new RouteLimiter(3, 60);
    for (let i = 0; i < 3; i++) expect((await limiter.take("198.51.100.7")).allowed).toBe(true);
    const refused = await limiter.take("198.51.100.7");
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 60 });
    // another address has its own budget
    expect((await limiter.take("203.0.113.9")).allowed).toBe(true);
    vi.setSystemTime(new Date("2027-05-12T09:00:45Z"));
    expect(await limiter.take("198.51.100.7")).toEqual({ allowed: false, retryAfterSeconds: 15 });
    // a new window starts after 60 s
    vi.advanceTimersByTime(16_000);
    expect((await limiter.take("198.51.100.7")).allowed).toBe(true);
  });

  it("reads RATE_LIMIT_PER_MINUTE, falling back to 60 on nonsense", () => {
    expect(perMinute("5")).toBe(5);
    expect(perMinute(undefined)).toBe(60);
    expect(perMinute("0")).toBe(60);
    expect(perMinute("lots")).toBe(60);
  });
});
