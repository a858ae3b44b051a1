import { pick, type Size } from "@/lib/images";
import type { ImageT } from "@/lib/schemas";

/** An API image at one of its sizes (plain <img>: Wagtail already made the size), else at the
 * first size it has. */
export function Picture({ image, size, className, alt }: { image: ImageT | null; size: Size; className?: string; alt?: string }) {
  const picked = image ? pick(image, size) : null;
  if (!image || !picked) return null;
  return <img className={className} src={picked.url} width={picked.width} height={picked.height} alt={alt ?? image.alt} loading="lazy" decoding="async" />;
}
