// "What to check": one short paragraph for each "not sure" answer that matters
// (the result's `to_check`, assessor/API.md), with the clause it rests on.
// Kept apart from result.js so that the result's layout can change freely.

import { UI, el, fill } from "./text.js";

/** A section listing what to check, or null when there is nothing to check. */
export function renderToCheck(result, lang) {
  const checks = result.to_check ?? [];
  if (!checks.length) return null;
  const t = UI[lang];
  return el(
    "section",
    { class: "as-to-check", "aria-labelledby": "as-to-check-title" },
    el("h3", { id: "as-to-check-title" }, t.toCheckTitle),
    el(
      "ul",
      {},
      checks.map((check) =>
        el(
          "li",
          { "data-question": check.question },
          check[lang],
          " ",
          el("a", { href: `fulltext.html#${check.clause.anchor}` }, fill(t.clause, { label: check.clause.label[lang] })),
        ),
      ),
    ),
  );
}
