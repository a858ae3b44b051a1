"use client";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import type { Locale } from "@/lib/i18n";
import { hitHref, links, yearFromPath } from "@/lib/links";

interface Suggestion {
  id: string;
  kind: string;
  object_id: number;
  title: string;
  path: string;
  slug: string;
}

/** Search field with autocomplete (an ARIA combobox) fed by the API's suggest endpoint. */
export function SearchBox({ locale, initial, labels, hidden }: { locale: Locale; initial: string; labels: { placeholder: string; button: string; label: string }; hidden: Record<string, string> }) {
  const router = useRouter();
  const [value, setValue] = useState(initial);
  const [items, setItems] = useState<Suggestion[]>([]);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const seq = useRef(0);

  useEffect(() => {
    const q = value.trim();
    if (q.length < 2 || q === initial) {
      setItems([]);
      return;
    }
    const mine = ++seq.current;
    const timer = window.setTimeout(async () => {
      try {
        const res = await fetch(`/api/suggest?q=${encodeURIComponent(q)}&locale=${locale}`);
        const data = (await res.json()) as { suggestions?: Suggestion[] };
        if (mine === seq.current) {
          setItems(data.suggestions ?? []);
          setActive(-1);
          setOpen(true);
        }
      } catch {
        /* suggestions are optional */
      }
    }, 150);
    return () => window.clearTimeout(timer);
  }, [value, locale, initial]);

  const go = (s: Suggestion) => {
    const year = yearFromPath(s.path);
    router.push(hitHref(locale, { kind: s.kind, object_id: s.object_id, slug: s.slug, years: year ? [year] : [] }));
  };

  return (
    <form action={links.search(locale)} method="get" role="search" className="combo" onSubmit={() => setOpen(false)}>
      <label htmlFor={`${listId}-input`} className="skip">
        {labels.label}
      </label>
      <input
        id={`${listId}-input`}
        type="search"
        name="q"
        value={value}
        placeholder={labels.placeholder}
        autoComplete="off"
        role="combobox"
        aria-expanded={open && items.length > 0}
        aria-controls={`${listId}-list`}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        data-testid="search-input"
        onChange={(e) => setValue(e.target.value)}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (!open || !items.length) return;
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setActive((a) => (a + 1) % items.length);
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((a) => (a <= 0 ? items.length - 1 : a - 1));
          } else if (e.key === "Enter" && active >= 0) {
            e.preventDefault();
            go(items[active]!);
          } else if (e.key === "Escape") {
            setOpen(false);
          }
        }}
      />
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit">{labels.button}</button>
      {open && items.length ? (
        <ul role="listbox" id={`${listId}-list`} data-testid="suggestions" aria-label={labels.label}>
          {items.map((s, i) => (
            <li key={s.id} id={`${listId}-${i}`} role="option" aria-selected={i === active} onMouseDown={(e) => { e.preventDefault(); go(s); }}>
              {s.title}
            </li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
