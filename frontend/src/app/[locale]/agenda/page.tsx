import { notFound, redirect } from "next/navigation";
import { currentEdition, localeOf } from "@/lib/site";

/** /bg/agenda: the agenda of the current edition. */
export default async function CurrentAgenda({ params, searchParams }: PageProps<"/[locale]/agenda">) {
  const locale = localeOf((await params).locale);
  const edition = await currentEdition(locale);
  if (!edition) notFound();
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) if (typeof v === "string") q.set(k, v);
  redirect(`/${locale}/${edition.year}/agenda${q.size ? `?${q}` : ""}`);
}
