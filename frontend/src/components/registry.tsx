/**
 * From API content type to the component that renders it (as in wagtail/bakerydemo-nextjs).
 * Used by the content route (/[locale]/[year]/[slug]) and by draft preview.
 */
import type { ReactElement } from "react";
import type { Locale } from "@/lib/i18n";
import * as S from "@/lib/schemas";
import { ContentPageView } from "./ContentPageView";
import { EditionHome } from "./EditionHome";
import { SessionView } from "./SessionView";

type Renderer = (locale: Locale, data: unknown) => ReactElement;

const sessionRenderer: Renderer = (locale, data) => <SessionView locale={locale} session={S.SessionDetail.parse(data)} />;
const pageRenderer: Renderer = (locale, data) => <ContentPageView locale={locale} page={S.PageDetail.parse(data)} />;
const editionRenderer: Renderer = (locale, data) => <EditionHome locale={locale} edition={S.EditionDetail.parse(data)} speakers={[]} pages={[]} />;

export const registry: Record<string, Renderer> = {
  "conference.sessionpage": sessionRenderer,
  "conference.editionpage": editionRenderer,
  "conference.newspage": pageRenderer,
  "conference.standardpage": pageRenderer,
  "conference.venuepage": pageRenderer,
  // The same components by the API's short page types.
  session: sessionRenderer,
  edition: editionRenderer,
  news: pageRenderer,
  standard: pageRenderer,
  venue: pageRenderer,
};

export function renderContent(type: string, locale: Locale, data: unknown): ReactElement | null {
  const render = registry[type];
  return render ? render(locale, data) : null;
}
