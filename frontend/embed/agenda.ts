/**
 * <conference-agenda edition="2027" lang="en" api="https://api.example.org"></conference-agenda>
 * An agenda for partner sites: one script, one custom element, styles isolated in shadow DOM (the
 * site's design tokens, src/styles/tokens.css, are bundled in: nothing comes from the page's CSS).
 * It reads /api/v1/editions/{year}/ and /api/v1/sessions/?year= (the API must allow the page's
 * origin in CORS). Without `api`, it asks the site it was loaded from (/embed/config.json) where
 * the API is, and falls back to that site's own origin.
 */
import tokens from "embed:tokens.css";
import { groupByDay, isBreak, nowNextMarks, timeSlots, todayIn, validTimeZone, type AgendaSession } from "../src/lib/agenda";
import { formatDay, formatTime } from "../src/lib/time";

interface EmbedSession extends AgendaSession {
  url: string | null;
}

interface EmbedEdition {
  title?: string;
  timezone?: string;
  tracks?: { slug: string; name: string; color: string }[];
}

const STYLE = `
:host{display:block;font-family:var(--font-sans);color:var(--color-fg);line-height:var(--leading);font-size:var(--text-base)}
*{box-sizing:border-box}
.wrap{border:1px solid var(--color-line);border-radius:var(--radius);padding:var(--space-3);background:var(--color-bg)}
h2{font-size:var(--text-xl);line-height:var(--leading-tight);margin:0 0 var(--space-2)}
h3{font-size:var(--text-base);margin:var(--space-3) 0 var(--space-1)}
ol,ul{list-style:none;margin:0;padding:0}
.legend{display:flex;flex-wrap:wrap;gap:var(--space-1) var(--space-4);font-size:var(--text-sm);margin-bottom:var(--space-2)}
.legend li{display:flex;align-items:center;gap:var(--space-2)}
.sw{width:12px;height:12px;border-radius:var(--radius-sm);background:var(--track,var(--color-line));flex:none}
.tabs{display:flex;flex-wrap:wrap;gap:var(--space-2);border-bottom:1px solid var(--color-line);padding-bottom:var(--space-2)}
.tabs button{font:inherit;font-size:var(--text-sm);font-weight:700;min-height:40px;padding:var(--space-1) var(--space-3);border:1px solid var(--color-line);border-radius:var(--radius);background:var(--color-bg);color:var(--color-fg);cursor:pointer;text-align:left;line-height:var(--leading-tight)}
.tabs button small{display:block;font-weight:400;font-size:var(--text-xs)}
.tabs button[aria-selected=true]{background:var(--color-primary);border-color:var(--color-primary);color:var(--color-primary-fg)}
button:focus-visible,a:focus-visible{outline:3px solid var(--color-focus);outline-offset:2px}
.slot{display:grid;grid-template-columns:3.5em minmax(0,1fr);gap:var(--space-3);padding:var(--space-2) 0;border-top:1px solid var(--color-line)}
.slot>time{font-weight:700;font-variant-numeric:tabular-nums;padding-top:var(--space-2)}
.items{display:grid;gap:var(--space-2)}
.session{border:1px solid var(--color-line);border-left:5px solid var(--track,var(--color-line));border-radius:var(--radius-sm);padding:var(--space-2) var(--space-3);font-size:var(--text-sm);line-height:var(--leading-tight);display:grid;gap:var(--space-1)}
.session[data-mark=now]{background:var(--color-now)}
.t{font-weight:600;color:var(--color-muted);font-variant-numeric:tabular-nums}
.title{font-size:var(--text-base);font-weight:650}
a{color:var(--color-primary)}
.meta{color:var(--color-muted);font-size:var(--text-xs)}
.break{background:var(--color-surface-2);border-radius:var(--radius-sm);padding:var(--space-1) var(--space-3);font-size:var(--text-sm)}
.break b{margin-left:var(--space-2)}
.badge{border-radius:var(--radius-full);padding:0 var(--space-2);font-size:var(--text-xs);font-weight:700;margin-left:var(--space-2);background:var(--color-primary);color:var(--color-primary-fg)}
.badge[data-mark=now]{background:var(--color-accent);color:var(--color-accent-fg)}
.x{border-radius:var(--radius-full);padding:0 var(--space-2);font-size:var(--text-xs);font-weight:700;margin-left:var(--space-2);background:var(--color-danger);color:var(--color-bg);white-space:nowrap}
.err{color:var(--color-danger)}
[hidden]{display:none!important}
@media (max-width:480px){.slot{grid-template-columns:1fr;gap:var(--space-1)}.slot>time{padding:0}.slot>time:empty{display:none}}
`;
const CSS = tokens.replace(/:root/g, ":host") + STYLE;

