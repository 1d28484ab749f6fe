// The self-assessment page: steps through the build-time form, runs the
// assessor in a worker (python.js) and shows the result (result.js).
// Answers stay in this page; see storage.js for the only places they may be kept.

import { askedQuestions } from "./conditions.js";
import { onState, python } from "./early.js";
import { renderResult } from "./result.js";
import { answersFromFragment, clearFragment, saved, shareLink } from "./storage.js";
import { UI, el } from "./text.js";

const root = document.getElementById("as-app");
const lang = root.dataset.lang;
const t = UI[lang];
const data = JSON.parse(document.getElementById("as-questions").textContent);
const questions = data.questions;
const byId = Object.fromEntries(questions.map((q) => [q.id, q]));
const form = document.getElementById("as-form");
const steps = [...form.querySelectorAll(".as-step")];
const summaryStep = form.querySelector('[data-step="summary"]');
const resultSection = document.getElementById("as-result");
const nextButton = document.getElementById("as-next");
const backButton = document.getElementById("as-back");
const progress = document.getElementById("as-progress");
const loading = document.getElementById("as-loading");

let current = 0; // index into visibleSteps()
let dibaoStandard = null; // the user's own 低保 figure, if they set one on the result
let consent = false;

// ── Python, started at once (early.js) so it loads while the person reads and answers ──
let awaitingResult = false; // "See the result" was pressed and Python has not answered yet
const STAGES = ["download", "start", "rules"];
// Started by early.js while the page loaded.
onState(showLoading);

function retryButton() {
  return el("button", { type: "button", class: "md-button md-button--primary as-retry", onclick: () => python.start() }, t.retry);
}

function showLoading(state) {
  loading.hidden = false;
  loading.classList.toggle("as-failed", state.stage === "failed");
  if (state.stage === "ready") {
    // data-restored: started from the snapshot this browser keeps (tests read it).
    loading.replaceChildren(el("p", { class: "as-ready", "data-restored": String(state.restored) }, t.ready));
  } else if (state.stage === "failed") {
    // role=alert: screen readers announce the failure at once.
    const button = retryButton();
    button.id = "as-retry";
    loading.replaceChildren(el("div", { role: "alert" }, el("p", {}, t.failed)), button);
    if (awaitingResult) showNotReady();
  } else {
    const step = STAGES.indexOf(state.stage);
    const amount = state.stage === "download" && state.total ? t.downloaded(state.done, state.total) : "";
    const bar = { max: String(STAGES.length), value: String(step), "aria-label": t.loading[step] };
    if (amount) Object.assign(bar, { max: String(state.total), value: String(state.done) });
    loading.replaceChildren(
      el("p", {}, t.loading[step], amount ? ` ${amount}` : ""),
      el("progress", bar),
      el("p", { class: "as-help" }, t.loadingNote),
    );
    if (awaitingResult) showWaiting();
  }
}

function showNotReady() {
  const general = document.getElementById("as-form-errors");
  general.replaceChildren(el("p", {}, t.notReady, " ", retryButton()));
  general.hidden = false;
}

function showWaiting() {
  const general = document.getElementById("as-form-errors");
  general.replaceChildren(el("p", { class: "as-waiting" }, t.waiting));
  general.hidden = false;
}

// ── reading and writing the form ──

function readAnswers() {
  const answers = {};
  const bad = new Set();
  for (const q of questions) {
    const inputs = form.querySelectorAll(`[name="${q.id}"]`);
    if (!inputs.length) continue;
    if (q.type === "integer" || q.type === "number") {
      const input = inputs[0];
      if (input.validity.badInput) bad.add(q.id);
      else if (input.value.trim() !== "") answers[q.id] = Number(input.value);
    } else if (q.type === "multichoice") {
      // Nothing ticked is an answer too ("none of these").
      answers[q.id] = [...inputs].filter((i) => i.checked).map((i) => i.value);
    } else {
      const checked = [...inputs].find((i) => i.checked);
      if (checked) answers[q.id] = q.type === "boolean" ? checked.value === "true" : checked.value;
    }
  }
  return { answers, bad };
}

/** The answers to the questions that are asked, as the assessor should see them. */
function currentAnswers() {
  const { answers } = readAnswers();
  const asked = new Set(askedQuestions(questions, answers));
  const result = Object.fromEntries(Object.entries(answers).filter(([id]) => asked.has(id)));
  if (dibaoStandard !== null) result.dibao_standard = dibaoStandard;
  return result;
}

function writeAnswers(answers) {
  form.reset();
  for (const [id, value] of Object.entries(answers)) {
    if (id === "dibao_standard") {
      dibaoStandard = typeof value === "number" ? value : null;
      continue;
    }
    for (const input of form.querySelectorAll(`[name="${CSS.escape(id)}"]`)) {
      if (input.type === "number") input.value = String(value);
      else if (input.type === "checkbox") input.checked = Array.isArray(value) && value.includes(input.value);
      else input.checked = input.value === String(value);
    }
  }
}

