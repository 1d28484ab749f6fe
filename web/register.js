// The register-screening page: a union's register (CSV or .xlsx) screened in this browser.
//
// Python runs in the assessment's worker (python.js, worker.js), which reads the chosen
// file in place (WORKERFS) and screens it with assessor.register.handle in steps of
// about 100 ms, so the page stays responsive and "Cancel" takes effect between steps.
// Nothing is sent anywhere: the only requests are for the site's own static files.
// openpyxl and the standard-library files it needs are loaded only for an .xlsx.
// All wording comes from web/text/<lang>.json ("register"), embedded in the page by the build.

import { pythonFor } from "./python.js";
import { fill } from "./text.js";

const root = document.getElementById("rg-app");
const words = JSON.parse(document.getElementById("rg-words").textContent);
const extras = JSON.parse(root.dataset.extras);
const $ = (id) => document.getElementById(id);
const STEP_MS = 100;
const WORK = "/tmp/register";

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

const number = (n) => n.toLocaleString(root.dataset.lang === "zh" ? "zh-CN" : "en");
const said = (text) => (root.dataset.lang === "zh" ? text.zh : text.en);

// ── Python ────────────────────────────────────────────────────────────────
const status = $("rg-status");
const python = pythonFor(showLoading);

function showLoading(state) {
  status.classList.toggle("rg-failed", state.stage === "failed");
  if (state.stage === "ready") {
    status.replaceChildren(el("p", { class: "rg-ready" }, words.ready));
    keepForOffline();
  } else if (state.stage === "failed") {
    const retry = el("button", { type: "button", class: "md-button", onclick: () => python.start() }, words.retry);
    status.replaceChildren(el("p", { role: "alert" }, fill(words.failed, { error: state.error })), retry);
  } else if (state.stage === "download" && state.total) {
    const mb = (bytes) => (bytes / 1048576).toFixed(1);
    status.replaceChildren(
      el("p", {}, fill(words.loading_bytes, { done: mb(state.done), total: mb(state.total) })),
      el("progress", { max: String(state.total), value: String(state.done) }),
    );
  } else {
    status.replaceChildren(el("p", {}, state.stage === "download" ? words.loading : words.starting));
  }
}

/** Once Python is ready, fetch what an .xlsx needs (the service worker keeps it), so that a
 * register can be screened offline later even if only a CSV was opened today. Not loaded. */
let kept = false;
function keepForOffline() {
  if (kept || !navigator.serviceWorker?.controller) return;
  kept = true;
  const urls = [...extras.register.zips, ...extras.xlsx.zips, ...[...document.querySelectorAll(".rg-templates a")].map((a) => a.href)];
  for (const url of urls) fetch(url).catch(() => {});
}

const loaded = new Map(); // part → promise: each part of the extras is loaded once
function load(part) {
  if (!loaded.has(part)) {
    const absolute = { ...extras[part], zips: extras[part].zips.map((z) => new URL(z, location.href).href) };
    const promise = python.request("load", absolute);
    promise.catch(() => loaded.delete(part));
    loaded.set(part, promise);
  }
  return loaded.get(part);
}

async function call(request) {
  const answer = JSON.parse(await python.request("register", JSON.stringify(request)));
  if (!answer.ok) throw Object.assign(new Error(said(answer.error)), { refused: true });
  return answer;
}

// ── Screening ─────────────────────────────────────────────────────────────
let run = 0; // the current screening; a new file or Cancel ends the one before
let kind = null; // csv or xlsx, of the file being screened
let fileName = ""; // its name, kept on the results (tests wait for it)

