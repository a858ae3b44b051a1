import { notFound, redirect } from "next/navigation";
import { api } from "@/lib/api";
import { links } from "@/lib/links";
import { localeOf } from "@/lib/site";

/** A session by id (either language's id works): redirects to its page. */
export default async function SessionById({ params }: PageProps<"/[locale]/sessions/[id]">) {
  const p = await params;
  const locale = localeOf(p.locale);
  if (!/^\d+$/.test(p.id)) notFound();
  const session = await api.session(p.id, locale);
  if (!session) notFound();
  redirect(links.content(locale, session.year, session.slug));
}
