import type { Metadata } from "next";
import Link from "@/components/Link";
import { SearchBox } from "@/components/SearchBox";
import { api } from "@/lib/api";
import { dictionary, type Dictionary, type Locale } from "@/lib/i18n";
import { hitHref, links } from "@/lib/links";
import { sanitizeHighlight } from "@/lib/sanitize";
import type { SearchHit, SearchResult } from "@/lib/schemas";
import { alternates, localeOf } from "@/lib/site";
import styles from "./search.module.css";

const FACETS = ["year", "kind", "type", "track", "topic", "industry", "language"] as const;
const PAGE_SIZE = 20;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export async function generateMetadata({ params }: PageProps<"/[locale]/search">): Promise<Metadata> {
  const locale = localeOf((await params).locale);
  return { title: dictionary(locale).searchTitle, alternates: alternates(locale, "/search"), robots: { index: false } };
}

/** Page numbers to link: the first, the last and two either side of the current one. */
function pageNumbers(page: number, pages: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let n = 1; n <= pages; n++) {
    if (n === 1 || n === pages || Math.abs(n - page) <= 2) out.push(n);
    else if (out[out.length - 1] !== null) out.push(null);
  }
  return out;
}

function Hit({ hit, locale, t }: { hit: SearchHit; locale: Locale; t: Dictionary }) {
  // A fallback is in the other language: say so, and tell the browser (screen readers, hyphenation).
  const lang = hit.fallback ? hit.locale : undefined;
  return (
    <li className={styles.card} data-kind={hit.kind} data-testid="search-hit">
      <div className={styles.meta}>
        <span className={styles.kind} data-testid="result-kind">
          {hit.kind_label}
        </span>
        {hit.type_label ? (
          <span className={styles.type} data-testid="result-type">
            {hit.type_label}
          </span>
        ) : null}
        {[...hit.years].sort().map((y) => (
          <span key={y} className={styles.year} data-testid="result-year">
            {y}
          </span>
        ))}
        {hit.fallback ? (
          <span className={styles.fallback} data-testid="fallback-note">
            {t.searchPage.inLanguage[hit.locale] ?? hit.locale}
          </span>
        ) : null}
      </div>
      <h3 className={styles.title} lang={lang}>
        <Link href={hitHref(locale, hit)} dangerouslySetInnerHTML={{ __html: sanitizeHighlight(hit.title_highlighted || hit.title) }} />
      </h3>
      {hit.snippet ? (
        <p className={styles.snippet} lang={lang}>
          {hit.snippet_field === "speakers" ? <span className={styles.snippetLabel}>{t.searchPage.speakers} </span> : null}
          <span dangerouslySetInnerHTML={{ __html: sanitizeHighlight(hit.snippet) }} />
        </p>
      ) : null}
    </li>
  );
}

