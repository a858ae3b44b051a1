import { draftMode } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { renderContent } from "@/components/registry";
import { api, ApiError } from "@/lib/api";
import { dictionary } from "@/lib/i18n";
import { localeOf } from "@/lib/site";

export const metadata = { robots: { index: false, follow: false } };

/** A draft, rendered with the component the registry gives its content type. */
export default async function Preview({ params, searchParams }: PageProps<"/[locale]/preview">) {
  const locale = localeOf((await params).locale);
  const sp = await searchParams;
  const contentType = typeof sp.content_type === "string" ? sp.content_type : "";
  const token = typeof sp.token === "string" ? sp.token : "";
  if (!(await draftMode()).isEnabled) {
    redirect(`/api/preview?${new URLSearchParams({ content_type: contentType, token, locale })}`);
  }
  let data: Record<string, unknown>;
  try {
    data = await api.preview(contentType, token);
  } catch (error) {
    if (error instanceof ApiError && [400, 403, 404].includes(error.status)) notFound();
    throw error;
  }
  // {content_type, preview: true, page: {...}}: the page as its own detail route shows it.
  const draft = (data.page && typeof data.page === "object" ? data.page : data) as Record<string, unknown>;
  const draftLocale = draft.locale === "en" || draft.locale === "bg" ? draft.locale : locale;
  if (draftLocale !== locale) redirect(`/${draftLocale}/preview?${new URLSearchParams({ content_type: contentType, token })}`);
  const element = renderContent(contentType, draftLocale, draft);
  if (!element) notFound();
  return (
    <div data-testid="preview">
      <p className="muted">{dictionary(locale).preview}</p>
      {element}
    </div>
  );
}
