// The self-assessment page: steps through the build-time form, runs the
// assessor in a worker (python.js) and shows the result (result.js).
// Answers stay in this page; see storage.js for the only places they may be kept.

import { renderToCheck } from "./checks.js";
import { askedQuestions, possibleQuestions } from "./conditions.js";
import { onState, python } from "./early.js";
import { dropHandover, handOver, takeHandover } from "./handover.js";
import { renderResult } from "./result.js";
import { answersFromFragment, clearFragment, saved, shareLink } from "./storage.js";
import { UI, el, fill, megabytes } from "./text.js";

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
const waiting = document.getElementById("as-waiting");

let current = 0; // index into visibleSteps()
let dibaoStandard = null; // the user's own 低保 figure, if they set one on the result
let consent = false;
// Set by "Change" on the check-answers step: after that answer, go back there.
let returnToSummary = false;

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
    const amount = state.stage === "download" && state.total ? fill(t.downloaded, { done: megabytes(state.done), total: megabytes(state.total) }) : "";
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
  waiting.hidden = true;
  const general = document.getElementById("as-form-errors");
  general.replaceChildren(el("p", {}, t.notReady, " ", retryButton()));
  general.hidden = false;
}

// Waiting is not an error: its own calm status line, not the alert box.
function showWaiting() {
  waiting.textContent = t.waiting;
  waiting.hidden = false;
}

// ── reading and writing the form ──

