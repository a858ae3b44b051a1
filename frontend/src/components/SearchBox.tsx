"use client";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import type { Locale } from "@/lib/i18n";
import { hitHref, links, yearFromPath } from "@/lib/links";
import styles from "./SearchBox.module.css";

interface Suggestion {
  id: string;
  kind: string;
  object_id: number;
  title: string;
  path: string;
  slug: string;
}

/**
 * Search field with autocomplete (an ARIA combobox) fed by the API's suggest endpoint.
 * Suggestions are asked for only once the visitor types: a query already in the box (a results
 * page, the back button) never opens the list over the results. The list closes on Escape, on
 * leaving the field and on submitting.
 */
export function SearchBox({ locale, initial, labels, hidden }: { locale: Locale; initial: string; labels: { placeholder: string; button: string; label: string }; hidden: Record<string, string> }) {
  const router = useRouter();
  const [value, setValue] = useState(initial);
  const [typed, setTyped] = useState(false);
  const [items, setItems] = useState<Suggestion[]>([]);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const seq = useRef(0);

  useEffect(() => {
    const q = value.trim();
    if (!typed || q.length < 2) {
      seq.current++;
      setItems([]);
      setOpen(false);
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
  }, [value, locale, typed]);

  const close = () => {
    seq.current++; // an answer still on its way must not reopen the list
    setOpen(false);
    setActive(-1);
  };

  const go = (s: Suggestion) => {
    close();
    const year = yearFromPath(s.path);
    router.push(hitHref(locale, { kind: s.kind, object_id: s.object_id, slug: s.slug, years: year ? [year] : [] }));
  };

  const expanded = open && items.length > 0;
  return (
    <form
      action={links.search(locale)}
      method="get"
      role="search"
      className={styles.form}
      onSubmit={() => {
        close();
        setTyped(false);
      }}
    >
      <label htmlFor={`${listId}-input`} className={styles.label}>
        {labels.label}
      </label>
      <div className={styles.field}>
        <input
          id={`${listId}-input`}
          className={styles.input}
          type="search"
          name="q"
          value={value}
          placeholder={labels.placeholder}
          autoComplete="off"
          role="combobox"
          aria-expanded={expanded}
          aria-controls={`${listId}-list`}
          aria-autocomplete="list"
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          data-testid="search-input"
          onChange={(e) => {
            setValue(e.target.value);
            setTyped(true);
          }}
          onBlur={() => window.setTimeout(close, 150)}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              if (expanded) e.preventDefault();
              close();
              return;
            }
            if (!expanded) return;
            if (e.key === "ArrowDown") {
              e.preventDefault();
              setActive((a) => (a + 1) % items.length);
            } else if (e.key === "ArrowUp") {
              e.preventDefault();
              setActive((a) => (a <= 0 ? items.length - 1 : a - 1));
            } else if (e.key === "Enter" && active >= 0) {
              e.preventDefault();
              go(items[active]!);
            }
          }}
        />
        {expanded ? (
          <ul role="listbox" id={`${listId}-list`} className={styles.list} data-testid="suggestions" aria-label={labels.label}>
            {items.map((s, i) => (
              <li
                key={s.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={styles.option}
                onMouseDown={(e) => {
                  e.preventDefault();
                  go(s);
                }}
              >
                {s.title}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" className={styles.button}>
        {labels.button}
      </button>
    </form>
  );
}
