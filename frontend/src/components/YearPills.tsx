import type { CSSProperties } from "react";
import Link from "@/components/Link";
import styles from "./YearPills.module.css";

/** A row of edition filters as pills (years, "All years"): the current one marked aria-current. */
export function YearPills({
  label,
  items,
  after,
  testId,
}: {
  label: string;
  items: { href: string; text: string | number; current: boolean }[];
  /** The space below the row. */
  after?: string;
  testId?: string;
}) {
  const style = after ? ({ "--pills-after": after } as CSSProperties) : undefined;
  return (
    <nav className={styles.pills} aria-label={label} data-testid={testId} style={style}>
      <ul className="row-list">
        {items.map((item) => (
          <li key={item.href}>
            <Link href={item.href} aria-current={item.current ? "page" : undefined} className="chip">
              {item.text}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