function readAnswers() {
  const answers = {};
  const bad = new Set();
  for (const q of questions) {
    const inputs = form.querySelectorAll(`[name="${q.id}"]`);
    if (!inputs.length) continue;
    if (q.type === "integer" || q.type === "number") {
      const input = [...inputs].find((i) => i.type === "number");
      const unsure = [...inputs].find((i) => i.type === "checkbox"); // "Not sure", if offered
      if (unsure?.checked) answers[q.id] = unsure.value;
      else if (input.validity.badInput) bad.add(q.id);
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
      if (input.type === "number") input.value = typeof value === "number" ? String(value) : "";
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

/** The steps that are shown or may still be shown, once open questions are answered. */
function possibleSteps() {
  const possible = new Set(possibleQuestions(questions, readAnswers().answers));
  return steps.filter(
    (s) => s === summaryStep || [...s.querySelectorAll(".as-q")].some((b) => possible.has(b.dataset.q)),
  );
}

/** Asked questions of a step that still need an answer. */
function unanswered(step) {
  const { answers } = readAnswers();
  return [...step.querySelectorAll(".as-q:not([hidden])")].filter(
    (b) => byId[b.dataset.q].required !== false && !(b.dataset.q in answers),
  );
}

function showStep(index, { focus = true } = {}) {
  const visible = visibleSteps();
  current = Math.min(Math.max(index, 0), visible.length - 1);
  const step = visible[current];
  for (const s of steps) s.hidden = s !== step;
  // Counted over every step that may still come, so the total never jumps up
  // when the first answers reveal the rest; it shrinks only when answers rule steps out.
  const possible = possibleSteps();
  const position = possible.indexOf(step) + 1;
  progress.replaceChildren(
    el("span", {}, fill(t.stepOf, { n: position, total: possible.length })),
    el("progress", { max: String(possible.length), value: String(position), "aria-hidden": "true" }),
  );
  if (step === summaryStep) returnToSummary = false;
  backButton.hidden = current === 0;
  backButton.textContent = returnToSummary ? t.backToSummary : backLabel;
  const last = current === visible.length - 1;
  // "Check answers" only when no other step may come (a step yet unanswered may still
  // open others: the first step, unanswered, is not the last before the summary).
  const upcoming = possible[possible.indexOf(step) + 1];
  nextButton.textContent = last ? t.seeResult : returnToSummary || upcoming === summaryStep ? t.toSummary : t.next;
  if (step === summaryStep) renderSummary();
  if (focus) {
    // A new step starts at the top of the screen, whatever the length of the last one.
    progress.scrollIntoView({ block: "start" });
    step.querySelector(".as-step-title").focus({ preventScroll: true });
  }
}

function answerText(q, value) {
  if (value === undefined) return t.notAnswered;
  if (value === q.not_sure?.value && q.type !== "multichoice") return q.not_sure[lang];
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
        el("button", { type: "button", class: "as-change", onclick: () => changeAnswer(id) },
          t.change, el("span", { class: "as-visually-hidden" }, fill(t.changeWhat, { label }))),
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

/** "Change" on the check-answers step: that question, then straight back (GOV.UK's pattern). */
function changeAnswer(id) {
  returnToSummary = true;
  goToQuestion(id);
}

/**
 * After a changed answer: the first step, from this one on, with a newly asked
 * question still to answer (this one too: before Python is ready its missing
 * answers are not reported yet); else check answers.
 */
function stepAfterChange() {
  const visible = visibleSteps();
  const open = visible.slice(current).find((s) => s !== summaryStep && unanswered(s).length);
  return visible.indexOf(open ?? summaryStep);
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
    waiting.hidden = true;
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
    answered: answeredList(currentAnswers()),
    onShare: () => share(document.getElementById("as-result-share-status")),
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
  const checks = renderToCheck(response, lang);
  if (checks) {
    const disclaimer = resultSection.querySelector(".as-disclaimer");
    if (disclaimer) disclaimer.before(checks);
    else resultSection.append(checks);
  }
  heading.focus();
}

/** [label, answer] of every question answered, for the printed result. */
function answeredList(answers) {
  return askedQuestions(questions, answers)
    .filter((id) => id in answers || form.querySelector(`[name="${id}"]`))
    .map((id) => [byId[id].label?.[lang] ?? byId[id].text[lang], answerText(byId[id], answers[id])]);
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const visible = visibleSteps();
  const step = visible[current];
  if (step === summaryStep) return assess();
  clearErrors();
  const errors = await stepErrors(step);
  if (errors.length) return showErrors(errors);
  showStep(returnToSummary ? stepAfterChange() : current + 1);
});

const backLabel = backButton.textContent;
backButton.addEventListener("click", () => {
  clearErrors();
  showStep(returnToSummary ? visibleSteps().indexOf(summaryStep) : current - 1);
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
  // "Not sure" and a typed number exclude each other.
  if (event.target.closest(".as-not-sure")) {
    const number = event.target.closest(".as-q").querySelector("input[type=number]");
    number.disabled = event.target.checked;
  }
  const block = event.target.closest(".as-q");
  if (block) {
    block.classList.remove("as-invalid");
    block.querySelector(".as-error").hidden = true;
  }
  persist();
});

// ── privacy tools: consent to save, share link, clear ──
// The consent box always shows what is stored: ticked exactly when answers are
// kept in this browser (syncConsent), whatever opened the page.

function persist() {
  if (consent) saved.write(currentAnswers());
}

function syncConsent() {
  consent = consentBox.checked = saved.read() !== null;
}

/** Share the link through the phone's share sheet, or copy it; it is also shown to copy by hand. */
async function share(status) {
  const url = shareLink(questions, currentAnswers());
  const box = document.querySelector("#as-tools .as-share");
  box.querySelector("input").value = url;
  box.hidden = false;
  const say = (text) => {
    for (const node of [status, box.querySelector(".as-share-status")]) if (node) node.textContent = text;
  };
  say("");
  if (navigator.share) {
    try {
      await navigator.share({ title: t.shareTitle, url });
      return;
    } catch (error) {
      if (error?.name === "AbortError") return; // the person closed the share sheet
    }
  }
  try {
    await navigator.clipboard.writeText(url);
    say(t.copied);
  } catch {
    box.querySelector("input").select();
    say(t.copyFailed);
  }
}

function buildTools() {
  const tools = document.getElementById("as-tools");
  const consentBox = el("input", {
    type: "checkbox",
    id: "as-consent",
    onchange: () => {
      if (consentBox.checked) saved.write(currentAnswers());
      else saved.clear();
      syncConsent();
    },
  });
  const shareOut = el("input", { type: "text", id: "as-share-link", readonly: true, class: "as-share-link" });
  const shareBox = el(
    "div",
    { hidden: true, class: "as-share" },
    el("label", { for: "as-share-link" }, t.shareLabel),
    shareOut,
    el("p", { class: "as-help" }, t.shareNote),
    el("p", { role: "status", class: "as-share-status" }),
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
        onclick: () => share(null),
      }, t.share),
    ),
    shareBox,
    clearControls(status, shareBox),
    status,
  );
  tools.hidden = false;
  return consentBox;
}

