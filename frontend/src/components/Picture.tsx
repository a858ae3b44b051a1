import type { ImageT } from "@/lib/schemas";

/** An API image at one of its renditions (plain <img>: renditions are already sized by Wagtail). */
export function Picture({ image, rendition, className, alt }: { image: ImageT | null; rendition: string; className?: string; alt?: string }) {
  if (!image) return null;
  const r = image.renditions[rendition] ?? Object.values(image.renditions)[0];
  if (!r) return null;
  return <img className={className} src={r.url} width={r.width} height={r.height} alt={alt ?? image.alt} loading="lazy" decoding="async" />;
}
