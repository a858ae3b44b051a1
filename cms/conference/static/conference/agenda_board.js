/* The agenda board of one edition in the Wagtail admin (cms/conference/board.py).
 *
 * Reads the board from the json_script element "agenda-board-data": days, rooms (the first
 * column, id null, holds sessions for every room and draws them across all room columns),
 * the time range, cards and the translated strings. Every change is sent to the board's JSON
 * endpoints; the answer carries the whole board again, which is then drawn anew.
 * Time on the board is the edition's local time, as "YYYY-MM-DDTHH:MM" strings and minutes
 * after midnight; the browser's own time zone is never used.
 */
(function () {
  "use strict";

  const root = document.getElementById("agenda-board");
  const app = document.getElementById("agenda-board-app");
  const dataElement = document.getElementById("agenda-board-data");
  if (!root || !app || !dataElement) return;

  const initial = JSON.parse(dataElement.textContent);
  const S = initial.strings;
  const URLS = initial.urls;
  const CSRF = root.dataset.csrf || "";
  const live = document.getElementById("agenda-board-live");
  const DRAG_THRESHOLD = 4;

  let board = initial;
  let day = null;
  let picked = null; // keyboard move: {id, original, start, end, room, day}
  let drag = null; // pointer move or resize of a card
  let selecting = null; // pointer selection of empty slots
  let activeSlotKey = null;
  let busy = false;
  const messages = new Map(); // card id -> {kind: "saving" | "error" | "warning" | "ok", text}
  const undoStack = [];

  // ---- helpers ----

  function fmt(template, values) {
    return String(template).replace(/%\(([a-z_]+)\)s/g, (match, name) =>
      values && name in values ? String(values[name]) : match,
    );
  }

  function el(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "class") node.className = value;
      else if (name === "text") node.textContent = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children || []) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child);
    }
    return node;
  }

  function clock(minutes) {
    const m = Math.max(0, Math.min(24 * 60, Math.round(minutes)));
    return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  }

  function minutesOf(iso) {
    const match = /T(\d{2}):(\d{2})/.exec(iso || "");
    return match ? Number(match[1]) * 60 + Number(match[2]) : null;
  }

  function isoAt(dayIso, minutes) {
    const date = new Date(`${dayIso}T00:00:00Z`);
    date.setUTCMinutes(minutes);
    return date.toISOString().slice(0, 16);
  }

  function durationOf(card) {
    if (!card.start || !card.end) return null;
    const span = (Date.parse(`${card.end}:00Z`) - Date.parse(`${card.start}:00Z`)) / 60000;
    return span > 0 && span <= 24 * 60 ? span : null;
  }

  function snap(minutes) {
    const step = board.time.snap;
    return Math.round(minutes / step) * step;
  }

  function clamp(value, low, high) {
    return Math.max(low, Math.min(high, value));
  }

  function announce(text) {
    if (!live) return;
    live.textContent = "";
    window.setTimeout(() => {
      live.textContent = text;
    }, 30);
  }

  function errorText(data) {
    const errors = (data && data.errors) || {};
    const parts = [];
    for (const list of Object.values(errors)) {
      for (const message of [].concat(list)) parts.push(String(message));
    }
    return parts.join(" ") || S.network_error;
  }

  async function request(url, options) {
    let response;
    try {
      response = await fetch(url, {
        credentials: "same-origin",
        headers: { Accept: "application/json", "Content-Type": "application/json", "X-CSRFToken": CSRF },
        ...options,
      });
    } catch (error) {
      return { ok: false, status: 0, data: { errors: { __all__: [S.network_error] } } };
    }
    let data = null;
    try {
      data = await response.json();
    } catch (error) {
      return { ok: false, status: response.status, data: { errors: { __all__: [S.network_error] } } };
    }
    return { ok: response.ok, status: response.status, data };
  }

  function post(url, body) {
    return request(url, { method: "POST", body: JSON.stringify(body) });
  }

  function allCards() {
    return board.sessions.concat(board.unscheduled);
  }

  function cardById(id) {
    return allCards().find((card) => card.id === id) || null;
  }

  function roomIndex(roomId) {
    const index = board.rooms.findIndex((room) => room.id === roomId);
    return index < 0 ? 0 : index;
  }

  function roomName(roomId) {
    const room = board.rooms.find((r) => r.id === roomId);
    return room ? room.name : S.all_rooms;
  }

  function dayLabel(dayIso) {
    return (board.edition.day_labels && board.edition.day_labels[dayIso]) || dayIso;
  }

  function where(position) {
    if (!position || !position.start) return S.where_unscheduled;
    const dayIso = position.start.slice(0, 10);
    return fmt(S.where, {
      day: dayLabel(dayIso),
      start: position.start.slice(11, 16),
      end: position.end ? position.end.slice(11, 16) : "",
      room: roomName(position.room),
    });
  }

  function trackOf(card) {
    return board.tracks.find((track) => track.id === card.track) || null;
  }

  function positionOf(card) {
    return { start: card.start, end: card.end, room: card.room };
  }

  // ---- drawing ----

  function slotBounds() {
    const { start_minutes: first, end_minutes: last, grid } = board.time;
    const bounds = [first];
    for (let m = Math.floor(first / grid) * grid + grid; m < last; m += grid) bounds.push(m);
    bounds.push(last);
    return bounds;
  }

  function rowOf(minutes) {
    return Math.floor((minutes - board.time.start_minutes) / board.time.snap) + 2;
  }

  function rowCount() {
    return Math.max(1, Math.ceil((board.time.end_minutes - board.time.start_minutes) / board.time.snap));
  }

  // Where a card is drawn: its keyboard preview while picked up, else its own place.
  function drawnPosition(card) {
    if (picked && picked.id === card.id) {
      return { day: picked.day, start: picked.start, end: picked.end, room: picked.room, placed: true };
    }
    if (!card.placed) return null;
    return { day: card.day, start: card.start_minutes, end: card.end_minutes, room: card.room, placed: true };
  }

  function assignLanes(items) {
    // Overlapping cards of one column share its width: greedy lanes over start-sorted cards.
    items.sort((a, b) => a.pos.start - b.pos.start || a.pos.end - b.pos.end);
    let group = [];
    let groupEnd = -1;
    const flush = () => {
      const lanes = group.reduce((n, item) => Math.max(n, item.lane + 1), 1);
      for (const item of group) item.lanes = lanes;
      group = [];
    };
    for (const item of items) {
      if (item.pos.start >= groupEnd && group.length) flush();
      const taken = new Set(group.filter((g) => g.pos.end > item.pos.start).map((g) => g.lane));
      let lane = 0;
      while (taken.has(lane)) lane += 1;
      item.lane = lane;
      group.push(item);
      groupEnd = Math.max(groupEnd, item.pos.end);
    }
    if (group.length) flush();
  }

  function badge(className, text, label) {
    return el("span", { class: `ab-badge ${className}`, text, title: label || null, "aria-hidden": "true" });
  }

  function cardLabel(card, pos) {
    const position = pos
      ? { start: isoAt(pos.day, pos.start), end: isoAt(pos.day, pos.end), room: pos.room }
      : positionOf(card);
    return fmt(S.card_label, {
      title: card.title,
      type: card.type_label,
      where: where(position),
      status: card.status_label,
    });
  }

  function renderCard(card, pos) {
    const message = messages.get(card.id);
    const track = trackOf(card);
    const shown = new Set(message ? [message.text] : []);
    const problems = card.problems.filter((problem) => !shown.has(problem.message));
    const translations = card.translations.map((t) =>
      badge(
        `ab-badge--tr ab-badge--tr-${t.state}`,
        `${t.locale.toUpperCase()}: ${t.label}`,
        fmt(S.translation_label, { language: t.language, state: t.label }),
      ),
    );
    const time = pos ? `${clock(pos.start)}–${clock(pos.end)}` : card.start ? `${card.start.replace("T", " ")}–${(card.end || "").slice(11, 16)}` : "";
    const node = el(
      "div",
      {
        class: [
          "ab-card",
          `ab-card--${card.type}`,
          `ab-card--${card.status}`,
          pos && pos.room === null ? "ab-card--plenary" : "",
          problems.length ? "has-problems" : "",
          message && (message.kind === "error" || message.kind === "warning") ? `has-message has-message--${message.kind}` : "",
          picked && picked.id === card.id ? "is-picked" : "",
        ]
          .filter(Boolean)
          .join(" "),
        tabindex: "0",
        role: "group",
        "aria-label": cardLabel(card, pos),
        "aria-describedby": "agenda-board-keys",
        "data-session-id": card.id,
        "data-focus-key": `card-${card.id}`,
        "data-start": pos ? isoAt(pos.day, pos.start) : card.start || "",
        "data-end": pos ? isoAt(pos.day, pos.end) : card.end || "",
        "data-room": (pos ? pos.room : card.room) === null ? "" : String(pos ? pos.room : card.room),
        "data-status": card.status,
        title: `${card.title}${time ? ` (${time})` : ""}`,
        draggable: "false",
      },
      [
        el("div", { class: "ab-card__title", text: card.title }),
        el("div", { class: "ab-card__meta" }, [
          time ? el("span", { class: "ab-card__time", text: time }) : null,
          el("span", { class: "ab-card__type", text: card.type_label }),
        ]),
        el("div", { class: "ab-card__badges" }, [
          badge(`ab-badge--${card.status}`, S.status_short[card.status], card.status_label),
          card.locked ? badge("ab-badge--locked", S.locked) : null,
          ...translations,
          message && (message.kind === "ok" || message.kind === "saving")
            ? el("span", { class: `ab-card__message ab-card__message--${message.kind}`, "data-kind": message.kind, text: message.text })
            : null,
        ]),
        card.speakers.length
          ? el(
              "ul",
              { class: "ab-card__speakers" },
              card.speakers.map((s) => el("li", { text: `${s.name} (${s.role_label})` })),
            )
          : null,
        problems.length
          ? el(
              "ul",
              { class: "ab-card__problems", "aria-label": S.problems },
              problems.map((p) => el("li", { class: `ab-problem ab-problem--${p.kind}`, text: p.message })),
            )
          : null,
        message && (message.kind === "error" || message.kind === "warning")
          ? el("p", {
              class: `ab-card__message ab-card__message--${message.kind}`,
              "data-kind": message.kind,
              role: message.kind === "error" ? "alert" : null,
              text: message.text,
            })
          : null,
        el("a", {
          class: "ab-card__edit",
          href: card.edit_url,
          draggable: "false",
          "aria-label": fmt(S.edit_title, { title: card.title }),
          text: S.edit,
        }),
        pos ? el("div", { class: "ab-card__handle", title: fmt(S.resize, { title: card.title }), "aria-hidden": "true" }) : null,
      ],
    );
    if (track && /^#[0-9a-fA-F]{3,8}$/.test(track.colour)) node.style.setProperty("--ab-track", track.colour);
    node.addEventListener("pointerdown", onCardPointerDown);
    node.addEventListener("keydown", onCardKeyDown);
    return node;
  }

  function renderTabs() {
    const tabs = el("div", { class: "ab-tabs", role: "tablist", "aria-label": S.days });
    board.edition.days.forEach((dayIso) => {
      const selected = dayIso === day;
      tabs.append(
        el("button", {
          type: "button",
          class: "ab-tab",
          role: "tab",
          id: `ab-tab-${dayIso}`,
          "aria-selected": selected ? "true" : "false",
          "aria-controls": "ab-panel",
          tabindex: selected ? "0" : "-1",
          "data-day": dayIso,
          "data-focus-key": `tab-${dayIso}`,
          text: dayLabel(dayIso),
          onclick: () => showDay(dayIso),
          onkeydown: (event) => {
            const days = board.edition.days;
            const index = days.indexOf(dayIso);
            let next = null;
            if (event.key === "ArrowRight") next = days[(index + 1) % days.length];
            if (event.key === "ArrowLeft") next = days[(index - 1 + days.length) % days.length];
            if (next) {
              event.preventDefault();
              showDay(next, `tab-${next}`);
            }
          },
        }),
      );
    });
    return tabs;
  }

  function renderGrid() {
    const rooms = board.rooms;
    const rows = rowCount();
    const grid = el("div", { class: "ab-grid", "data-day": day });
    grid.style.setProperty("--ab-rooms", String(rooms.length - 1));
    grid.style.setProperty("--ab-rows", String(rows));
    grid.append(el("div", { class: "ab-head ab-head--time", text: S.time }));
    rooms.forEach((room, index) => {
      const head = el("div", {
        class: `ab-head${room.all ? " ab-head--all" : ""}`,
        "data-column": index,
        text: room.name,
      });
      head.style.gridColumn = String(index + 2);
      grid.append(head);
    });
    const bounds = slotBounds();
    for (let i = 0; i < bounds.length - 1; i += 1) {
      const start = bounds[i];
      const label = el("div", {
        class: `ab-hour${start % 60 === 0 ? " ab-hour--full" : ""}`,
        text: clock(start),
        "aria-hidden": "true",
      });
      label.style.gridRow = `${rowOf(start)} / ${rowOf(bounds[i + 1])}`;
      grid.append(label);
    }
    if (!activeSlotKey || !activeSlotKey.startsWith(`slot-${day}-`)) {
      activeSlotKey = `slot-${day}-${rooms.length > 1 ? 1 : 0}-0`;
    }
    rooms.forEach((room, column) => {
      for (let i = 0; i < bounds.length - 1; i += 1) {
        const key = `slot-${day}-${column}-${i}`;
        const slot = el("div", {
          class: `ab-slot${bounds[i] % 60 === 0 ? " ab-slot--hour" : ""}${room.all ? " ab-slot--all" : ""}`,
          role: "button",
          tabindex: key === activeSlotKey ? "0" : "-1",
          "aria-label": fmt(S.slot_label, { day: dayLabel(day), start: clock(bounds[i]), room: room.name }),
          "data-slot": i,
          "data-column": column,
          "data-room": room.id === null ? "" : String(room.id),
          "data-day": day,
          "data-start": clock(bounds[i]),
          "data-end": clock(bounds[i + 1]),
          "data-focus-key": key,
        });
        slot.style.gridColumn = String(column + 2);
        slot.style.gridRow = `${rowOf(bounds[i])} / ${rowOf(bounds[i + 1])}`;
        slot.addEventListener("pointerdown", onSlotPointerDown);
        slot.addEventListener("keydown", onSlotKeyDown);
        slot.addEventListener("focus", () => {
          if (activeSlotKey !== key) {
            const previous = app.querySelector(`[data-focus-key="${CSS.escape(activeSlotKey || "")}"]`);
            if (previous) previous.setAttribute("tabindex", "-1");
            slot.setAttribute("tabindex", "0");
            activeSlotKey = key;
          }
        });
        grid.append(slot);
      }
    });
    const byColumn = new Map();
    const plenaries = [];
    for (const card of allCards()) {
      const pos = drawnPosition(card);
      if (!pos || pos.day !== day) continue;
      const item = { card, pos, lane: 0, lanes: 1 };
      if (pos.room === null) plenaries.push(item);
      else {
        const column = roomIndex(pos.room);
        if (!byColumn.has(column)) byColumn.set(column, []);
        byColumn.get(column).push(item);
      }
    }
    assignLanes(plenaries);
    for (const items of byColumn.values()) assignLanes(items);
    const draw = (item, column) => {
      const node = renderCard(item.card, item.pos);
      node.style.gridColumn = column === null ? "2 / -1" : String(column + 2);
      const startRow = rowOf(clamp(item.pos.start, board.time.start_minutes, board.time.end_minutes));
      const endRow = Math.max(startRow + 1, rowOf(clamp(item.pos.end, board.time.start_minutes, board.time.end_minutes) + board.time.snap - 1));
      node.style.gridRow = `${startRow} / ${endRow}`;
      node.style.setProperty("--ab-lane", String(item.lane));
      node.style.setProperty("--ab-lanes", String(item.lanes));
      grid.append(node);
    };
    for (const item of plenaries) draw(item, null);
    for (const [column, items] of byColumn) for (const item of items) draw(item, column);
    return grid;
  }

  function renderSide() {
    const list = board.unscheduled.filter((card) => !(picked && picked.id === card.id));
    return el("aside", { class: "ab-side", "aria-labelledby": "ab-side-title", "data-drop": "unscheduled" }, [
      el("h2", { class: "ab-side__title", id: "ab-side-title", text: S.unscheduled }),
      el("p", { class: "ab-side__help", text: S.unscheduled_help }),
      list.length
        ? el(
            "div",
            { class: "ab-side__list" },
            list.map((card) => renderCard(card, null)),
          )
        : el("p", { class: "ab-side__empty", text: S.unscheduled_empty }),
    ]);
  }

  function render() {
    const focused = document.activeElement && document.activeElement.closest ? document.activeElement.closest("[data-focus-key]") : null;
    const focusKey = focused && app.contains(focused) ? focused.dataset.focusKey : null;
    const scroller = app.querySelector(".ab-scroll");
    const scroll = scroller ? { top: scroller.scrollTop, left: scroller.scrollLeft } : null;
    const sideList = app.querySelector(".ab-side");
    const sideScroll = sideList ? sideList.scrollTop : 0;
    if (!board.edition.days.includes(day)) day = board.edition.days[0] || null;

    const toolbar = el("div", { class: "ab-toolbar" }, [
      el("button", {
        type: "button",
        class: "button button-secondary ab-undo",
        "data-action": "undo",
        disabled: undoStack.length === 0 || busy,
        text: S.undo,
        onclick: undo,
      }),
      board.permissions.publish
        ? el("button", {
            type: "button",
            class: "button ab-publish",
            "data-action": "publish",
            disabled: busy,
            text: S.publish,
            onclick: publish,
          })
        : null,
      el("output", { class: "ab-status", id: "ab-status", "aria-live": "polite", text: statusText }),
    ]);
    const panel = el("div", { class: "ab-panel", id: "ab-panel", role: "tabpanel", "aria-labelledby": day ? `ab-tab-${day}` : null }, [
      el("div", { class: "ab-scroll" }, [day ? renderGrid() : null]),
    ]);
    app.replaceChildren(
      toolbar,
      el("p", { class: "ab-sr-only", id: "agenda-board-keys", text: S.keyboard_help }),
      renderTabs(),
      el("div", { class: "ab-body" }, [panel, renderSide()]),
    );
    const newScroller = app.querySelector(".ab-scroll");
    if (scroll && newScroller) {
      newScroller.scrollTop = scroll.top;
      newScroller.scrollLeft = scroll.left;
    }
    const newSide = app.querySelector(".ab-side");
    if (newSide) newSide.scrollTop = sideScroll;
    if (focusKey) {
      const target = app.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`);
      if (target) target.focus({ preventScroll: true });
    }
  }

  let statusText = "";

  function setStatus(text) {
    statusText = text;
    const output = app.querySelector(".ab-status");
    if (output) output.textContent = text;
  }

  function showDay(dayIso, focusKey) {
    day = dayIso;
    try {
      window.sessionStorage.setItem(`agenda-board-day-${board.edition.id}`, dayIso);
    } catch (error) {
      /* storage may be unavailable */
    }
    render();
    if (focusKey) {
      const target = app.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`);
      if (target) target.focus();
    }
  }

  function focusCard(id) {
    const node = app.querySelector(`.ab-card[data-session-id="${id}"]`);
    if (node) {
      node.focus({ preventScroll: true });
      node.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  }

  // ---- changes ----

  function applyBoard(next) {
    const strings = board.strings;
    const urls = board.urls;
    board = { ...next, strings, urls };
  }

  async function move(card, target, options) {
    // target: {start, end, room} with local ISO times (both null: unscheduled); room may be "keep".
    const original = positionOf(card);
    const undoing = options && options.undo;
    busy = true;
    messages.set(card.id, { kind: "saving", text: S.saving });
    const optimistic = { ...card, start: target.start, end: target.end };
    if (target.room !== "keep") optimistic.room = target.room;
    if (target.start) {
      optimistic.day = target.start.slice(0, 10);
      optimistic.start_minutes = minutesOf(target.start);
      optimistic.end_minutes = target.end.slice(0, 10) === optimistic.day ? minutesOf(target.end) : 24 * 60;
      optimistic.placed = board.edition.days.includes(optimistic.day);
    } else {
      optimistic.placed = false;
    }
    replaceCard(optimistic);
    render();
    const result = await post(URLS.move, { session: card.id, start: target.start, end: target.end, room: target.room });
    busy = false;
    if (result.ok) {
      applyBoard(result.data.board);
      const warnings = (result.data.warnings || []).map((w) => w.message);
      const saved = result.data.published ? S.published_change : S.draft_change;
      messages.set(card.id, warnings.length ? { kind: "warning", text: warnings.join(" ") } : { kind: "ok", text: saved });
      const now = result.data.card ? positionOf(result.data.card) : target;
      if (!undoing) undoStack.push({ id: card.id, title: card.title, from: original });
      render();
      announce(
        [undoing ? fmt(S.undo_done, { title: card.title, where: where(now) }) : fmt(S.moved, { title: card.title, where: where(now) })]
          .concat(warnings.map((w) => fmt(S.warning, { message: w })))
          .join(" "),
      );
      return true;
    }
    replaceCard(card);
    const text = errorText(result.data);
    messages.set(card.id, { kind: "error", text });
    render();
    announce(fmt(S.refused, { message: text }));
    return false;
  }

  function replaceCard(card) {
    board = {
      ...board,
      sessions: board.sessions.filter((c) => c.id !== card.id),
      unscheduled: board.unscheduled.filter((c) => c.id !== card.id),
    };
    if (card.placed) board.sessions.push(card);
    else board.unscheduled.push(card);
  }

  async function undo() {
    const last = undoStack[undoStack.length - 1];
    if (!last || busy) {
      announce(S.nothing_to_undo);
      return;
    }
    const card = cardById(last.id);
    if (!card) {
      undoStack.pop();
      render();
      return;
    }
    const ok = await move(card, last.from, { undo: true });
    if (ok) {
      undoStack.pop();
      render();
      focusCard(last.id);
    }
  }

  async function publish() {
    if (busy) return;
    busy = true;
    setStatus(S.publishing);
    render();
    const result = await post(URLS.publish, {});
    busy = false;
    if (result.ok) {
      applyBoard(result.data.board);
      setStatus(result.data.message);
    } else {
      setStatus(errorText(result.data));
    }
    render();
    announce(statusText);
  }

  // ---- pointer: move and resize cards ----

  function gridGeometry() {
    const grid = app.querySelector(".ab-grid");
    if (!grid) return null;
    const heads = [...grid.querySelectorAll(".ab-head[data-column]")].map((head) => head.getBoundingClientRect());
    const firstHead = heads[0];
    const gridRect = grid.getBoundingClientRect();
    const top = firstHead ? firstHead.bottom : gridRect.top;
    const rowHeight = (gridRect.bottom - top) / rowCount();
    return { grid, gridRect, heads, top, rowHeight };
  }

  function targetAt(geometry, x, y, offsetY, duration) {
    const side = app.querySelector(".ab-side");
    if (side) {
      const rect = side.getBoundingClientRect();
      if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return { unscheduled: true };
    }
    if (!geometry) return null;
    const { gridRect, heads, top, rowHeight } = geometry;
    if (x < gridRect.left || x > gridRect.right || y < gridRect.top - 40 || y > gridRect.bottom + 40) return null;
    let column = heads.findIndex((rect) => x >= rect.left && x < rect.right);
    if (column < 0) column = x < heads[0].left ? 0 : heads.length - 1;
    const minutes = board.time.start_minutes + ((y - offsetY - top) / rowHeight) * board.time.snap;
    const start = clamp(snap(minutes), board.time.start_minutes, Math.max(board.time.start_minutes, board.time.end_minutes - duration));
    return { column, room: board.rooms[column].id, start, end: start + duration };
  }

  function showDropIndicator(target) {
    const geometry = drag && drag.geometry;
    app.querySelectorAll(".ab-drop").forEach((node) => node.remove());
    const side = app.querySelector(".ab-side");
    if (side) side.classList.toggle("is-drop-target", Boolean(target && target.unscheduled));
    if (!target || target.unscheduled || !geometry) return;
    const indicator = el("div", { class: "ab-drop", "aria-hidden": "true", text: `${clock(target.start)}–${clock(target.end)}` });
    indicator.style.gridColumn = target.room === null ? "2 / -1" : String(target.column + 2);
    indicator.style.gridRow = `${rowOf(target.start)} / ${Math.max(rowOf(target.start) + 1, rowOf(target.end))}`;
    geometry.grid.append(indicator);
  }

  function onCardPointerDown(event) {
    if (event.button !== 0 || busy || picked) return;
    if (event.target.closest("a, button, input, select")) return;
    const node = event.currentTarget;
    const card = cardById(Number(node.dataset.sessionId));
    if (!card) return;
    const rect = node.getBoundingClientRect();
    const resize = Boolean(event.target.closest(".ab-card__handle"));
    const pos = drawnPosition(card);
    drag = {
      card,
      node,
      mode: resize ? "resize" : "move",
      pointerId: event.pointerId,
      x: event.clientX,
      y: event.clientY,
      offsetX: event.clientX - rect.left,
      offsetY: event.clientY - rect.top,
      width: rect.width,
      moved: false,
      target: null,
      duration: (pos && pos.end - pos.start) || durationOf(card) || board.time.default_duration,
      geometry: null,
      ghost: null,
    };
    node.setPointerCapture(event.pointerId);
    node.addEventListener("pointermove", onCardPointerMove);
    node.addEventListener("pointerup", onCardPointerUp);
    node.addEventListener("pointercancel", onCardPointerCancel);
    event.preventDefault();
    node.focus({ preventScroll: true });
  }

  function onCardPointerMove(event) {
    if (!drag || event.pointerId !== drag.pointerId) return;
    if (!drag.moved) {
      if (Math.hypot(event.clientX - drag.x, event.clientY - drag.y) < DRAG_THRESHOLD) return;
      drag.moved = true;
      drag.geometry = gridGeometry();
      drag.node.classList.add("is-dragging");
      if (drag.mode === "move") {
        const ghost = drag.node.cloneNode(true);
        ghost.classList.add("ab-ghost");
        ghost.removeAttribute("data-session-id");
        ghost.removeAttribute("data-focus-key");
        ghost.removeAttribute("tabindex");
        ghost.setAttribute("aria-hidden", "true");
        ghost.style.width = `${drag.width}px`;
        document.body.append(ghost);
        drag.ghost = ghost;
      }
    }
    autoScroll(event.clientX, event.clientY);
    drag.geometry = gridGeometry();
    if (drag.mode === "move") {
      drag.ghost.style.left = `${event.clientX - drag.offsetX}px`;
      drag.ghost.style.top = `${event.clientY - drag.offsetY}px`;
      drag.target = targetAt(drag.geometry, event.clientX, event.clientY, drag.offsetY, drag.duration);
    } else {
      const pos = drawnPosition(drag.card);
      const { top, rowHeight } = drag.geometry;
      const minutes = board.time.start_minutes + ((event.clientY - top) / rowHeight) * board.time.snap;
      const end = clamp(snap(minutes), pos.start + board.time.snap, board.time.end_minutes);
      drag.target = { column: roomIndex(pos.room), room: pos.room, start: pos.start, end, resize: true };
    }
    showDropIndicator(drag.target);
  }

  function autoScroll(x, y) {
    const scroller = app.querySelector(".ab-scroll");
    if (!scroller) return;
    const rect = scroller.getBoundingClientRect();
    const edge = 40;
    if (y < rect.top + edge && y > rect.top - edge) scroller.scrollTop -= 20;
    else if (y > rect.bottom - edge && y < rect.bottom + edge) scroller.scrollTop += 20;
    if (x < rect.left + edge && x > rect.left - edge) scroller.scrollLeft -= 20;
    else if (x > rect.right - edge && x < rect.right + edge) scroller.scrollLeft += 20;
  }

  function endDrag() {
    if (!drag) return null;
    const finished = drag;
    finished.node.removeEventListener("pointermove", onCardPointerMove);
    finished.node.removeEventListener("pointerup", onCardPointerUp);
    finished.node.removeEventListener("pointercancel", onCardPointerCancel);
    if (finished.ghost) finished.ghost.remove();
    finished.node.classList.remove("is-dragging");
    drag = null;
    showDropIndicator(null);
    return finished;
  }

  function onCardPointerUp(event) {
    if (!drag || event.pointerId !== drag.pointerId) return;
    if (drag.moved) onCardPointerMove(event);
    const finished = endDrag();
    if (!finished.moved || !finished.target) return;
    const card = finished.card;
    const target = finished.target;
    if (target.unscheduled) {
      if (card.start) move(card, { start: null, end: null, room: "keep" });
      return;
    }
    const start = isoAt(day, target.start);
    const end = isoAt(day, target.end);
    const room = target.resize ? "keep" : target.room;
    if (start === card.start && end === card.end && (room === "keep" || room === card.room)) return;
    move(card, { start, end, room });
  }

  function onCardPointerCancel(event) {
    if (drag && event.pointerId === drag.pointerId) endDrag();
  }

  // ---- keyboard: pick up, move, drop ----

  function announcePicked() {
    const card = cardById(picked.id);
    announce(
      fmt(S.position, {
        title: card ? card.title : "",
        where: where({ start: isoAt(picked.day, picked.start), end: isoAt(picked.day, picked.end), room: picked.room }),
      }),
    );
  }

  function pickUp(card) {
    const pos = drawnPosition(card);
    const duration = durationOf(card) || board.time.default_duration;
    const firstDay = board.edition.days.includes(day) ? day : board.edition.days[0];
    if (!firstDay) return;
    const start = pos ? pos.start : clamp(board.time.start_minutes, 0, board.time.end_minutes - duration);
    picked = {
      id: card.id,
      original: positionOf(card),
      day: pos ? pos.day : firstDay,
      start,
      end: pos ? pos.end : start + duration,
      room: pos ? pos.room : board.rooms.length > 1 ? board.rooms[1].id : null,
    };
    if (picked.day !== day) day = picked.day;
    render();
    focusCard(card.id);
    announce(fmt(S.picked_up, { title: card.title }));
  }

  function cancelPick(silent) {
    if (!picked) return;
    const card = cardById(picked.id);
    const id = picked.id;
    picked = null;
    render();
    focusCard(id);
    if (!silent && card) announce(fmt(S.cancelled, { title: card.title }));
  }

  function dropPicked() {
    const card = cardById(picked.id);
    const target = {
      start: isoAt(picked.day, picked.start),
      end: isoAt(picked.day, picked.end),
      room: picked.room,
    };
    const id = picked.id;
    picked = null;
    if (!card || (target.start === card.start && target.end === card.end && target.room === card.room)) {
      render();
      focusCard(id);
      return;
    }
    move(card, target).then(() => focusCard(id));
  }

  function onCardKeyDown(event) {
    if (event.target !== event.currentTarget) return;
    const card = cardById(Number(event.currentTarget.dataset.sessionId));
    if (!card) return;
    if (!picked) {
      if ((event.key === "Enter" || event.key === " ") && !busy) {
        event.preventDefault();
        pickUp(card);
      }
      return;
    }
    if (picked.id !== card.id) return;
    const { start_minutes: first, end_minutes: last, snap: step } = board.time;
    const length = picked.end - picked.start;
    let handled = true;
    switch (event.key) {
      case "ArrowUp":
      case "ArrowDown": {
        const delta = (event.key === "ArrowUp" ? -1 : 1) * (event.shiftKey ? board.time.grid : step);
        if (event.altKey) {
          picked.end = clamp(picked.end + delta, picked.start + step, last);
        } else {
          picked.start = clamp(picked.start + delta, first, Math.max(first, last - length));
          picked.end = picked.start + length;
        }
        break;
      }
      case "ArrowLeft":
      case "ArrowRight": {
        const index = clamp(roomIndex(picked.room) + (event.key === "ArrowLeft" ? -1 : 1), 0, board.rooms.length - 1);
        picked.room = board.rooms[index].id;
        break;
      }
      case "PageUp":
      case "PageDown": {
        const days = board.edition.days;
        const index = clamp(days.indexOf(picked.day) + (event.key === "PageUp" ? -1 : 1), 0, days.length - 1);
        picked.day = days[index];
        day = picked.day;
        break;
      }
      case "Enter":
      case " ":
        event.preventDefault();
        dropPicked();
        return;
      case "Escape":
        event.preventDefault();
        cancelPick(false);
        return;
      case "Tab":
        cancelPick(false);
        return;
      default:
        handled = false;
    }
    if (handled) {
      event.preventDefault();
      render();
      focusCard(picked.id);
      announcePicked();
    }
  }

  // ---- empty slots: select and create ----

  function slotsIn(column) {
    return [...app.querySelectorAll(`.ab-slot[data-column="${column}"]`)];
  }

  function markSelection() {
    app.querySelectorAll(".ab-slot.is-selected").forEach((slot) => slot.classList.remove("is-selected"));
    if (!selecting) return;
    const [a, b] = [selecting.from, selecting.to].sort((x, y) => x - y);
    for (const slot of slotsIn(selecting.column)) {
      const index = Number(slot.dataset.slot);
      if (index >= a && index <= b) slot.classList.add("is-selected");
    }
  }

  function onSlotPointerDown(event) {
    if (event.button !== 0 || busy || picked || drag) return;
    const slot = event.currentTarget;
    selecting = { column: Number(slot.dataset.column), from: Number(slot.dataset.slot), to: Number(slot.dataset.slot), pointerId: event.pointerId };
    event.preventDefault();
    slot.focus({ preventScroll: true });
    markSelection();
    document.addEventListener("pointermove", onSelectMove);
    document.addEventListener("pointerup", onSelectUp);
    document.addEventListener("pointercancel", onSelectCancel);
  }

  function onSelectMove(event) {
    if (!selecting || event.pointerId !== selecting.pointerId) return;
    const under = document.elementFromPoint(event.clientX, event.clientY);
    const slot = under && under.closest(".ab-slot");
    if (slot && Number(slot.dataset.column) === selecting.column) {
      selecting.to = Number(slot.dataset.slot);
      markSelection();
    }
  }

  function stopSelecting() {
    document.removeEventListener("pointermove", onSelectMove);
    document.removeEventListener("pointerup", onSelectUp);
    document.removeEventListener("pointercancel", onSelectCancel);
    const done = selecting;
    selecting = null;
    return done;
  }

  function onSelectUp(event) {
    if (!selecting || event.pointerId !== selecting.pointerId) return;
    onSelectMove(event);
    const done = stopSelecting();
    const bounds = slotBounds();
    const [a, b] = [done.from, done.to].sort((x, y) => x - y);
    const start = bounds[a];
    let end = bounds[b + 1];
    if (a === b) end = Math.min(board.time.end_minutes, start + board.time.default_duration);
    openCreate({ day, start, end, room: board.rooms[done.column].id, returnFocus: `slot-${day}-${done.column}-${a}` });
  }

  function onSelectCancel() {
    stopSelecting();
    markSelection();
  }

  function onSlotKeyDown(event) {
    const slot = event.currentTarget;
    const column = Number(slot.dataset.column);
    const index = Number(slot.dataset.slot);
    const bounds = slotBounds();
    let next = null;
    switch (event.key) {
      case "Enter":
      case " ": {
        event.preventDefault();
        const start = bounds[index];
        const end = Math.min(board.time.end_minutes, start + board.time.default_duration);
        openCreate({ day, start, end, room: board.rooms[column].id, returnFocus: slot.dataset.focusKey });
        return;
      }
      case "ArrowUp":
        next = [column, Math.max(0, index - 1)];
        break;
      case "ArrowDown":
        next = [column, Math.min(bounds.length - 2, index + 1)];
        break;
      case "ArrowLeft":
        next = [Math.max(0, column - 1), index];
        break;
      case "ArrowRight":
        next = [Math.min(board.rooms.length - 1, column + 1), index];
        break;
      default:
        return;
    }
    event.preventDefault();
    const key = `slot-${day}-${next[0]}-${next[1]}`;
    const target = app.querySelector(`[data-focus-key="${key}"]`);
    if (target) {
      slot.setAttribute("tabindex", "-1");
      target.setAttribute("tabindex", "0");
      activeSlotKey = key;
      target.focus();
    }
  }

  // ---- the create dialog ----

  let dialog = null;

  function openCreate(initialValues) {
    if (dialog) dialog.remove();
    const speakers = []; // {id?, name, role}
    let searchTimer = null;
    let searchSerial = 0;

    const errors = el("div", { class: "ab-dialog__errors", role: "alert" });
    const title = el("input", { type: "text", id: "ab-new-title", name: "title", required: true, maxlength: "255", autocomplete: "off" });
    const titleEn = el("input", { type: "text", id: "ab-new-title-en", name: "title_en", maxlength: "255", autocomplete: "off" });
    const type = el(
      "select",
      { id: "ab-new-type", name: "type" },
      board.types.map((t) => el("option", { value: t.value, text: t.label, selected: t.value === "talk" })),
    );
    const daySelect = el(
      "select",
      { id: "ab-new-day", name: "day" },
      board.edition.days.map((d) => el("option", { value: d, text: dayLabel(d), selected: d === initialValues.day })),
    );
    const start = el("input", { type: "time", id: "ab-new-start", name: "start", step: "300", value: clock(initialValues.start), required: true });
    const end = el("input", { type: "time", id: "ab-new-end", name: "end", step: "300", value: clock(initialValues.end), required: true });
    const room = el(
      "select",
      { id: "ab-new-room", name: "room" },
      board.rooms.map((r, index) =>
        el("option", { value: r.id === null ? "" : String(r.id), text: r.name, selected: r.id === initialValues.room, "data-index": index }),
      ),
    );
    const search = el("input", {
      type: "search",
      id: "ab-new-speaker",
      autocomplete: "off",
      "aria-describedby": "ab-new-speaker-help",
      "aria-controls": "ab-new-results",
    });
    const results = el("ul", { class: "ab-dialog__results", id: "ab-new-results", "aria-live": "polite" });
    const chosen = el("ul", { class: "ab-dialog__chosen", "aria-label": S.field_speakers });

    function fieldRow(label, control) {
      return el("div", { class: "ab-dialog__field" }, [el("label", { for: control.id, text: label }), control]);
    }

    function drawChosen() {
      chosen.replaceChildren(
        ...speakers.map((speaker, index) => {
          const role = el(
            "select",
            { "aria-label": `${S.field_role}: ${speaker.name}`, class: "ab-dialog__role" },
            board.roles.map((r) => el("option", { value: r.value, text: r.label, selected: r.value === speaker.role })),
          );
          role.addEventListener("change", () => {
            speaker.role = role.value;
          });
          return el("li", { class: "ab-dialog__speaker", "data-speaker": speaker.id ? String(speaker.id) : `new:${speaker.name}` }, [
            el("span", { class: "ab-dialog__speaker-name", text: speaker.name }),
            speaker.id ? null : el("span", { class: "ab-dialog__new", text: ` (${S.new_person})` }),
            role,
            el("button", {
              type: "button",
              class: "button button-small button-secondary",
              "aria-label": fmt(S.remove_speaker, { name: speaker.name }),
              text: S.remove,
              onclick: () => {
                speakers.splice(index, 1);
                drawChosen();
                search.focus();
              },
            }),
          ]);
        }),
      );
    }

    function addSpeaker(speaker) {
      const duplicate = speakers.some((s) => (speaker.id ? s.id === speaker.id : !s.id && s.name.toLowerCase() === speaker.name.toLowerCase()));
      if (!duplicate) speakers.push({ ...speaker, role: "speaker" });
      drawChosen();
      search.value = "";
      results.replaceChildren();
      search.focus();
    }

    async function runSearch() {
      const query = search.value.trim();
      const serial = ++searchSerial;
      if (!query) {
        results.replaceChildren();
        return;
      }
      const result = await request(`${URLS.people}?q=${encodeURIComponent(query)}`, { method: "GET" });
      if (serial !== searchSerial) return;
      const items = [];
      if (result.ok) {
        for (const person of result.data.results) {
          const detail = [person.job_title, person.organisation].filter(Boolean).join(", ");
          items.push(
            el("li", {}, [
              el("button", {
                type: "button",
                class: "ab-dialog__result",
                "data-person-id": person.id,
                text: detail ? `${person.name} — ${detail}` : person.name,
                onclick: () => addSpeaker({ id: person.id, name: person.name }),
              }),
            ]),
          );
        }
        if (!result.data.results.length) items.push(el("li", { class: "ab-dialog__none", text: S.no_people }));
      }
      items.push(
        el("li", {}, [
          el("button", {
            type: "button",
            class: "ab-dialog__result ab-dialog__result--new",
            "data-new-person": query,
            text: fmt(S.add_new_person, { name: query }),
            onclick: () => addSpeaker({ id: null, name: query }),
          }),
        ]),
      );
      results.replaceChildren(...items);
    }

    search.addEventListener("input", () => {
      window.clearTimeout(searchTimer);
      searchTimer = window.setTimeout(runSearch, 200);
    });
    search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        const first = results.querySelector("button");
        if (first) first.focus();
      }
    });

    const submit = el("button", { type: "submit", class: "button", text: S.create });
    const form = el("form", { class: "ab-dialog__form", method: "dialog", novalidate: true }, [
      el("h2", { class: "ab-dialog__title", id: "ab-dialog-title", text: S.create_title }),
      errors,
      fieldRow(S.field_title, title),
      fieldRow(S.field_title_en, titleEn),
      fieldRow(S.field_type, type),
      el("div", { class: "ab-dialog__row" }, [fieldRow(S.field_day, daySelect), fieldRow(S.field_start, start), fieldRow(S.field_end, end)]),
      fieldRow(S.field_room, room),
      el("fieldset", { class: "ab-dialog__speakers" }, [
        el("legend", { text: S.field_speakers }),
        chosen,
        el("label", { for: "ab-new-speaker", id: "ab-new-speaker-help", text: S.find_person }),
        search,
        results,
      ]),
      el("div", { class: "ab-dialog__actions" }, [
        submit,
        el("button", { type: "button", class: "button button-secondary", text: S.cancel, onclick: () => close() }),
      ]),
    ]);

    function close() {
      dialog.close();
      dialog.remove();
      dialog = null;
      if (initialValues.returnFocus) {
        const target = app.querySelector(`[data-focus-key="${CSS.escape(initialValues.returnFocus)}"]`);
        if (target) target.focus();
      }
      markSelection();
    }

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (busy) return;
      const startValue = start.value;
      const endValue = end.value;
      const body = {
        title: title.value,
        title_en: titleEn.value,
        type: type.value,
        start: startValue ? `${daySelect.value}T${startValue}` : null,
        end: endValue ? `${daySelect.value}T${endValue}` : null,
        room: room.value === "" ? null : Number(room.value),
        speakers: speakers.map((s) => (s.id ? { id: s.id, role: s.role } : { name: s.name, role: s.role })),
      };
      busy = true;
      submit.disabled = true;
      errors.textContent = S.saving;
      const result = await post(URLS.create, body);
      busy = false;
      submit.disabled = false;
      if (!result.ok) {
        errors.textContent = errorText(result.data);
        return;
      }
      applyBoard(result.data.board);
      const card = result.data.card;
      const warnings = (result.data.warnings || []).map((w) => w.message);
      if (card) messages.set(card.id, warnings.length ? { kind: "warning", text: warnings.join(" ") } : { kind: "ok", text: S.saved });
      dialog.close();
      dialog.remove();
      dialog = null;
      selecting = null;
      if (card && card.day && board.edition.days.includes(card.day)) day = card.day;
      render();
      if (card) {
        focusCard(card.id);
        announce(fmt(S.created, { title: card.title, where: where(positionOf(card)) }));
      }
    });

    dialog = el("dialog", { class: "ab-dialog", "aria-labelledby": "ab-dialog-title" }, [form]);
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      close();
    });
    document.body.append(dialog);
    dialog.showModal();
    title.focus();
  }

  // ---- start ----

  // Focus leaving a picked-up card (a click elsewhere, the sidebar) puts it back where it was.
  document.addEventListener("focusin", (event) => {
    if (!picked) return;
    const node = event.target.closest ? event.target.closest(".ab-card") : null;
    if (node && Number(node.dataset.sessionId) === picked.id) return;
    picked = null;
    render();
  });

  let stored = null;
  try {
    stored = window.sessionStorage.getItem(`agenda-board-day-${board.edition.id}`);
  } catch (error) {
    stored = null;
  }
  day = board.edition.days.includes(stored) ? stored : board.edition.days[0] || null;
  render();
})();
