// The printed result: one A4 page to take to the union office (tests/browser/test_print.py).
// It is built from the same result JSON as the screen, but laid out for paper:
// nothing folded, the answers given, where to go with contacts, the date and the
// page's address. Shown only in print (app.css); the screen result is hidden there.

import { UI, el, fill } from "./text.js";

function contactLine(place, hotlines, lang, t) {
  const c = place.contact;
  const parts = [];
  if (c?.phone) parts.push(`${t.phone}${t.colon}${c.phone}`);
  if (c?.address?.[lang]) parts.push(`${t.address}${t.colon}${c.address[lang]}`);
  if (c?.hours?.[lang]) parts.push(`${t.hours}${t.colon}${c.hours[lang]}`);
  if (c?.website) parts.push(c.website);
  if (c?.bring?.[lang]) parts.push(`${t.bring}${t.colon}${c.bring[lang]}`);
  const hotline = hotlines.find((h) => h.id === place.hotline);
  if (!c?.phone && hotline) {
    const call = `${t.callHotline} ${hotline.number} ${fill(t.inBrackets, { text: hotline.short[lang] })}`;
    // Nothing on record: "Contact details not yet on this site: call 12345 (…)".
    if (!parts.length) return `${t.notOnRecordShort}${t.colon}${lang === "en" ? call.toLowerCase() : call}`;
    parts.push(call);
  }
  return parts.join(lang === "zh" ? "；" : "; ");
}

/** The page's address without the answers (the part after # never goes to paper). */
function pageAddress() {
  return location.href.split("#")[0];
}

export function printSheet(result, lang, answered) {
  const t = UI[lang];
  const sep = lang === "zh" ? "；" : "; ";
  const parts = [
    el("h2", {}, t.resultTitle),
    el("p", { class: "as-print-meta" }, `${fill(t.printedOn, { date: result.as_of })} · ${t.pageAddress}${t.colon}${pageAddress()}`),
  ];
  if (!result.scope.in_scope) {
    parts.push(el("p", {}, result.scope.reasons.map((r) => r[lang]).join(" ")));
    parts.push(el("ul", {}, result.scope.where_else.map((w) => el("li", {}, w[lang]))));
    parts.push(el("ul", {}, result.hotlines.map((h) => el("li", {}, `${h.number} ${h.name[lang]}`))));
  } else {
    parts.push(el("p", { class: "as-print-summary" }, result.summary[lang]));
    parts.push(el("p", {}, result.standing.line[lang], " ", result.standing.standard.cited ? fill(t.inBrackets, { text: `${t.standardSource}${t.colon}${result.standing.standard.cited[lang]}` }) : ""));
    parts.push(
      el("h3", {}, t.printWhere),
      el(
        "ol",
        { class: "as-print-places" },
        result.places.map((p) =>
          el(
            "li",
            {},
            el("strong", {}, p.name[lang]),
            `${t.colon}${p.why.map((w) => w[lang]).join(" ")} `,
            el("span", { class: "as-print-contact" }, contactLine(p, result.hotlines, lang, t)),
          ),
        ),
      ),
    );
    if (result.applicable.length) {
      parts.push(
        el("h3", {}, t.mayApply),
        el(
          "ul",
          { class: "as-print-measures" },
          result.applicable.map((m) =>
            el(
              "li",
              {},
              el("strong", {}, `${fill(t.measure, { n: m.number })} ${m.title[lang]}`),
              ` (${m.clause.label[lang]})${t.colon}`,
              m.support.map((i) => (lang === "zh" ? i.zh : i.en)).join(sep) || m.plain[lang],
            ),
          ),
        ),
      );
    }
  }
  if (answered.length) {
    parts.push(
      el("h3", {}, t.printAnswers),
      el(
        "ul",
        { class: "as-print-answers" },
        answered.map(([label, value]) => el("li", {}, el("span", { class: "as-print-q" }, `${label}${t.colon}`), value)),
      ),
    );
  }
  parts.push(el("p", { class: "as-print-disclaimer" }, result.disclaimer[lang]));
  return el("div", { class: "as-print-sheet" }, parts);
}
