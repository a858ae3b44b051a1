import type { MetadataRoute } from "next";
import { dictionary } from "@/lib/i18n";

export default function manifest(): MetadataRoute.Manifest {
  const t = dictionary("bg");
  return {
    name: t.siteName,
    short_name: t.site.brandShort,
    description: `${t.siteName} · ${dictionary("en").siteName}`,
    lang: "bg",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#0a4f9c",
    icons: [
      { src: "/icon.svg", type: "image/svg+xml", sizes: "any", purpose: "any" },
      { src: "/icons/icon-192.png", type: "image/png", sizes: "192x192", purpose: "any" },
      { src: "/icons/icon-512.png", type: "image/png", sizes: "512x512", purpose: "any" },
      { src: "/icons/icon-maskable-512.png", type: "image/png", sizes: "512x512", purpose: "maskable" },
    ],
  };
}