const T = {
  bg: { loading: "Зареждане на програмата…", error: "Програмата не можа да се зареди", none: "Още няма сесии.", edition: "Задайте edition=\"ГГГГ\".", day: "Ден", days: "Дни", tracks: "Направления", now: "Сега", next: "Следва", cancelled: "Отменена" },
  en: { loading: "Loading the agenda…", error: "The agenda could not be loaded", none: "No sessions yet.", edition: "Set edition=\"YYYY\".", day: "Day", days: "Days", tracks: "Tracks", now: "Now", next: "Next", cancelled: "Cancelled" },
};

function el(tag: string, text?: string | null, className?: string): HTMLElement {
  const node = document.createElement(tag);
  if (text) node.textContent = text;
  if (className) node.className = className;
  return node;
}

const script = typeof document !== "undefined" ? (document.currentScript as HTMLScriptElement | null) : null;
const SCRIPT_ORIGIN = script?.src ? new URL(script.src).origin : typeof location !== "undefined" ? location.origin : "";
let configured: Promise<string> | null = null;

/** The API address the serving site names in /embed/config.json (read once), else its own origin. */
function siteApi(): Promise<string> {
  configured ??= fetch(`${SCRIPT_ORIGIN}/embed/config.json`, { headers: { Accept: "application/json" } })
    .then((r) => (r.ok ? r.json() : {}))
    .then((c: { api?: unknown }) => (typeof c.api === "string" && /^https?:\/\//.test(c.api) ? c.api : SCRIPT_ORIGIN))
    .catch(() => SCRIPT_ORIGIN);
  return configured;
}

class ConferenceAgenda extends HTMLElement {
  static observedAttributes = ["edition", "lang", "api"];
  private root: ShadowRoot;
  private controller: AbortController | null = null;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: "open" });
  }

  connectedCallback() {
    void this.load();
  }

  attributeChangedCallback(_name: string, old: string | null, value: string | null) {
    if (old !== value && this.isConnected) void this.load();
  }

  disconnectedCallback() {
    this.controller?.abort();
  }

  private async load() {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const lang = this.getAttribute("lang") === "en" ? "en" : "bg";
    const t = T[lang];
    const edition = (this.getAttribute("edition") || "").trim();
    this.render([el("p", t.loading, "meta")]);
    try {
      if (!/^\d{4}$/.test(edition)) throw new Error(t.edition);
      const api = (this.getAttribute("api") || (await siteApi())).replace(/\/+$/, "");
      const get = async (path: string) => {
        const res = await fetch(`${api}/api/v1/${path}`, { signal: controller.signal, headers: { Accept: "application/json" } });
        if (!res.ok) throw new Error(`${res.status} ${path}`);
        return res.json();
      };
      const ed = (await get(`editions/${edition}/?locale=${lang}`)) as EmbedEdition;
      const sessions: EmbedSession[] = [];
      for (let page = 1; page < 20; page++) {
        const data = (await get(`sessions/?year=${edition}&locale=${lang}&page_size=100&page=${page}`)) as { results?: EmbedSession[]; next?: string | null };
        if (!Array.isArray(data.results)) throw new Error("Unexpected response");
        sessions.push(...data.results.filter((s) => typeof s.start === "string" && typeof s.end === "string" && typeof s.title === "string"));
        if (!data.next) break;
      }
      if (controller.signal.aborted) return;
      this.render(this.agenda(ed, edition, sessions, lang));
    } catch (error) {
      if (controller.signal.aborted) return;
      this.render([el("p", `${t.error}: ${(error as Error).message}`, "err")]);
    }
  }

  private agenda(ed: EmbedEdition, edition: string, sessions: EmbedSession[], lang: "bg" | "en"): HTMLElement[] {
    const t = T[lang];
    const zone = validTimeZone(ed.timezone);
    const out: HTMLElement[] = [el("h2", String(ed.title ?? edition))];
    const tracks = Array.isArray(ed.tracks) ? ed.tracks : [];
    if (tracks.length) {
      const legend = el("ul", null, "legend");
      legend.setAttribute("aria-label", t.tracks);
      for (const tr of tracks) {
        const li = el("li");
        const sw = el("span", null, "sw");
        sw.style.setProperty("--track", tr.color);
        li.append(sw, tr.name);
        legend.append(li);
      }
      out.push(legend);
    }
    if (!sessions.length) return [...out, el("p", t.none, "meta")];

    const days = groupByDay(sessions, zone);
    const now = new Date();
    const today = todayIn(days.map((d) => d.day), now, zone);
    const marks = today ? nowNextMarks(sessions, now) : new Map<number, "now" | "next">();
    const selected = today ?? days[0]!.day;
    const uid = Math.random().toString(36).slice(2, 8);
    const tabs = el("div", null, "tabs");
    tabs.setAttribute("role", "tablist");
    tabs.setAttribute("aria-label", t.days);
    const buttons: HTMLButtonElement[] = [];
    const panels: HTMLElement[] = [];
    const select = (i: number, focus = false) => {
      buttons.forEach((b, j) => {
        b.setAttribute("aria-selected", String(i === j));
        b.tabIndex = i === j ? 0 : -1;
        panels[j]!.hidden = i !== j;
      });
      if (focus) buttons[i]!.focus();
    };
    days.forEach(({ day, sessions: list }, i) => {
      const button = el("button") as HTMLButtonElement;
      button.type = "button";
      button.id = `t${uid}${i}`;
      button.setAttribute("role", "tab");
      button.setAttribute("aria-controls", `p${uid}${i}`);
      button.append(`${t.day} ${i + 1}`, el("small", formatDay(day, lang, true)));
      button.addEventListener("click", () => select(i));
      button.addEventListener("keydown", (e) => {
        const to = e.key === "ArrowRight" ? i + 1 : e.key === "ArrowLeft" ? i - 1 : null;
        if (to === null) return;
        e.preventDefault();
        select((to + days.length) % days.length, true);
      });
      buttons.push(button);
      tabs.append(button);

      const panel = el("div");
      panel.id = `p${uid}${i}`;
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", button.id);
      panel.append(el("h3", formatDay(day, lang, true)));
      const ol = el("ol");
      for (const slot of timeSlots(list)) {
        const li = el("li", null, "slot");
        // The start once per slot (a slot of breaks only: the break line says its time).
        const time = el("time", slot.breaksOnly ? "" : formatTime(slot.start, lang, zone));
        time.setAttribute("datetime", slot.start);
        time.setAttribute("aria-hidden", "true");
        const items = el("ul", null, "items");
        for (const s of slot.sessions) items.append(this.item(s, lang, zone, marks.get(s.id)));
        li.append(time, items);
        ol.append(li);
      }
      panel.append(ol);
      panels.push(panel);
    });
    select(days.findIndex((d) => d.day === selected));
    return [...out, tabs, ...panels];
  }

  private item(s: EmbedSession, lang: "bg" | "en", zone: string, mark: "now" | "next" | undefined): HTMLElement {
    const t = T[lang];
    const range = `${formatTime(s.start, lang, zone)}–${formatTime(s.end, lang, zone)}`;
    const when = el("time", range, "t");
    when.setAttribute("datetime", s.start);
    const badge = mark ? el("span", mark === "now" ? t.now : t.next, "badge") : null;
    badge?.setAttribute("data-mark", mark!);
    // A cancelled session keeps its place: title struck through, "cancelled" in words beside it.
    const struck = () => el("s", s.title);
    const cancelled = s.cancelled ? el("span", t.cancelled, "x") : null;
    if (isBreak(s)) {
      // Breaks: one slim line across the list; not a session to open.
      const li = el("li", null, "break");
      li.dataset.sessionId = String(s.id);
      const b = el("b");
      b.append(s.cancelled ? struck() : s.title);
      li.append(when, b);
      if (cancelled) li.append(cancelled);
      if (badge) li.append(badge);
      return li;
    }
    const li = el("li", null, "session");
    li.dataset.sessionId = String(s.id);
    if (mark) li.dataset.mark = mark;
    if (s.track?.color) li.style.setProperty("--track", s.track.color);
    const head = el("div");
    head.append(when);
    if (badge) head.append(badge);
    const title = el("div", null, "title");
    if (s.url && /^https?:\/\//.test(s.url)) {
      const a = el("a", s.cancelled ? null : s.title) as HTMLAnchorElement;
      if (s.cancelled) a.append(struck());
      a.href = s.url;
      a.target = "_top";
      title.append(a);
    } else title.append(s.cancelled ? struck() : s.title);
    if (cancelled) title.append(" ", cancelled);
    li.append(head, title);
    const meta = [s.type_label, s.room?.name, s.track?.name].filter(Boolean).join(" · ");
    if (meta) li.append(el("div", meta, "meta"));
    const speakers = Array.isArray(s.speakers) ? s.speakers.map((sp) => sp.name).join(", ") : "";
    if (speakers) li.append(el("div", speakers));
    return li;
  }

  private render(children: HTMLElement[]) {
    const style = el("style");
    style.textContent = CSS;
    const wrap = el("div", null, "wrap");
    wrap.setAttribute("part", "agenda");
    wrap.append(...children);
    this.root.replaceChildren(style, wrap);
  }
}

if (typeof customElements !== "undefined" && !customElements.get("conference-agenda")) customElements.define("conference-agenda", ConferenceAgenda);
