/** Search highlights: escape everything, then let only bare <mark> and </mark> through. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

export function sanitizeHighlight(html: string): string {
  return escapeHtml(html).replace(/&lt;(\/?)mark&gt;/gi, "<$1mark>");
}

/** Plain text of an HTML fragment from the CMS (for meta descriptions). */
export function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
}
