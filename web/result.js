// Render the assessor's result JSON (assessor/API.md) as the result section.
// Everything is built as DOM nodes with text, never as HTML strings.
//
// The answer comes first (it fits the first phone screen): one sentence on the
// measures that may apply, the one place to go first and how to reach it, and
// the household's standing against the 低保 standard in one line. The rest is
// folded below, in the order the worker will need it: where to go, the measures,
// the standard, the other measures. Printing uses its own sheet (print.js).

import { printSheet } from "./print.js";
import { UI, el, fill } from "./text.js";

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
  return `${fill(t.measure, { n: m.number })}　${m.title[lang]}`;
}

function departments(list, lang) {
  const comma = lang === "zh" ? "、" : ", ";
  return list.flatMap((d, i) => [i ? comma : "", el("a", { href: link.department(d.id) }, d[lang])]);
}

/** A phone number as a link the phone can dial. */
function phone(number) {
  return el("a", { href: `tel:${number.replace(/[^0-9+]/g, "")}`, class: "as-phone" }, number);
}

/** How to reach a place: its own details where the operator entered them, else the hotline. */
export function reach(place, hotlines, lang, t, { brief = false } = {}) {
  const hotline = hotlines.find((h) => h.id === place.hotline);
  const c = place.contact;
  const known = c && (c.phone || c.address[lang] || c.hours[lang] || c.website);
  if (brief || !known) {
    // One line: the office's phone if on record, else the fallback and the hotline.
    if (c?.phone) return el("p", { class: "as-reach" }, `${t.phone}${t.colon}`, phone(c.phone));
    return el(
      "p",
      { class: "as-reach" },
      known ? "" : `${t.notOnRecordShort}${lang === "zh" ? "。" : ". "}`,
      hotline ? [t.callHotline, " ", phone(hotline.number), ` ${fill(t.hotlineWhat, { name: hotline.short[lang], hours: hotline.hours[lang] })}`] : null,
    );
  }
  const viaHotline = hotline
    ? el("p", { class: "as-hotline" }, t.callHotline, " ", phone(hotline.number), ` ${fill(t.hotlineWhat, { name: hotline.short[lang], hours: hotline.hours[lang] })}`)
    : null;
  const rows = [];
  if (c.phone) rows.push(el("dt", {}, t.phone), el("dd", {}, phone(c.phone)));
  if (c.address[lang]) rows.push(el("dt", {}, t.address), el("dd", {}, c.address[lang]));
  if (c.hours[lang]) rows.push(el("dt", {}, t.hours), el("dd", {}, c.hours[lang]));
  if (c.website) rows.push(el("dt", {}, t.website), el("dd", {}, el("a", { href: c.website, rel: "noopener" }, c.website)));
  if (c.bring?.[lang]) rows.push(el("dt", {}, t.bring), el("dd", {}, c.bring[lang]));
  return el(
    "div",
    { class: "as-reach" },
    el("dl", { class: "as-facts as-contact" }, rows),
    c.phone ? null : viaHotline,
    c.cited?.[lang] ? el("p", { class: "as-cited" }, fill(t.contactSource, { source: c.cited[lang] })) : null,
  );
}

/** The first screen: the sentence, the first place and how to reach it, the standing line. */
function glance(result, lang, t) {
  const first = result.places[0];
  return el(
    "div",
    { class: "as-glance" },
    el("p", { class: "as-summary" }, result.summary[lang]),
    first
      ? el(
          "div",
          { class: "as-first" },
          el("p", { class: "as-first-name" }, el("strong", {}, t.goFirst), " ", first.name[lang]),
          reach(first, result.hotlines, lang, t, { brief: true }),
        )
      : null,
    result.standing ? el("p", { class: "as-standing-line" }, result.standing.line[lang]) : null,
  );
}

function folded(summary, body, { open = false, cls = "", attrs = {} } = {}) {
  return el("details", { class: `as-fold ${cls}`.trim(), open, ...attrs }, el("summary", {}, summary), body);
}