async function isXlsx(file) {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

async function screen(file) {
  const mine = ++run;
  fileName = file.name;
  $("rg-results").hidden = true;
  $("rg-error").hidden = true;
  showProgress(0, null, fill(words.reading, { name: file.name }));
  try {
    kind = (await isXlsx(file)) ? "xlsx" : "csv";
    await load("register");
    if (kind === "xlsx") {
      showProgress(0, null, words.loading_excel);
      await load("xlsx");
    }
    if (mine !== run) return;
    await python.request("mount", { file, name: `register.${kind}` });
    const labels = { ...words.columns };
    let answer = await call({ action: "open", path: `/register/register.${kind}`, work: WORK, labels });
    while (!answer.finished) {
      answer = await call({ action: "step", ms: STEP_MS });
      if (mine !== run) return; // cancelled or replaced: the next step is never asked for
      showProgress(answer.done, answer.total);
    }
    if (mine !== run) return;
    $("rg-progress").hidden = true;
    showResults(answer.summary);
  } catch (error) {
    if (mine !== run) return;
    $("rg-progress").hidden = true;
    const box = $("rg-error");
    box.hidden = false;
    box.textContent = error.refused ? fill(words.refused, { error: error.message }) : String(error.message ?? error);
  }
}

function showProgress(done, total, text) {
  $("rg-progress").hidden = false;
  const bar = $("rg-bar");
  if (total) {
    bar.max = total;
    bar.value = done;
  } else {
    bar.removeAttribute("value"); // indeterminate
  }
  $("rg-count").textContent = text ?? fill(total ? words.progress : words.progress_unknown, { done: number(done), total: total ? number(total) : "" });
}

function cancel() {
  run++;
  python.request("register", JSON.stringify({ action: "close" })).catch(() => {});
  $("rg-progress").hidden = true;
  $("rg-results").hidden = true;
  const box = $("rg-error");
  box.hidden = false;
  box.textContent = words.cancelled;
  $("rg-file").value = "";
}

// ── Results ───────────────────────────────────────────────────────────────
function chart(title, items, id) {
  // A bar per item, drawn with CSS (no library, no request); the table below gives the figures.
  const most = Math.max(1, ...items.map((item) => item.count));
  const bars = items.map((item) =>
    el(
      "div",
      { class: "rg-bar-row" },
      el("span", { class: "rg-bar-label" }, item.label),
      el("span", { class: "rg-bar-track" }, el("span", { class: "rg-bar", style: `width: ${(100 * item.count) / most}%` })),
      el("span", { class: "rg-bar-value" }, number(item.count)),
    ),
  );
  return el("figure", { class: "rg-chart", id, "aria-hidden": "true" }, el("figcaption", {}, title), ...bars);
}

function table(caption, head, rows) {
  return el(
    "div",
    { class: "md-typeset__scrollwrap" },
    el(
      "table",
      {}, // no class: Material styles only tables without one
      el("caption", { class: "rg-visually-hidden" }, caption),
      el("thead", {}, el("tr", {}, ...head.map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, ...rows.map((row) => el("tr", {}, ...row.map((cell) => el("td", {}, String(cell)))))),
    ),
  );
}

function showResults(summary) {
  const measures = summary.measures.map((m) => ({ label: `${m.number} ${said(m)}`, count: m.count }));
  const departments = summary.departments.map((d) => ({ label: said(d), count: d.count }));
  const errors = summary.errors;
  const section = $("rg-results");
  const parts = [
    el("h2", { id: "rg-results-title", tabindex: "-1" }, words.results),
    el(
      "ul",
      { class: "rg-totals" },
      el("li", {}, fill(words.rows, { rows: number(summary.rows) })),
      el("li", {}, fill(words.in_scope, { count: number(summary.in_scope) })),
      el("li", {}, fill(words.out_of_scope, { count: number(summary.out_of_scope) })),
      el("li", { class: summary.errors_count ? "rg-has-errors" : "" }, fill(words.with_errors, { count: number(summary.errors_count) })),
    ),
    downloads(),
    chart(words.by_measure, measures, "rg-chart-measures"),
    table(words.by_measure, [words.measure, words.households], measures.map((m) => [m.label, number(m.count)])),
    chart(words.by_department, departments, "rg-chart-departments"),
    table(words.by_department, [words.department, words.households], departments.map((d) => [d.label, number(d.count)])),
    el("h3", { id: "rg-errors" }, words.errors),
    errors.length
      ? table(words.errors, [words.row, words.household_id, words.error], errors.map((e) => [e.row, e.household_id, said(e)]))
      : el("p", {}, words.errors_none),
    summary.errors_count > errors.length ? el("p", {}, fill(words.errors_more, { count: number(summary.errors_count - errors.length) })) : null,
    el("p", { class: "rg-disclaimer" }, words.disclaimer),
  ];
  section.replaceChildren(...parts.filter(Boolean));
  section.dataset.file = fileName;
  section.hidden = false;
  $("rg-results-title").focus();
}

function downloads() {
  const button = (format, label) =>
    el("button", { type: "button", class: "md-button", "data-format": format, onclick: (event) => download(format, event.currentTarget) }, label);
  return el("p", { class: "rg-downloads" }, words.download, " ", button("xlsx", words.download_xlsx), " ", button("csv", words.download_csv));
}

async function download(format, button) {
  const label = button.textContent;
  button.disabled = true;
  button.textContent = words.preparing;
  try {
    if (format === "xlsx") await load("xlsx");
    // An .xlsx is written in steps, so that the worker answers (and the page can say how far).
    let answer = await call({ action: "export", format, ms: 200 });
    while (!answer.finished) {
      button.textContent = `${words.preparing} ${Math.floor((100 * answer.done) / answer.total)}%`;
      answer = await call({ action: "export", format, ms: 200 });
    }
    const { path } = answer;
    const bytes = await python.request("read", path);
    const type = format === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv";
    // A blob: URL made here, in this page: the results never leave the browser.
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    const link = el("a", { href: url, download: `${words.columns.sheet}.${format}` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    const box = $("rg-error");
    box.hidden = false;
    box.textContent = String(error.message ?? error);
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

// ── Choosing a file ───────────────────────────────────────────────────────
$("rg-file").addEventListener("change", (event) => {
  const file = event.target.files?.[0];
  if (file) screen(file);
});
$("rg-cancel").addEventListener("click", cancel);
const drop = $("rg-drop");
drop.addEventListener("dragover", (event) => {
  event.preventDefault();
  drop.classList.add("rg-dragging");
});
drop.addEventListener("dragleave", () => drop.classList.remove("rg-dragging"));
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  drop.classList.remove("rg-dragging");
  const file = event.dataTransfer?.files?.[0];
  if (file) screen(file);
});