// ── which questions and steps are shown ──

function updateVisibility() {
  const asked = new Set(askedQuestions(questions, readAnswers().answers));
  for (const block of form.querySelectorAll(".as-q")) block.hidden = !asked.has(block.dataset.q);
  for (const step of steps) {
    if (step !== summaryStep) step.dataset.relevant = String(!!step.querySelector(".as-q:not([hidden])"));
  }
}

function visibleSteps() {
  return steps.filter((s) => s === summaryStep || s.dataset.relevant === "true");
}

function showStep(index, { focus = true } = {}) {
  const visible = visibleSteps();
  current = Math.min(Math.max(index, 0), visible.length - 1);
  const step = visible[current];
  for (const s of steps) s.hidden = s !== step;
  const title = step.querySelector(".as-step-title").textContent;
  progress.replaceChildren(
    el("span", {}, t.stepOf(current + 1, visible.length, title)),
    el("progress", { max: String(visible.length), value: String(current + 1), "aria-hidden": "true" }),
  );
  backButton.hidden = current === 0;
  const last = current === visible.length - 1;
  nextButton.textContent = last ? t.seeResult : current === visible.length - 2 ? t.toSummary : t.next;
  if (step === summaryStep) renderSummary();
  if (focus) step.querySelector(".as-step-title").focus();
}

function answerText(q, value) {
  if (value === undefined) return t.notAnswered;
  if (q.type === "boolean") return value ? t.yes : t.no;
  const option = (v) => q.options.find((o) => o.value === v)?.[lang] ?? String(v);
  if (q.type === "choice") return option(value);
  if (q.type === "multichoice") return value.length ? value.map(option).join("、") : t.none;
  return q.unit ? `${value} ${q.unit[lang]}` : String(value);
}

function renderSummary() {
  const answers = currentAnswers();
  const items = [];
  for (const id of askedQuestions(questions, answers)) {
    const q = byId[id];
    if (!form.querySelector(`[name="${id}"]`)) continue;
    const label = q.label?.[lang] ?? q.text[lang];
    items.push(
      el("dt", {}, label),
      el(
        "dd",
        {},
        el("span", {}, answerText(q, answers[id])),
        " ",
        el("button", { type: "button", class: "as-change", onclick: () => goToQuestion(id) },
          t.change, el("span", { class: "as-visually-hidden" }, t.changeWhat(label))),
      ),
    );
  }
  document.getElementById("as-summary-list").replaceChildren(...items);
}

function goToQuestion(id) {
  const block = document.getElementById(`as-q-${id}`);
  const step = block.closest(".as-step");
  showStep(visibleSteps().indexOf(step), { focus: false });
  block.querySelector("input").focus();
}

// ── validation: the assessor's own messages, next to their question ──

function clearErrors() {
  for (const p of form.querySelectorAll(".as-q .as-error")) {
    p.hidden = true;
    p.textContent = "";
  }
  for (const q of form.querySelectorAll(".as-q")) q.classList.remove("as-invalid");
  const general = document.getElementById("as-form-errors");
  general.hidden = true;
  general.replaceChildren();
}

function showError(id, message) {
  const block = document.getElementById(`as-q-${id}`);
  if (!block) return false;
  block.classList.add("as-invalid");
  const p = block.querySelector(".as-error");
  p.textContent = p.textContent ? `${p.textContent} ${message}` : message;
  p.hidden = false;
  return true;
}

/** Show errors; go to the step of the first one and focus its field. Returns true if any were shown. */
function showErrors(errors) {
  clearErrors();
  const general = [];
  let first = null;
  for (const error of errors) {
    if (error.question && showError(error.question, error[lang])) first ??= error.question;
    else general.push(error[lang]);
  }
  if (general.length) {
    const box = document.getElementById("as-form-errors");
    box.replaceChildren(el("p", {}, t.fixErrors), el("ul", {}, general.map((m) => el("li", {}, m))));
    box.hidden = false;
    if (!first) {
      showStep(visibleSteps().indexOf(summaryStep), { focus: false });
      box.setAttribute("tabindex", "-1");
      box.focus();
    }
  }
  if (first) goToQuestion(first);
  return errors.length > 0;
}

/** Errors in the current step, found before moving on. */
async function stepErrors(step) {
  const inStep = new Set([...step.querySelectorAll(".as-q:not([hidden])")].map((b) => b.dataset.q));
  const { bad } = readAnswers();
  const local = [...bad].filter((id) => inStep.has(id)).map((id) => ({ question: id, zh: UI.zh.enterNumber, en: UI.en.enterNumber }));
  if (local.length) return local;
  // Before Python is ready the person may go on; the final check catches the rest.
  if (python.state !== "ready") return [];
  const response = await python.handle({ action: "assess", answers: currentAnswers() });
  return response.ok ? [] : response.errors.filter((e) => inStep.has(e.question));
}

