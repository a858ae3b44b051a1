/** API images: the original's width and height, one URL per size name. */
import type { ImageT } from "./schemas";

export type Size = keyof ImageT["urls"];

/** How Wagtail makes each size (never upscaling): a fixed box, a width, or at most a box. */
const SIZES: Record<Size, { fill: [number, number] } | { width: number } | { max: [number, number] }> = {
  square: { fill: [400, 400] },
  thumbnail: { fill: [160, 160] },
  hero: { fill: [1200, 500] },
  card: { width: 800 },
  logo: { max: [400, 200] },
  logo_small: { max: [200, 100] },
};

/** The pixel size of `size` made from a width x height original. */
export function sizeOf(size: Size, width: number, height: number): { width: number; height: number } {
  const spec = SIZES[size];
  if ("fill" in spec) {
    const [w, h] = spec.fill;
    // The largest w:h crop of the original, scaled down to the box.
    const cropWidth = Math.min(width, (height * w) / h);
    const scale = Math.min(1, w / cropWidth);
    return { width: Math.round(cropWidth * scale), height: Math.round(((cropWidth * h) / w) * scale) };
  }
  const scale = "width" in spec ? Math.min(1, spec.width / width) : Math.min(1, spec.max[0] / width, spec.max[1] / height);
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

/** `size` of the image if it has it, else the first size it has; null without any. */
export function pick(image: ImageT, size: Size): { url: string; width: number; height: number } | null {
  const chosen = image.urls[size] ? size : (Object.keys(image.urls) as Size[]).find((name) => image.urls[name]);
  const url = chosen ? image.urls[chosen] : undefined;
  return chosen && url ? { url, ...sizeOf(chosen, image.width, image.height) } : null;
}
