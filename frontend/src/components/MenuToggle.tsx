"use client";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import styles from "./Header.module.css";

/**
 * The phone menu's button (progressive enhancement: without JavaScript the menu is simply open).
 * It shows or hides the element `controls` (data-open), closes on Escape (focus back on the
 * button), on a click outside and on navigation.
 */
export function MenuToggle({ controls, openLabel, closeLabel }: { controls: string; openLabel: string; closeLabel: string }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();

  useEffect(() => setOpen(false), [pathname]);

  useEffect(() => {
    const panel = document.getElementById(controls);
    if (!panel) return;
    panel.toggleAttribute("data-open", open);
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onPointer = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!panel.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("click", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("click", onPointer);
    };
  }, [open, controls]);

  return (
    <button
      ref={button}
      type="button"
      className={styles.toggle}
      aria-expanded={open}
      aria-controls={controls}
      data-testid="menu-button"
      onClick={() => setOpen((value) => !value)}
    >
      <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true" focusable="false">
        <path d={open ? "M6 6l12 12M18 6 6 18" : "M4 7h16M4 12h16M4 17h16"} />
      </svg>
      <span>{open ? closeLabel : openLabel}</span>
    </button>
  );
}
