// Render the assessor's result JSON (assessor/API.md) as the result section.
// Everything is built as DOM nodes with text, never as HTML strings.

import { UI, el } from "./text.js";

// The assessment page sits at its language's root (/ for zh, en/ for en),
// so the site's own pages are plain relative links.
const link = {
  clause: (clause) => `fulltext.html#${clause.anchor}`,
  measure: (id) => `measures/${id}.html`,
  department: (id) => `departments.html#${id}`,
};

/** One <li> per text of a list of {zh, en} texts. */
function listItems(texts, lang) {
  return texts.map((text) => el("li", {}, text[lang]));
}

function measureTitle(m, lang, t) {
  return `${t.measure(m.number)}　${m.title[lang]}`;
}

function departments(list, lang) {
  const comma = lang === "zh" ? "、" : ", ";
  return list.flatMap((d, i) => [i ? comma : "", el("a", { href: link.department(d.id) }, d[lang])]);
}

function clauseQuote(clause, lang, t) {
  const label = clause.label[lang];
  // Folded by default: a clause is long, and on a phone the measures and departments come first.
  return el(
    "div",
    { class: "as-clause" },
    el(
      "details",
      {},
      el("summary", { class: "as-clause-label" }, t.clause(label)),
      el("blockquote", { lang }, clause.text[lang]),
      // On the English page the original is quoted too: it is the text the office works from.
      lang === "en" ? el("blockquote", { lang: "zh", class: "as-original" }, clause.text.zh) : null,
    ),
    el("p", { class: "as-noprint" }, el("a", { href: link.clause(clause) }, t.fullText(label))),
  );
}

function applicableMeasure(m, lang, t) {
  return el(
    "article",
    { class: "as-measure", "data-measure": m.id },
    el("h4", {}, measureTitle(m, lang, t)),
    el(
      "dl",
      { class: "as-facts" },
      el("dt", {}, t.lead),
      el("dd", { class: "as-lead" }, departments(m.lead, lang)),
      m.cooperating.length ? [el("dt", {}, t.cooperating), el("dd", {}, departments(m.cooperating, lang))] : null,
    ),
    m.support.length
      ? [el("h5", { class: "as-support-title" }, t.support), el("ul", { class: "as-support" }, listItems(m.support, lang))]
      : null,
    el("h5", { class: "as-reasons" }, t.reasons),
    el("ul", { class: "as-reasons" }, listItems(m.reasons, lang)),
    clauseQuote(m.clause, lang, t),
    el("p", { class: "as-noprint" }, el("a", { href: link.measure(m.id) }, t.measurePage)),
  );
}

function standing(s, lang, t, onStandard) {
  const std = s.standard;
  const input = el("input", {
    type: "number", id: "as-dibao", min: "0", step: "any", inputmode: "decimal", value: String(std.value),
  });
  const form = el(
    "form",
    {
      class: "as-dibao as-noprint",
      method: "dialog",
      onsubmit: (event) => {
        event.preventDefault();
        const value = input.value === "" ? null : Number(input.value);
        onStandard(value);
      },
    },
    el("label", { for: "as-dibao" }, t.changeStandard),
    el("div", { class: "as-number" }, input, el("span", { class: "as-unit" }, std.unit[lang])),
    el("button", { type: "submit", class: "md-button" }, t.recalc),
    std.user_set
      ? el("button", { type: "button", class: "md-button", onclick: () => onStandard(null) }, t.resetStandard)
      : null,
  );
  return el(
    "section",
    { class: "as-standing", "aria-labelledby": "as-standing-title" },
    el("h3", { id: "as-standing-title" }, t.standing),
    el("p", { class: "as-standing-summary" }, s.summary[lang]),
    el(
      "dl",
      { class: "as-facts" },
      s.per_capita_income !== null && s.per_capita_income !== undefined
        ? [el("dt", {}, t.perCapita), el("dd", {}, `${s.per_capita_income} ${t.yuan}`)]
        : null,
      el("dt", {}, t.standardUsed),
      el(
        "dd",
        { class: "as-standard" },
        `${std.value} ${std.unit[lang]} — ${std.label[lang]}${std.user_set ? t.userSet : ""}`,
      ),
      std.source ? [el("dt", {}, t.standardSource), el("dd", { class: "as-source" }, std.source)] : null,
      std.from ? [el("dt", {}, t.standardFrom), el("dd", {}, std.from)] : null,
    ),
    form,
  );
}

/**
 * Fill `section` with the result.
 * @param {(value: number|null) => void} onStandard  re-run with another 低保 figure (null: the default)
 */
export function renderResult(section, result, lang, { onStandard, onEdit }) {
  const t = UI[lang];
  const heading = el("h2", { id: "as-result-title", tabindex: "-1" }, t.resultTitle);
  const parts = [heading, el("p", { class: "as-print-only" }, t.printedOn(result.as_of))];

  if (!result.scope.in_scope) {
    parts.push(
      el("h3", {}, t.outOfScope),
      el("ul", { class: "as-scope" }, listItems(result.scope.reasons, lang)),
    );
    if (result.scope.where_else.length) {
      parts.push(el("h3", {}, t.whereElse), el("ul", {}, listItems(result.scope.where_else, lang)));
    }
  } else {
    parts.push(el("h3", {}, t.mayApply));
    parts.push(
      result.applicable.length
        ? el("div", { class: "as-measures" }, result.applicable.map((m) => applicableMeasure(m, lang, t)))
        : el("p", {}, t.noneApply),
    );
    if (result.standing) parts.push(standing(result.standing, lang, t, onStandard));
    if (result.not_applicable.length) {
      parts.push(
        el(
          "section",
          { class: "as-others" },
          el("h3", {}, t.others),
          el(
            "ul",
            {},
            result.not_applicable.map((m) =>
              el(
                "li",
                { "data-measure": m.id },
                el("a", { href: link.measure(m.id) }, measureTitle(m, lang, t)),
                el("ul", {}, listItems(m.would_apply_if, lang)),
              ),
            ),
          ),
        ),
      );
    }
  }
  if (result.next_steps?.length) {
    parts.push(el("h3", {}, t.nextSteps), el("ol", { class: "as-next" }, listItems(result.next_steps, lang)));
  }
  parts.push(el("p", { class: "as-disclaimer" }, result.disclaimer[lang]));
  parts.push(
    el(
      "p",
      { class: "as-actions as-noprint" },
      el("button", { type: "button", class: "md-button", onclick: onEdit }, t.editAnswers),
      el("button", { type: "button", class: "md-button", onclick: () => window.print() }, t.print),
    ),
  );
  section.replaceChildren(...parts);
  section.hidden = false;
  return heading;
}
