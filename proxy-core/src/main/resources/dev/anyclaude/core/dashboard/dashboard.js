// anyclaude dashboard: polls api/state and renders it. Plain DOM, no build step; data goes in as text only.
"use strict";

const REFRESH_MS = 2000;
const token = new URLSearchParams(location.hash.replace(/^#/, "")).get("token");

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value !== undefined && value !== null) node.setAttribute(key, value);
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(child === null || child === undefined ? "" : String(child)));
  }
  return node;
}

function replaceRows(tableId, rows, empty, columns) {
  const body = document.querySelector(`#${tableId} tbody`);
  if (rows.length === 0) {
    body.replaceChildren(el("tr", {}, el("td", { colspan: columns, class: "muted" }, empty)));
  } else {
    body.replaceChildren(...rows);
  }
}

const number = (n) => (n === null || n === undefined ? "–" : Number(n).toLocaleString("en-US"));
const ms = (n) => (n === null || n === undefined ? "–" : `${n} ms`);
const usd = (n) => (n === null || n === undefined ? "–" : `$${Number(n).toFixed(n >= 1 ? 2 : 4)}`);
const tokens = (i, o) => `${number(i)} / ${number(o)}`;

function uptime(seconds) {
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  return `up ${h > 0 ? `${h} h ` : ""}${m} min ${s} s`;
}

function card(label, value) {
  return el("div", { class: "card" }, el("div", { class: "value" }, value), el("div", { class: "label" }, label));
}

function renderTotals(state) {
  const t = state.totals;
  const cache = state.cache.present && state.cache.hitRatio !== null ? `${Math.round(state.cache.hitRatio * 100)} %` : "–";
  document.getElementById("totals").replaceChildren(
    card("requests", number(t.requests)),
    card("errors", number(t.errors)),
    card("upstream errors", number(t.upstreamErrors)),
    card("tokens in", number(t.tokensIn)),
    card("tokens out", number(t.tokensOut)),
    card("estimated cost", usd(t.costUsd)),
    card("cache hit ratio", cache));
}

function renderBackends(state) {
  replaceRows("backends", state.backends.map((b) => el("tr", { "data-backend": b.name },
    el("td", {}, b.name === state.defaultBackend ? `${b.name} (default)` : b.name),
    el("td", {}, b.type),
    el("td", { class: `status-${b.status}` }, b.status),
    el("td", {}, b.model || "client's"),
    el("td", { class: "num" }, number(b.requests)),
    el("td", { class: "num" }, number(b.errors)),
    el("td", { class: "num" }, number(b.upstreamErrors)),
    el("td", { class: "num" }, tokens(b.tokensIn, b.tokensOut)),
    el("td", { class: "num" }, b.priced ? usd(b.costUsd) : "no price"),
    el("td", { class: "detail" }, b.detail || b.description || ""))), "no backends", 10);
}

function renderRoutes(state) {
  replaceRows("routes", state.routes.map((r) => el("tr", {}, el("td", {}, r.rule), el("td", {}, r.target))), "", 2);
}

function definitions(pairs) {
  const list = el("dl");
  for (const [term, value] of pairs) list.append(el("dt", {}, term), el("dd", {}, value));
  return list;
}

function renderCache(state) {
  const box = document.getElementById("cache");
  const c = state.cache;
  if (!c.present) {
    box.replaceChildren(el("p", { class: "muted" }, "No cache middleware is loaded (its meters, anyclaude.cache.*, appear here once it is)."));
    return;
  }
  const pairs = [["hits", number(c.hits)], ["misses", number(c.misses)],
    ["hit ratio", c.hitRatio === null ? "–" : `${(c.hitRatio * 100).toFixed(1)} %`]];
  for (const m of c.meters) {
    const tags = Object.entries(m.tags).map(([k, v]) => `${k}=${v}`).join(" ");
    pairs.push([`${m.name.replace(/^anyclaude\.cache\./, "")}${tags ? ` {${tags}}` : ""}`, number(m.value)]);
  }
  box.replaceChildren(definitions(pairs));
}

function renderMlx(state) {
  const box = document.getElementById("mlx");
  if (state.mlx.length === 0) {
    box.replaceChildren(el("p", { class: "muted" }, "No mlx backend is configured."));
    return;
  }
  box.replaceChildren(...state.mlx.map((m) => definitions([
    ["backend", m.backend],
    ["state", el("span", { class: `status-${m.status}` }, m.status)],
    ["restarts", number(m.restarts)],
    ["detail", m.detail || "–"]])));
}

function renderRecent(state) {
  replaceRows("recent", state.recent.map((r) => el("tr", { "data-request-id": r.id },
    el("td", {}, new Date(r.at).toLocaleTimeString()),
    el("td", { class: "muted" }, r.id),
    el("td", {}, r.backend || "–"),
    el("td", {}, r.model || "–"),
    el("td", { class: r.status >= 400 ? "http-error" : "" }, r.status),
    el("td", {}, r.stream ? "yes" : "no"),
    el("td", { class: "num" }, tokens(r.tokensIn, r.tokensOut)),
    el("td", { class: "num" }, ms(r.ttfbMs)),
    el("td", { class: "num" }, ms(r.ttftMs)),
    el("td", { class: "num" }, ms(r.totalMs)),
    el("td", { class: "num" }, r.costUsd === undefined ? "–" : usd(r.costUsd)))), "no requests yet", 11);
}

function setConnection(ok, text) {
  const pill = document.getElementById("connection");
  pill.className = `pill ${ok ? "ok" : "bad"}`;
  pill.textContent = text;
}

async function refresh() {
  try {
    const response = await fetch("api/state", { headers: token ? { "x-anyclaude-token": token } : {}, cache: "no-store" });
    if (!response.ok) {
      setConnection(false, response.status === 401 ? "needs the proxy's token: /dashboard/#token=…" : `error ${response.status}`);
      return;
    }
    const state = await response.json();
    renderTotals(state);
    renderBackends(state);
    renderRoutes(state);
    renderCache(state);
    renderMlx(state);
    renderRecent(state);
    document.getElementById("uptime").textContent = uptime(state.uptimeSeconds);
    document.body.dataset.loaded = "true";
    setConnection(true, "live");
  } catch (error) {
    setConnection(false, "proxy not reachable");
  } finally {
    setTimeout(refresh, REFRESH_MS);
  }
}

refresh();
