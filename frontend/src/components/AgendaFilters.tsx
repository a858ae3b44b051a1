"use client";
import { useId, useState } from "react";
import { activeFilters, type AgendaFilters as Filters, type FilterKey, type FilterOptions, type Option } from "@/lib/agenda";
import type { AgendaText } from "@/lib/i18n";
import styles from "./AgendaFilters.module.css";

/**
 * The agenda's filters: inline menus on wider screens, one "Filters (n)" disclosure on phones;
 * the filters in force as removable chips on every screen.
 */
export function AgendaFilters({
  t,
  options,
  filters,
  onChange,
}: {
  t: AgendaText;
  options: FilterOptions;
  filters: Filters;
  onChange: (filters: Filters) => void;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const active = activeFilters(filters);
  const menus: { key: FilterKey; label: string; items: Option[] }[] = [
    { key: "track", label: t.track, items: options.tracks },
    { key: "type", label: t.type, items: options.types },
    { key: "topic", label: t.topic, items: options.topics },
    { key: "language", label: t.language, items: options.languages.map((l) => ({ value: l, label: t.languages[l] ?? l })) },
    { key: "room", label: t.room, items: options.rooms },
  ];
  // A menu with one value or none filters nothing, unless that value is in force (from a link).
  const shown = menus.filter((m) => m.items.length > 1 || filters[m.key]);
  const labelOf = (key: FilterKey) => {
    const menu = menus.find((m) => m.key === key)!;
    return `${menu.label}: ${menu.items.find((i) => i.value === filters[key])?.label ?? filters[key]}`;
  };
  const set = (key: FilterKey, value: string | undefined) => onChange({ ...filters, [key]: value || undefined });

  return (
    <div className={styles.filters}>
      <button
        type="button"
        className={styles.toggle}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
        data-testid="filters-toggle"
      >
        <svg aria-hidden="true" className={styles.icon} viewBox="0 0 16 16" width="16" height="16">
          <path d="M1.5 2h13l-5 6.2V13l-3 1.5V8.2z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
        </svg>
        {t.filters}
        {active.length ? ` (${active.length})` : ""}
      </button>
      <fieldset id={panelId} className={styles.panel} data-open={open || undefined} data-testid="filters-panel">
        <legend className={styles.legend}>{t.filters}</legend>
        {shown.map((m) => (
          <label key={m.key} className={styles.field}>
            <span>{m.label}</span>
            <select value={filters[m.key] ?? ""} onChange={(e) => set(m.key, e.target.value)} data-testid={`filter-${m.key}`}>
              <option value="">{t.all}</option>
              {m.items.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
              {filters[m.key] && !m.items.some((o) => o.value === filters[m.key]) ? <option value={filters[m.key]}>{filters[m.key]}</option> : null}
            </select>
          </label>
        ))}
      </fieldset>
      {active.length ? (
        <ul className={styles.chips} aria-label={t.agendaView.activeFilters} data-testid="filter-chips">
          {active.map((key) => (
            <li key={key}>
              <button
                type="button"
                className={styles.chip}
                onClick={() => set(key, undefined)}
                aria-label={`${t.agendaView.removeFilter}: ${labelOf(key)}`}
                data-testid="filter-chip"
                data-key={key}
              >
                {labelOf(key)}
                <span aria-hidden="true" className={styles.x}>
                  ×
                </span>
              </button>
            </li>
          ))}
          {active.length > 1 ? (
            <li>
              <button type="button" className={styles.clear} onClick={() => onChange({})} data-testid="filters-clear">
                {t.clearFilters}
              </button>
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
