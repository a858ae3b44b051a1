import type { Locale } from "@/lib/i18n";
import type { PageDetail } from "@/lib/schemas";
import { formatDay } from "@/lib/time";
import { Picture } from "./Picture";
import { RichText } from "./RichText";

type Block = { type: string; value: unknown; id?: string };

function BlockView({ block }: { block: Block }) {
  const v = block.value;
  if (typeof v === "string") {
    if (block.type === "heading") return <h2>{v}</h2>;
    if (block.type === "quote") return <blockquote>{v}</blockquote>;
    return <RichText html={v} />;
  }
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    const text = [o.title, o.heading, o.text, o.caption].find((x) => typeof x === "string") as string | undefined;
    return text ? <RichText html={text} /> : null;
  }
  return null;
}

/** News, content and venue pages: one component, a few type-specific parts. */
export function ContentPageView({ locale, page }: { locale: Locale; page: PageDetail }) {
  const blocks = Array.isArray(page.body) ? (page.body as Block[]) : [];
  return (
    <article data-testid="content-page" data-type={page.type}>
      <h1>{page.title}</h1>
      {page.date ? <p className="muted">{formatDay(page.date, locale)}</p> : null}
      {page.intro ? <p className="prose"><strong>{page.intro}</strong></p> : null}
      <Picture image={page.image} size="card" className="hero" />
      {blocks.map((block, i) => (
        <BlockView key={block.id ?? i} block={block} />
      ))}
      <RichText html={page.getting_there} />
      <RichText html={page.accessibility} />
    </article>
  );
}
