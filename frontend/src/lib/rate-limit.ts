/**
 * Per-address fixed-window limits for the site's own API routes, in this process's memory
 * (rate-limiter-flexible): right for one `next start`; several instances would each count alone.
 */
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

const WINDOW_SECONDS = 60;
const DEFAULT_PER_MINUTE = 60;

/** RATE_LIMIT_PER_MINUTE: requests one client address may make to each limited route per minute. */
export function perMinute(value: string | undefined = process.env.RATE_LIMIT_PER_MINUTE): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_PER_MINUTE;
}

export type Verdict = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

export class RouteLimiter {
  private readonly limiter: RateLimiterMemory;

  constructor(points: number, windowSeconds = WINDOW_SECONDS) {
    this.limiter = new RateLimiterMemory({ points, duration: windowSeconds });
  }

  async take(address: string): Promise<Verdict> {
    try {
      const res = await this.limiter.consume(address, 1);
      return { allowed: true, remaining: res.remainingPoints };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
  }
}

const limiters = new Map<string, RouteLimiter>();

/** The process-wide limiter of one route, made on first use with RATE_LIMIT_PER_MINUTE. */
export function routeLimiter(route: string): RouteLimiter {
  let limiter = limiters.get(route);
  if (!limiter) {
    limiter = new RouteLimiter(perMinute());
    limiters.set(route, limiter);
  }
  return limiter;
}
