import type { MetadataRoute } from "next";

export default function robots(): MetadataRoute.Robots {
  const site = (process.env.SITE_URL || "http://127.0.0.1:3000").replace(/\/+$/, "");
  return {
    rules: [{ userAgent: "*", allow: "/", disallow: ["/api/", "/bg/preview", "/en/preview", "/bg/my-agenda", "/en/my-agenda"] }],
    sitemap: `${site}/sitemap.xml`,
  };
}
