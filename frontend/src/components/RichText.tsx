/** HTML from the CMS's rich-text fields (already restricted to its editor's features by Wagtail). */
export function RichText({ html, className = "prose" }: { html: string; className?: string }) {
  if (!html) return null;
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