function placesList(result, lang, t) {
  return el(
    "ol",
    { class: "as-places" },
    result.places.map((p) =>
      el(
        "li",
        { "data-department": p.department.id },
        el("p", { class: "as-place-name" }, el("a", { href: link.department(p.department.id) }, p.name[lang])),
        el("ul", { class: "as-why" }, listItems(p.why, lang)),
        reach(p, result.hotlines, lang, t),
      ),
    ),
  );
}

function hotlineSources(result, lang, t) {
  return el(
    "details",
    { class: "as-cited as-sources" },
    el("summary", {}, t.hotlineSources),
    el("ul", {}, result.hotlines.map((h) => el("li", {}, `${h.number} ${h.name[lang]}${t.colon}${h.cited[lang]}`))),
  );
}

function clauseQuote(clause, lang, t) {
  const label = clause.label[lang];
  return el(
    "div",
    { class: "as-clause" },
    el(
      "details",
      {},
      el("summary", { class: "as-clause-label" }, fill(t.clause, { label })),
      el("blockquote", { lang }, clause.text[lang]),
      // On the English page the original is quoted too: it is the text the office works from.
      lang === "en" ? el("blockquote", { lang: "zh", class: "as-original" }, clause.text.zh) : null,
    ),
    el("p", { class: "as-noprint" }, el("a", { href: link.clause(clause) }, fill(t.fullText, { label }))),
  );
}

function supportItem(item, lang, t) {
  return el(
    "li",
    { "data-support": item.id },
    el("span", { class: "as-plain" }, item.plain[lang]),
    " ",
    el("span", { class: "as-quote" }, fill(t.quoted, { zh: item.zh, en: item.en })),
  );
}

/** Each term once in the whole result: `shown` remembers those already explained. */
function terms(m, lang, t, shown) {
  const fresh = (m.terms ?? []).filter((term) => term.plain[lang] && !shown.has(term.id));
  fresh.forEach((term) => shown.add(term.id));
  if (!fresh.length) return null;
  return [
    el("h5", {}, t.terms),
    el(
      "dl",
      { class: "as-terms" },
      fresh.flatMap((term) => [el("dt", {}, lang === "zh" ? term.zh : `${term.en} (${term.zh})`), el("dd", {}, term.plain[lang])]),
    ),
  ];
}

