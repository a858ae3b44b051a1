import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // NEXT_DIST_DIR lets several builds or dev servers of one checkout live side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  images: { unoptimized: true },
  // app/global-not-found.tsx: the 404 page (with a title) for addresses outside /bg and /en.
  experimental: { globalNotFound: true },
  // Titles, descriptions and link-preview tags always in <head>, for every client: Next.js would
  // otherwise stream them into the body for clients it does not know as bots when they are not
  // ready with the page's first bytes (search engines, preview fetchers and Lighthouse read <head>).
  htmlLimitedBots: /.*/,
  // Build and runtime talk to no host but the API: no telemetry (NEXT_TELEMETRY_DISABLED=1), no font fetch.
};

export default nextConfig;