function Facets({ result, selected, href, t }: { result: SearchResult; selected: Record<string, string>; href: (c: Record<string, string | undefined>) => string; t: Dictionary }) {
  return (
    <div className={styles.facets} data-testid="facets">
      {FACETS.map((f) =>
        result.facets[f].length ? (
          <section key={f} className={styles.facet} aria-labelledby={`facet-${f}`}>
            <h3 id={`facet-${f}`} className={styles.facetTitle}>
              {t.facets[f]}
            </h3>
            <ul className={styles.facetList}>
              {result.facets[f].map((v) => (
                <li key={v.value}>
                  {selected[f] === v.value ? (
                    <Link href={href({ [f]: undefined, page: undefined })} aria-current="true" className={`${styles.facetLink} ${styles.facetActive}`}>
                      <span className={styles.facetLabel}>{v.label}</span>
                      <span className={styles.count}>{v.count}</span>
                      <span aria-hidden="true">✕</span>
                    </Link>
                  ) : (
                    <Link href={href({ [f]: v.value, page: undefined })} data-facet={f} data-value={v.value} className={styles.facetLink}>
                      <span className={styles.facetLabel}>{v.label}</span>
                      <span className={styles.count}>{v.count}</span>
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ) : null,
      )}
    </div>
  );
}

export default async function SearchPage({ params, searchParams }: PageProps<"/[locale]/search">) {
  const locale = localeOf((await params).locale);
  const t = dictionary(locale);
  const sp = await searchParams;
  const q = one(sp.q).trim().slice(0, 200);
  const selected: Record<string, string> = {};
  for (const f of FACETS) if (one(sp[f])) selected[f] = one(sp[f]);
  const active = Object.keys(selected).length;
  const page = Math.max(1, Math.floor(Number(one(sp.page))) || 1);
  const result = q || active ? await api.search({ q, locale, page, page_size: PAGE_SIZE, ...selected }) : null;
  const href = (changes: Record<string, string | undefined>) => {
    const params = new URLSearchParams({ q, ...selected });
    for (const [k, v] of Object.entries(changes)) (v ? params.set(k, v) : params.delete(k));
    return `${links.search(locale)}?${params}`;
  };
  const pageHref = (n: number) => href({ page: n > 1 ? String(n) : undefined });
  return (
    <>
      <h1>{t.searchTitle}</h1>
      <SearchBox key={q} locale={locale} initial={q} labels={{ placeholder: t.searchPlaceholder, button: t.searchButton, label: t.searchTitle }} hidden={{}} />
      {result?.did_you_mean ? (
        <p className={styles.didYouMean} data-testid="did-you-mean">
          {t.searchPage.didYouMean}{" "}
          <Link href={href({ q: result.did_you_mean, page: undefined })}>
            <strong>{result.did_you_mean}</strong>
          </Link>
          ?
        </p>
      ) : null}
      {result ? (
        <div className={styles.layout}>
          <details className={styles.filters} data-testid="filters">
            <summary className={styles.filtersToggle} data-testid="filters-toggle">
              {t.filters}
              {active ? ` (${active})` : ""}
            </summary>
            <div className={styles.filtersBody}>
              <h2 className={styles.filtersHeading}>{t.filters}</h2>
              <Facets result={result} selected={selected} href={href} t={t} />
              {active ? (
                <Link className={styles.clear} href={q ? `${links.search(locale)}?q=${encodeURIComponent(q)}` : links.search(locale)}>
                  {t.clearFilters}
                </Link>
              ) : null}
            </div>
          </details>
          <section className={styles.results} aria-labelledby="search-results-heading">
            <h2 id="search-results-heading" className={styles.hidden}>
              {t.searchPage.resultsLabel}
            </h2>
            <p className={styles.total} data-testid="search-total" aria-live="polite">
              {result.total} {result.total === 1 ? t.searchPage.oneResult : t.results}
            </p>
            {result.results.length ? (
              <ol className={styles.list} data-testid="search-results">
                {result.results.map((hit) => (
                  <Hit key={hit.id} hit={hit} locale={locale} t={t} />
                ))}
              </ol>
            ) : (
              <p className={styles.empty}>{t.noResults}</p>
            )}
            {result.pages > 1 ? (
              <nav className={styles.pager} aria-label={t.page} data-testid="pagination">
                {page > 1 ? (
                  <Link className={styles.pagerStep} href={pageHref(page - 1)} rel="prev">
                    <span aria-hidden="true">← </span>
                    {t.searchPage.previous}
                  </Link>
                ) : null}
                <ol className={styles.pagerPages}>
                  {pageNumbers(page, result.pages).map((n, i) =>
                    n === null ? (
                      <li key={`gap-${i}`} aria-hidden="true" className={styles.pagerGap}>
                        …
                      </li>
                    ) : (
                      <li key={n}>
                        <Link
                          className={styles.pagerPage}
                          href={pageHref(n)}
                          aria-current={n === page ? "page" : undefined}
                          aria-label={t.searchPage.pageOf.replace("{page}", String(n)).replace("{pages}", String(result.pages))}
                        >
                          {n}
                        </Link>
                      </li>
                    ),
                  )}
                </ol>
                {page < result.pages ? (
                  <Link className={styles.pagerStep} href={pageHref(page + 1)} rel="next">
                    {t.searchPage.next}
                    <span aria-hidden="true"> →</span>
                  </Link>
                ) : null}
              </nav>
            ) : null}
          </section>
        </div>
      ) : null}
    </>
  );
}
