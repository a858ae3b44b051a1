import type { Metadata } from "next";
import { MyAgenda } from "@/components/MyAgenda";
import { PUBLIC_API_URL } from "@/lib/api";
import { dictionary } from "@/lib/i18n";
import { alternates, localeOf } from "@/lib/site";

export async function generateMetadata({ params }: PageProps<"/[locale]/my-agenda">): Promise<Metadata> {
  const locale = localeOf((await params).locale);
  return { title: dictionary(locale).myAgendaTitle, alternates: alternates(locale, "/my-agenda"), robots: { index: false } };
}

export default async function MyAgendaPage({ params }: PageProps<"/[locale]/my-agenda">) {
  const locale = localeOf((await params).locale);
  const t = dictionary(locale);
  return (
    <>
      <h1>{t.myAgendaTitle}</h1>
      <MyAgenda locale={locale} t={t} apiUrl={PUBLIC_API_URL} />
    </>
  );
}
