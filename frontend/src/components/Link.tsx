"use client";
import NextLink from "next/link";
import { useRouter } from "next/navigation";
import type { ComponentProps, FocusEvent, MouseEvent, TouchEvent } from "react";
import { isSitePath } from "@/lib/links";

type Props = ComponentProps<typeof NextLink>;

/**
 * The site's link: a client-side navigation like next/link, whose page is fetched ahead when the
 * visitor reaches for it (pointer over it, a touch, keyboard focus), not when it scrolls into
 * view. A page such as the agenda shows dozens of links; fetching each one on sight costs the
 * phone's network and main thread while the page is still starting, for pages mostly never
 * opened. `prefetch={false}` turns the early fetch off altogether.
 */
export function Link({ prefetch, href, onMouseEnter, onTouchStart, onFocus, ...props }: Props) {
  const router = useRouter();
  const target = typeof href === "string" ? href : null;
  const early = prefetch !== false && target !== null && isSitePath(target);
  const reach = () => {
    if (early) router.prefetch(target);
  };
  return (
    <NextLink
      {...props}
      href={href}
      prefetch={false}
      onMouseEnter={(e: MouseEvent<HTMLAnchorElement>) => {
        reach();
        onMouseEnter?.(e);
      }}
      onTouchStart={(e: TouchEvent<HTMLAnchorElement>) => {
        reach();
        onTouchStart?.(e);
      }}
      onFocus={(e: FocusEvent<HTMLAnchorElement>) => {
        reach();
        onFocus?.(e);
      }}
    />
  );
}

export default Link;
