import { preload } from "react-dom";
import { pick, type Size } from "@/lib/images";
import type { ImageT } from "@/lib/schemas";

/** An API image at one of its sizes (plain <img>: Wagtail already made the size), else at the
 * first size it has. `priority`: the page's largest image in the first screen (its LCP element):
 * fetched at once with high priority and preloaded from the head, never lazily. */
export function Picture({ image, size, className, alt, priority = false }: { image: ImageT | null; size: Size; className?: string; alt?: string; priority?: boolean }) {
  const picked = image ? pick(image, size) : null;
  if (!image || !picked) return null;
  if (priority) preload(picked.url, { as: "image", fetchPriority: "high" });
  return (
    <img
      className={className}
      src={picked.url}
      width={picked.width}
      height={picked.height}
      alt={alt ?? image.alt}
      loading={priority ? "eager" : "lazy"}
      fetchPriority={priority ? "high" : undefined}
      decoding="async"
    />
  );
}
