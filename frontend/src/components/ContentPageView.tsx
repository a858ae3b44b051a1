import { Breadcrumbs } from "./Breadcrumbs";
import { mapLink, venueAddress } from "@/lib/editions";
import type { Locale } from "@/lib/i18n";
import { dictionary } from "@/lib/i18n";
import { links } from "@/lib/links";
import type { EditionDetail, PageDetail } from "@/lib/schemas";
import { formatDateRange, formatDay } from "@/lib/time";
import styles from "./ContentPageView.module.css";
import { Icon } from "./Icon";
import { Picture } from "./Picture";
import { RichText } from "./RichText";

type Block = { type: string; value: unknown; id?: string };

function BlockView({ block }: { block: Block }) {
  const v = block.value;
  if (typeof v === "string") {
    if (block.type === "heading") return <h2>{v}</h2>;
    if (block.type === "quote") return <blockquote>{v}</blockquote>;
    if (block.type === "embed") return /^https?:\/\//.test(v) ? <p><a href={v} rel="noopener">{v}</a></p> : null;
    return <RichText html={v} className="" />;
  }
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    const text = [o.title, o.heading, o.text, o.caption].find((x) => typeof x === "string") as string | undefined;
    return text ? <RichText html={text} className="" /> : null;
  }
  return null;
}

/** News, content and venue pages: one component, a few type-specific parts (the venue page
 * shows its edition's address, a map link and its dates when `edition` is given). */
export function ContentPageView({ locale, page, edition = null }: { locale: Locale; page: PageDetail; edition?: EditionDetail | null }) {
  const t = dictionary(locale);
  const blocks = Array.isArray(page.body) ? (page.body as Block[]) : [];
  const venue = page.type === "venue" && edition ? edition.venue : null;
  const map = venue ? mapLink(venue) : null;
  return (
    <article data-testid="content-page" data-type={page.type} className={styles.page}>
      {page.year ? (
        <Breadcrumbs
          label={t.site.breadcrumb}
          items={[
            { href: links.edition(locale, page.year), text: `${t.edition} ${page.year}` },
            ...(page.type === "news" ? [{ href: links.news(locale), text: t.newsTitle }] : []),
          ]}
        />
      ) : null}
      <header className={styles.head}>
        {page.date ? (
          <p className={styles.date}>
            <time dateTime={page.date}>{formatDay(page.date, locale)}</time>
          </p>
        ) : null}
        <h1>{page.title}</h1>
        {page.intro ? <p className="lead">{page.intro}</p> : null}
      </header>
      <div className={venue ? styles.withSide : undefined}>
        {/* The venue first in the page's order: above the text on phones, beside it (placed) on wider screens. */}
        {venue && edition ? (
          <aside className={styles.side} aria-label={t.site.venueTitle}>
            <p className={styles.venueName}>{venue.name}</p>
            <p>
              <span className="visually-hidden">{t.site.address}: </span>
              {venueAddress(venue)}
            </p>
            <p className="muted">{formatDateRange(edition.start_date, edition.end_date, locale)}</p>
            {map ? (
              <a className="button" href={map} rel="noopener" data-testid="map-link">
                <Icon name="pin" size={18} />
                {t.site.viewOnMap}
              </a>
            ) : null}
        <div className="prose">
          {page.image ? <Picture image={page.image} size="card" alt="" className={styles.image} /> : null}
          {blocks.map((block, i) => (
            <BlockView key={block.id ?? i} block={block} />
          ))}
          {page.getting_there ? (
            <section aria-labelledby="getting-there">
              <h2 id="getting-there">{t.site.directions}</h2>
              <RichText html={page.getting_there} className="" />
            </section>
          ) : null}
          {page.accessibility ? (
            <section aria-labelledby="accessibility">
              <h2 id="accessibility">{t.site.accessibility}</h2>
              <RichText html={page.accessibility} className="" />
            </section>
          ) : null}
        </div>
          </aside>
        ) : null}
      </div>
    </article>
  );
}