/** "Clear my answers" as a quiet link-like button that asks before it clears anything. */
function clearControls(status, shareBox) {
  const confirmBox = el(
    "div",
    { class: "as-confirm", id: "as-clear-box", hidden: true, role: "group", "aria-labelledby": "as-clear-question" },
    el("p", { id: "as-clear-question" }, t.clearQuestion),
    el("button", {
      type: "button",
      id: "as-clear-confirm",
      class: "md-button md-button--primary",
      onclick: () => {
        confirmBox.hidden = true;
        opener.setAttribute("aria-expanded", "false");
        clearAll(status, shareBox);
      },
    }, t.clearYes),
    " ",
    el("button", {
      type: "button",
      id: "as-clear-cancel",
      class: "md-button",
      onclick: () => {
        confirmBox.hidden = true;
        opener.setAttribute("aria-expanded", "false");
        opener.focus();
      },
    }, t.clearNo),
  );
  const opener = el("button", {
    type: "button",
    id: "as-clear",
    class: "as-link-button",
    "aria-expanded": "false",
    onclick: () => {
      confirmBox.hidden = false;
      opener.setAttribute("aria-expanded", "true");
      confirmBox.querySelector("#as-clear-cancel").focus();
    },
  }, t.clear);
  return el("div", { class: "as-clear" }, el("p", {}, opener), confirmBox);
}

function clearAll(status, shareBox) {
  returnToSummary = false;
  dropHandover();
  form.reset();
  for (const input of form.querySelectorAll("input[type=number]")) input.disabled = false;
  dibaoStandard = null;
  saved.clear();
  syncConsent();
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

// ── switching language keeps the answers ──
// The language menu's links (hreflang) lead to this page in the other language:
// hand the answers and the place over to it (handover.js), inside this tab only.

document.addEventListener("click", (event) => {
  const link = event.target.closest?.("a[hreflang]");
  if (!link || link.hreflang === lang) return;
  const step = visibleSteps()[current];
  handOver({
    answers: currentAnswers(),
    step: step.dataset.step,
    returnToSummary,
    result: !resultSection.hidden,
  });
});

function disableUnsureNumbers() {
  for (const box of form.querySelectorAll(".as-not-sure input")) {
    box.closest(".as-q").querySelector("input[type=number]").disabled = box.checked;
  }
}

// ── start ──

const consentBox = buildTools();
const handed = takeHandover();
const link = answersFromFragment(questions);
const fromLink = link?.answers ?? null;
const fromStorage = saved.read();
const restored = handed?.answers ?? fromLink ?? fromStorage;
if (restored) writeAnswers(restored);
syncConsent();
if (link?.error) {
  // A link from another version of the page (or damaged): say so; never read it wrongly.
  form.before(el("p", { role: "alert", class: "as-error as-link-error" }, link.error === "version" ? t.linkOtherVersion : t.linkBroken));
}
disableUnsureNumbers();
updateVisibility();
progress.hidden = false;
form.querySelector(".as-nav").hidden = false;
if (handed) {
  // Where the reader was in the other language: the same step, or the result.
  returnToSummary = handed.returnToSummary === true;
  const step = steps.find((s) => s.dataset.step === handed.step);
  const index = visibleSteps().indexOf(step);
  showStep(index < 0 ? 0 : index, { focus: false });
  if (handed.result) {
    showStep(visibleSteps().indexOf(summaryStep), { focus: false });
    assess();
  }
} else {
  // Restored answers open on the summary, ready to check; otherwise at the first step.
  showStep(restored ? visibleSteps().indexOf(summaryStep) : 0, { focus: false });
  // A shared link opens on its result, as soon as Python can compute it.
  if (fromLink) assess();
}
