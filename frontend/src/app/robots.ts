import type { MetadataRoute } from "next";
import { headers } from "next/headers";
import { siteOrigin } from "@/lib/origin";

// The address is read per request (SITE_URL, else the request's host): one build serves any host.
export const dynamic = "force-dynamic";

export default async function robots(): Promise<MetadataRoute.Robots> {
  const site = siteOrigin(await headers());
  return {
    rules: [{ userAgent: "*", allow: "/", disallow: ["/api/", "/bg/preview", "/en/preview", "/bg/my-agenda", "/en/my-agenda"] }],
    sitemap: `${site}/sitemap.xml`,
  };
}