function applicableMeasure(m, lang, t, seen) {
  // No reason twice: a reason already given under an earlier measure is not repeated.
  const reasons = m.reasons.filter((r) => !seen.reasons.has(r[lang]));
  reasons.forEach((r) => seen.reasons.add(r[lang]));
  const summary = [
    el("span", { class: "as-measure-title" }, measureTitle(m, lang, t)),
    el("span", { class: "as-measure-plain" }, m.plain[lang]),
  ];
  return folded(
    summary,
    el(
      "div",
      { class: "as-measure-body" },
      m.support.length
        ? [el("h5", { class: "as-support-title" }, t.support), el("ul", { class: "as-support" }, m.support.map((i) => supportItem(i, lang, t)))]
        : null,
      terms(m, lang, t, seen.terms),
      el(
        "dl",
        { class: "as-facts" },
        el("dt", {}, t.lead),
        el("dd", { class: "as-lead" }, departments(m.lead, lang)),
        m.cooperating.length ? [el("dt", {}, t.cooperating), el("dd", {}, departments(m.cooperating, lang))] : null,
      ),
      el("h5", { class: "as-reasons" }, t.reasons),
      reasons.length
        ? el("ul", { class: "as-reasons" }, listItems(reasons, lang))
        : el("p", { class: "as-reasons" }, t.reasonsAbove),
      clauseQuote(m.clause, lang, t),
      el("p", { class: "as-noprint" }, el("a", { href: link.measure(m.id) }, t.measurePage)),
    ),
    { cls: "as-measure", attrs: { "data-measure": m.id } },
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
  return folded(
    t.standing,
    el(
      "div",
      {},
      el("p", { class: "as-standing-summary" }, s.summary[lang]),
      el(
        "dl",
        { class: "as-facts" },
        s.per_capita_income !== null && s.per_capita_income !== undefined
          ? [el("dt", {}, t.perCapita), el("dd", {}, `${s.per_capita_income} ${t.yuan}`)]
          : null,
        el("dt", {}, t.standardUsed),
        el("dd", { class: "as-standard" }, `${std.value} ${std.unit[lang]} — ${std.label[lang]}${std.user_set ? t.userSet : ""}`),
        // A source is shown as publisher, title and date; never as a link to a copy.
        std.cited ? [el("dt", {}, t.standardSource), el("dd", { class: "as-source" }, std.cited[lang])] : null,
        std.from ? [el("dt", {}, t.standardFrom), el("dd", {}, std.from)] : null,
      ),
      form,
    ),
    { cls: "as-standing", attrs: { id: "as-standing" } },
  );
}

function others(result, lang, t) {
  return folded(
    t.others,
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
    { cls: "as-others" },
  );
}

/**
 * Fill `section` with the result.
 * @param {object} handlers
 *   onStandard(value|null)  re-run with another 低保 figure (null: the default)
 *   onEdit()                back to the answers
 *   onShare()               share or copy the link
 *   answered                [[label, answer text]] of the answers given, for the printed sheet
 */
export function renderResult(section, result, lang, { onStandard, onEdit, onShare, answered = [] }) {
  const t = UI[lang];
  const heading = el("h2", { id: "as-result-title", tabindex: "-1" }, t.resultTitle);
  const parts = [heading];
  const seen = { reasons: new Set(), terms: new Set() };

  if (!result.scope.in_scope) {
    parts.push(
      el("div", { class: "as-glance" }, el("h3", {}, t.outOfScope), el("ul", { class: "as-scope" }, listItems(result.scope.reasons, lang))),
    );
    if (result.scope.where_else.length) {
      parts.push(el("h3", {}, t.whereElse), el("ul", {}, listItems(result.scope.where_else, lang)));
    }
    parts.push(
      el(
        "ul",
        { class: "as-hotlines" },
        result.hotlines.map((h) => el("li", {}, phone(h.number), ` ${fill(t.hotlineWhat, { name: h.name[lang], hours: h.hours[lang] })} ${h.what[lang]}`)),
      ),
      hotlineSources(result, lang, t),
    );
  } else {
    parts.push(glance(result, lang, t));
    parts.push(
      folded(fill(result.places.length === 1 ? t.wherePlacesOne : t.wherePlaces, { n: result.places.length }), [placesList(result, lang, t), hotlineSources(result, lang, t)], {
        cls: "as-where",
        open: true,
      }),
    );
    if (result.applicable.length) {
      parts.push(el("h3", { class: "as-measures-title" }, t.mayApply));
      parts.push(el("div", { class: "as-measures" }, result.applicable.map((m) => applicableMeasure(m, lang, t, seen))));
    }
    if (result.standing) parts.push(standing(result.standing, lang, t, onStandard));
    if (result.not_applicable.length) parts.push(others(result, lang, t));
  }
  parts.push(el("p", { class: "as-disclaimer" }, result.disclaimer[lang]));
  parts.push(
    el(
      "p",
      { class: "as-actions as-noprint" },
      el("button", { type: "button", class: "md-button md-button--primary", id: "as-share-result", onclick: onShare }, t.shareResult),
      el("button", { type: "button", class: "md-button", onclick: () => window.print() }, t.print),
      el("button", { type: "button", class: "md-button", onclick: onEdit }, t.editAnswers),
    ),
    el("p", { role: "status", id: "as-result-share-status", class: "as-noprint" }),
  );
  const screen = el("div", { class: "as-screen" }, parts);
  section.replaceChildren(screen, printSheet(result, lang, answered));
  section.hidden = false;
  return heading;
}
