"use client";
import Link from "@/components/Link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** A navigation link marked aria-current="page" on its page and below it (and below `also`);
 * `exact`: on those pages only. */
export function NavLink({ href, also = [], exact = false, className, children }: { href: string; also?: string[]; exact?: boolean; className?: string; children: ReactNode }) {
  const pathname = usePathname();
  const under = (base: string) => pathname === base || (!exact && base.split("/").length > 2 && pathname.startsWith(`${base}/`));
  const current = under(href) || also.some(under);
  return (
    <Link href={href} className={className} aria-current={current ? "page" : undefined}>
      {children}
    </Link>
  );
}
