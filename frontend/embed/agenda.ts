/**
 * <conference-agenda edition="2027" lang="en" api="https://api.example.org"></conference-agenda>
 * An agenda for partner sites: one script, one custom element, styles isolated in shadow DOM.
 * It reads /api/v1/editions/{year}/ and /api/v1/sessions/?year= (the API must allow the page's origin in CORS).
 */
import { groupByDay, sortSessions, type AgendaSession } from "../src/lib/agenda";
import { formatDay, formatTimeRange } from "../src/lib/time";

interface EmbedSession extends AgendaSession {
  url: string | null;
}

const STYLE = `
:host { display: block; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1b1f24; line-height: 1.45; }
* { box-sizing: border-box; }
.wrap { border: 1px solid #d5dae0; border-radius: 8px; padding: 12px; background: #fff; }
h2 { font-size: 1.15rem; margin: 0 0 8px; }
h3 { font-size: 1rem; margin: 12px 0 4px; color: #0b5cad; }
ol { list-style: none; margin: 0; padding: 0; }
li { display: grid; grid-template-columns: 7.5em 1fr; gap: 4px 10px; padding: 6px 0; border-top: 1px solid #eef0f3; }
time { font-variant-numeric: tabular-nums; font-weight: 600; }
.meta { color: #4d5560; font-size: 0.85rem; }
a { color: #0b5cad; }
.err { color: #9b1c1c; }
@media (max-width: 420px) { li { grid-template-columns: 1fr; } }
`;

function text(tag: string, value: string, className?: string): HTMLElement {
  const el = document.createElement(tag);
  el.textContent = value;
  if (className) el.className = className;
  return el;
}

function defaultApi(): string {
  const script = document.currentScript as HTMLScriptElement | null;
  return script?.src ? new URL(script.src).origin : window.location.origin;
}
const SCRIPT_API = typeof document !== "undefined" ? defaultApi() : "";

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
    const api = (this.getAttribute("api") || SCRIPT_API).replace(/\/+$/, "");
    const edition = (this.getAttribute("edition") || "").trim();
    this.render([text("p", lang === "en" ? "Loading the agenda…" : "Зареждане на програмата…", "meta")]);
    try {
      if (!/^\d{4}$/.test(edition)) throw new Error(lang === "en" ? "Set edition=\"YYYY\"." : "Задайте edition=\"ГГГГ\".");
      const get = async (path: string) => {
        const res = await fetch(`${api}/api/v1/${path}`, { signal: controller.signal, headers: { Accept: "application/json" } });
        if (!res.ok) throw new Error(`${res.status} ${path}`);
        return res.json();
      };
      const ed = (await get(`editions/${edition}/?locale=${lang}`)) as { title?: string };
      const sessions: EmbedSession[] = [];
      for (let page = 1; page < 20; page++) {
        const data = (await get(`sessions/?year=${edition}&locale=${lang}&page_size=100&page=${page}`)) as { results?: EmbedSession[]; next?: string | null };
        if (!Array.isArray(data.results)) throw new Error("Unexpected response");
        sessions.push(...data.results.filter((s) => typeof s.start === "string" && typeof s.title === "string"));
        if (!data.next) break;
      }
      this.render(this.agenda(String(ed.title ?? edition), sortSessions(sessions), lang));
    } catch (error) {
      if (controller.signal.aborted) return;
      this.render([text("p", `${lang === "en" ? "The agenda could not be loaded" : "Програмата не можа да се зареди"}: ${(error as Error).message}`, "err")]);
    }
  }

  private agenda(title: string, sessions: EmbedSession[], lang: string): HTMLElement[] {
    const out: HTMLElement[] = [text("h2", title)];
    for (const { day, sessions: list } of groupByDay(sessions)) {
      out.push(text("h3", formatDay(day, lang, true)));
      const ol = document.createElement("ol");
      for (const s of list) {
        const li = document.createElement("li");
        li.className = "session";
        li.dataset.sessionId = String(s.id);
        const when = text("time", formatTimeRange(s.start, s.end, lang));
        when.setAttribute("datetime", s.start);
        const body = document.createElement("div");
        if (s.url && /^https?:\/\//.test(s.url)) {
          const a = text("a", s.title) as HTMLAnchorElement;
          a.href = s.url;
          a.target = "_top";
          body.append(a);
        } else body.append(text("strong", s.title));
        const meta = [s.type_label, s.room?.name, s.speakers.map((sp) => sp.name).join(", ")].filter(Boolean).join(" · ");
        if (meta) body.append(text("div", meta, "meta"));
        li.append(when, body);
        ol.append(li);
      }
      out.push(ol);
    }
    if (!sessions.length) out.push(text("p", lang === "en" ? "No sessions yet." : "Още няма сесии.", "meta"));
    return out;
  }

  private render(children: HTMLElement[]) {
    const style = document.createElement("style");
    style.textContent = STYLE;
    const wrap = document.createElement("div");
    wrap.className = "wrap";
    wrap.setAttribute("part", "agenda");
    wrap.append(...children);
    this.root.replaceChildren(style, wrap);
  }
}

if (!customElements.get("conference-agenda")) customElements.define("conference-agenda", ConferenceAgenda);
