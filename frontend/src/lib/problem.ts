/** RFC 9457 problem+json answers for the site's route handlers, shaped like the API's (api/exceptions.py). */
import { NextResponse } from "next/server";

const PROBLEM_BASE = "https://conference.example/problems/";
const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  429: "Too many requests",
  502: "Bad gateway",
  503: "Service unavailable",
};

export function problem(
  status: number,
  code: string,
  detail: string,
  { instance, headers }: { instance?: string; headers?: Record<string, string> } = {},
): NextResponse {
  const body = { type: PROBLEM_BASE + code, title: TITLES[status] ?? "Error", status, detail, instance };
  return NextResponse.json(body, {
    status,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store", ...headers },
  });
}
