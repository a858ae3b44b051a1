import type { Metadata } from "next";
import Link from "next/link";
import { Picture } from "@/components/Picture";
import { api } from "@/lib/api";
import { dictionary } from "@/lib/i18n";
import { links } from "@/lib/links";
import { alternates, localeOf } from "@/lib/site";

export async function generateMetadata({ params }: PageProps<"/[locale]/speakers">): Promise<Metadata> {
  const locale = localeOf((await params).locale);
  return { title: dictionary(locale).speakersTitle, alternates: alternates(locale, "/speakers") };
}

export default async function Speakers({ params }: PageProps<"/[locale]/speakers">) {
  const locale = localeOf((await params).locale);
  const t = dictionary(locale);
  const speakers = [...(await api.speakers(locale))].sort((a, b) => a.name.localeCompare(b.name, locale));
  return (
    <>
      <h1>{t.speakersTitle}</h1>
      <ul className="cards" data-testid="speakers">
        {speakers.map((s) => {
          const years = [...new Set(s.appearances.map((a) => a.session.year))].sort();
          return (
            <li key={s.id} className="card person">
              <Picture image={s.photo} size="thumbnail" alt="" />
              <div>
                <Link href={links.speaker(locale, s.id)}>{s.name}</Link>
                <div className="muted">{[s.job_title, s.organisation?.name].filter(Boolean).join(", ")}</div>
                <div>
                  {years.map((y) => (
                    <span key={y} className="year-badge">
                      {y}
                    </span>
                  ))}
                </div>
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
