import Link from "@/components/Link";
import styles from "./Breadcrumbs.module.css";

/** The way back up from a page: its edition, then what it belongs to ("›" between them). */
export function Breadcrumbs({ label, items }: { label: string; items: { href: string; text: string }[] }) {
  return (
    <nav aria-label={label} className={styles.crumbs}>
      <ol>
        {items.map((item) => (
          <li key={item.href}>
            <Link href={item.href}>{item.text}</Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
