import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  images: { unoptimized: true },
  // Build and runtime talk to no host but the API: no telemetry (NEXT_TELEMETRY_DISABLED=1), no font fetch.
};

export default nextConfig;
