import type { Metadata } from "next";
import Link from "next/link";
import { SearchBox } from "@/components/SearchBox";
import { api } from "@/lib/api";
import { dictionary } from "@/lib/i18n";
import { hitHref, links } from "@/lib/links";
import { sanitizeHighlight } from "@/lib/sanitize";
import { alternates, localeOf } from "@/lib/site";

const FACETS = ["year", "kind", "type", "track", "topic", "industry", "language"] as const;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export async function generateMetadata({ params }: PageProps<"/[locale]/search">): Promise<Metadata> {
  const locale = localeOf((await params).locale);
  return { title: dictionary(locale).searchTitle, alternates: alternates(locale, "/search"), robots: { index: false } };
}

export default async function SearchPage({ params, searchParams }: PageProps<"/[locale]/search">) {
  const locale = localeOf((await params).locale);
  const t = dictionary(locale);
  const sp = await searchParams;
  const q = one(sp.q).trim().slice(0, 200);
  const selected: Record<string, string> = {};
  for (const f of FACETS) if (one(sp[f])) selected[f] = one(sp[f]);
  const page = Math.max(1, Number(one(sp.page)) || 1);
  const result = q ? await api.search({ q, locale, page, page_size: 20, ...selected }) : null;
  const href = (changes: Record<string, string | undefined>) => {
    const params = new URLSearchParams({ q, ...selected });
    for (const [k, v] of Object.entries(changes)) (v ? params.set(k, v) : params.delete(k));
    return `${links.search(locale)}?${params}`;
  };
  return (
    <>
      <h1>{t.searchTitle}</h1>
      <SearchBox locale={locale} initial={q} labels={{ placeholder: t.searchPlaceholder, button: t.searchButton, label: t.searchTitle }} hidden={{}} />
      {result ? (
        <div className="search-layout">
          <aside aria-label={t.filters} data-testid="facets">
            {FACETS.map((f) =>
              result.facets[f].length ? (
                <div key={f} className="facet">
                  <h2 style={{ fontSize: "1rem" }}>{t.facets[f]}</h2>
                  <ul>
                    {result.facets[f].map((v) => (
                      <li key={v.value}>
                        {selected[f] === v.value ? (
                          <Link href={href({ [f]: undefined, page: undefined })} aria-current="true">
                            <strong>{v.label}</strong> ({v.count}) ✕
                          </Link>
                        ) : (
                          <Link href={href({ [f]: v.value, page: undefined })} data-facet={f} data-value={v.value}>
                            {v.label} ({v.count})
                          </Link>
                        )}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null,
            )}
            {Object.keys(selected).length ? <Link href={`${links.search(locale)}?q=${encodeURIComponent(q)}`}>{t.clearFilters}</Link> : null}
          </aside>
          <section aria-live="polite">
            <p data-testid="search-total">
              {result.total} {t.results}
            </p>
            {result.results.length ? (
              <ol className="results" data-testid="search-results">
                {result.results.map((hit) => (
                  <li key={hit.id} data-kind={hit.kind}>
                    {[...hit.years].sort().map((y) => (
                      <span key={y} className="year-badge" data-testid="result-year">
                        {y}
                      </span>
                    ))}
                    <Link href={hitHref(locale, hit)} dangerouslySetInnerHTML={{ __html: sanitizeHighlight(hit.title_highlighted || hit.title) }} />
                    <span className="muted"> · {t.facets.kind}: {hit.kind}</span>
                    {hit.snippet ? <p dangerouslySetInnerHTML={{ __html: sanitizeHighlight(hit.snippet) }} /> : null}
                  </li>
                ))}
              </ol>
            ) : (
              <p>{t.noResults}</p>
            )}
            {result.pages > 1 ? (
              <nav aria-label={t.page}>
                {page > 1 ? <Link href={href({ page: String(page - 1) })}>←</Link> : null} {t.page} {page} / {result.pages}{" "}
                {page < result.pages ? <Link href={href({ page: String(page + 1) })}>→</Link> : null}
              </nav>
            ) : null}
          </section>
        </div>
      ) : null}
    </>
  );
}