// ── the result ──

async function assess() {
  clearErrors();
  const general = document.getElementById("as-form-errors");
  if (python.state === "failed") showNotReady();
  else if (python.state !== "ready") showWaiting();
  // The request waits for Python, through a retry if need be.
  awaitingResult = true;
  let response;
  try {
    response = await python.handle({ action: "assess", answers: currentAnswers() });
  } catch {
    showNotReady();
    return;
  } finally {
    awaitingResult = false;
  }
  general.hidden = true;
  if (!response.ok) {
    showErrors(response.errors);
    return;
  }
  form.hidden = true;
  progress.hidden = true;
  const heading = renderResult(resultSection, response, lang, {
    onStandard: (value) => {
      dibaoStandard = value;
      persist();
      assess();
    },
    onEdit: () => {
      resultSection.hidden = true;
      form.hidden = false;
      progress.hidden = false;
      showStep(visibleSteps().indexOf(summaryStep));
    },
  });
  heading.focus();
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const visible = visibleSteps();
  const step = visible[current];
  if (step === summaryStep) return assess();
  clearErrors();
  const errors = await stepErrors(step);
  if (errors.length) return showErrors(errors);
  showStep(current + 1);
});

backButton.addEventListener("click", () => {
  clearErrors();
  showStep(current - 1);
});

form.addEventListener("change", (event) => {
  // An answer may add or remove later steps: keep "Step n of N" and the button's
  // word ("Next" or "Check answers") true, without moving focus.
  const step = visibleSteps()[current];
  updateVisibility();
  const index = visibleSteps().indexOf(step);
  showStep(index < 0 ? current : index, { focus: false });
  // "All your answers have been cleared" is no longer true once the person answers again.
  const cleared = document.querySelector("#as-tools .as-cleared");
  if (cleared) cleared.textContent = "";
  const block = event.target.closest(".as-q");
  if (block) {
    block.classList.remove("as-invalid");
    block.querySelector(".as-error").hidden = true;
  }
  persist();
});

// ── privacy tools: consent to save, share link, clear ──

function persist() {
  if (consent) saved.write(currentAnswers());
}

function buildTools() {
  const tools = document.getElementById("as-tools");
  const consentBox = el("input", {
    type: "checkbox",
    id: "as-consent",
    onchange: () => {
      consent = consentBox.checked;
      if (consent) persist();
      else saved.clear();
    },
  });
  const shareOut = el("input", { type: "text", id: "as-share-link", readonly: true, class: "as-share-link" });
  const shareBox = el(
    "div",
    { hidden: true, class: "as-share" },
    el("label", { for: "as-share-link" }, t.shareLabel),
    shareOut,
    el("p", { class: "as-help" }, t.shareNote),
  );
  const status = el("p", { role: "status", class: "as-cleared" });
  tools.replaceChildren(
    el("h2", {}, t.toolsTitle),
    el("p", {}, consentBox, " ", el("label", { for: "as-consent" }, t.consent)),
    el(
      "p",
      {},
      el("button", {
        type: "button",
        id: "as-share",
        class: "md-button",
        onclick: () => {
          shareOut.value = shareLink(currentAnswers());
          shareBox.hidden = false;
          shareOut.focus();
          shareOut.select();
        },
      }, t.share),
      " ",
      el("button", { type: "button", id: "as-clear", class: "md-button", onclick: () => clearAll(status, shareBox) }, t.clear),
    ),
    shareBox,
    status,
  );
  tools.hidden = false;
  return consentBox;
}

function clearAll(status, shareBox) {
  form.reset();
  dibaoStandard = null;
  saved.clear();
  clearFragment();
  clearErrors();
  resultSection.replaceChildren();
  resultSection.hidden = true;
  shareBox.hidden = true;
  shareBox.querySelector("input").value = "";
  form.hidden = false;
  progress.hidden = false;
  updateVisibility();
  showStep(0);
  status.textContent = t.cleared;
}

// ── start ──

const consentBox = buildTools();
const fromLink = answersFromFragment();
const fromStorage = saved.read();
if (fromLink || fromStorage) writeAnswers(fromLink ?? fromStorage);
if (fromStorage && !fromLink) consent = consentBox.checked = true;
updateVisibility();
progress.hidden = false;
form.querySelector(".as-nav").hidden = false;
// Restored answers open on the summary, ready to check; otherwise at the first step.
showStep(fromLink || fromStorage ? visibleSteps().indexOf(summaryStep) : 0, { focus: false });
