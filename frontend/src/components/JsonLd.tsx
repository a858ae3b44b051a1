/** schema.org JSON-LD exactly as the API built it; "<" is escaped so the script cannot be closed early. */
export function JsonLd({ data }: { data: Record<string, unknown> }) {
  if (!Object.keys(data).length) return null;
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json }} />;
}
