"use client";
import { useRouter } from "next/navigation";
import { useEffect, type RefObject } from "react";
import { isSitePath } from "@/lib/links";

/** Marks the plain links this hook serves (a Link component inside the root navigates by itself). */
export const AGENDA_LINK = "data-agenda-link";

/** The site-internal link (a path on this site, marked AGENDA_LINK) an event happened on, inside `root`. */
function internalLink(root: HTMLElement, event: Event): { link: HTMLAnchorElement; href: string } | null {
  const target = event.target;
  const link = target instanceof Element ? target.closest<HTMLAnchorElement>(`a[href][${AGENDA_LINK}]`) : null;
  if (!link || !root.contains(link)) return null;
  const href = link.getAttribute("href") ?? "";
  if (!isSitePath(href)) return null;
  if ((link.target && link.target !== "_self") || link.hasAttribute("download")) return null;
  return { link, href };
}

/**
 * Client-side navigation for the plain links inside `root` marked AGENDA_LINK, as the site's Link gives each of its
 * links: a plain click opens the page without reloading the site, and the page is fetched ahead
 * when the visitor reaches for a link (pointer, touch, focus). One set of listeners serves every
 * link of a long agenda, so starting the page costs no component per link; a click with a
 * modifier key, or any click before this runs, is the browser's ordinary navigation.
 */
export function useAgendaLinks(root: RefObject<HTMLElement | null>) {
  const router = useRouter();
  useEffect(() => {
    const element = root.current;
    if (!element) return;
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const hit = internalLink(element, event);
      if (!hit) return;
      event.preventDefault();
      router.push(hit.href);
    };
    const onReach = (event: Event) => {
      const hit = internalLink(element, event);
      if (hit) router.prefetch(hit.href);
    };
    element.addEventListener("click", onClick);
    element.addEventListener("pointerover", onReach, { passive: true });
    element.addEventListener("touchstart", onReach, { passive: true });
    element.addEventListener("focusin", onReach);
    return () => {
      element.removeEventListener("click", onClick);
      element.removeEventListener("pointerover", onReach);
      element.removeEventListener("touchstart", onReach);
      element.removeEventListener("focusin", onReach);
    };
  }, [root, router]);
}
