import Link from "@/components/Link";
import type { ReactNode } from "react";
import type { ImageT } from "@/lib/schemas";
import { Picture } from "./Picture";
import styles from "./SpeakerCard.module.css";

/** A person as a card: photo, name (linked to their page), job and organisation, and extras. */
export function SpeakerCard({
  href,
  name,
  photo,
  subtitle,
  layout = "row",
  children,
}: {
  href: string;
  name: string;
  photo: ImageT | null;
  subtitle?: string;
  layout?: "row" | "tile";
  children?: ReactNode;
}) {
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0])
    .join("");
  return (
    <div className={styles.card} data-layout={layout}>
      <div className={styles.photo}>
        {photo ? (
          <Picture image={photo} size={layout === "tile" ? "square" : "thumbnail"} alt="" className={styles.img} />
        ) : (
          <span className={styles.initials} aria-hidden="true">
            {initials}
          </span>
        )}
      </div>
      <div className={styles.body}>
        <Link href={href} className={styles.name}>
          {name}
        </Link>
        {subtitle ? <p className={styles.subtitle}>{subtitle}</p> : null}
        {children}
      </div>
    </div>
  );
}
