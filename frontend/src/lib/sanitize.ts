/** Search highlights: escape everything, then let only bare <mark> and </mark> through. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
const ENTITY = /&(?:#x([0-9a-f]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos|nbsp));/gi;

/** Text with its HTML character references decoded, once ("&amp;lt;" becomes "&lt;"). */
export function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name.toLowerCase()] ?? whole;
    const code = hex ? parseInt(hex, 16) : Number(dec);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

/**
 * Highlighted text from the API (HTML escaped once, <mark> its only markup) made safe to render:
 * bare <mark> and </mark> pass; every other part is decoded once and escaped once, so
 * "industry&#x27;s" shows as "industry's" and any other tag shows as text.
 */
export function sanitizeHighlight(html: string): string {
  return html
    .split(/(<\/?mark>)/i)
    .map((part) => (/^<\/?mark>$/i.test(part) ? part.toLowerCase() : escapeHtml(decodeEntities(part))))
    .join("");
}

const BLOCK = /<\/?(?:p|div|br|li|ul|ol|h[1-6]|blockquote|tr|td|th|table|section|article|hr)\b[^>]*>/gi;

/** Plain text of an HTML fragment from the CMS (for meta descriptions): blocks apart by a space,
 * inline tags gone ("Hall <em>A</em>," reads "Hall A,"), character references decoded once. */
export function stripTags(html: string): string {
  return decodeEntities(html.replace(BLOCK, " ").replace(/<[^>]*>/g, "")).replace(/\s+/g, " ").trim();
}
