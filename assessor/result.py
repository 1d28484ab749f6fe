"""The result of an assessment, exactly as assessor/API.md describes it.

The rules (assessor/rules.py) decide; this module only says it, in Chinese and
English, with the words of assessor/data/explanations.toml and the clauses of
the plan. It says what *may* apply: the departments decide.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from .contacts import contacts
from .explanations import Text, explanations
from .policy import Clause, Department, Measure, SupportItem, Term, policy
from .questions import NOT_SURE, format_number, questions
from .rules import (
    TO_CHECK,
    Household,
    MeasureRule,
    Path,
    Standard,
    is_above_dibao_standard,
    is_below_dibao_standard,
    is_in_baotou_urban,
    is_in_scope,
    is_lifted_out,
    is_on_relief_path,
    measure_rules,
    months_required,
    official_standard,
    screen,
)
from .validation import InvalidAnswers, clean_answers, error

LANGS = ("zh", "en")


def assess(answers: Any, as_of: dt.date | None = None) -> dict[str, Any]:
    """Which measures of the plan may apply to a household, and why.

    Raises InvalidAnswers (with every error) when the answers or `as_of` cannot be assessed.
    """
    as_of = check_as_of(as_of if as_of is not None else dt.date.today())
    clean = clean_answers(answers)
    household, standard = judged_household(clean, as_of)
    if standard is None:
        return _out_of_scope(household, as_of)
    return _in_scope(household, clean, standard, as_of)


def judged_household(clean: dict[str, Any], as_of: dt.date) -> tuple[Household, Standard | None]:
    """The household as the rules see it and, when it is in scope, the standard it is judged by
    (None: out of scope). Shared by `assess` and the batch, so both judge alike.

    Raises InvalidAnswers when no standard is on record for `as_of`.
    """
    household = Household(clean)
    if not is_in_scope(household):
        return household, None  # out of scope needs no standard, so none can be missing
    standard = standard_used(clean, as_of)
    household.standard, household.months_required = standard.value, months_required(as_of)
    return household, standard


def check_as_of(as_of: Any) -> dt.date:
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        raise InvalidAnswers([error("bad_request", None, "bad_as_of", value=repr(as_of)[:40])])
    signed = policy().document["signed"]
    if as_of < signed:
        raise InvalidAnswers([error("bad_request", None, "as_of_before_plan", signed=signed.isoformat())])
    return as_of


def standard_used(clean: dict[str, Any], as_of: dt.date) -> Standard:
    """The user's figure if they entered one, else the one in force on `as_of` (rules.official_standard)."""
    if clean.get("dibao_standard") is not None:
        texts = explanations()
        label = texts.text("standing.user_label")
        return Standard(
            value=clean["dibao_standard"],
            label_zh=label["zh"],
            label_en=label["en"],
            source=texts.user_source,
            start=None,
            is_local=False,
            user_set=True,
        )
    standard = official_standard(as_of)
    if standard is None:
        raise InvalidAnswers(
            [error("missing_answer", "dibao_standard", "standing.no_standard", as_of=str(as_of))]
        )
    return standard


# ── pieces ─────────────────────────────────────────────────────────────────


def _fill(text: Text, fields: dict[str, Any]) -> Text:
    return {lang: text[lang].format_map(_Answers(fields, lang)) for lang in LANGS}


class _Answers(dict):
    """Placeholders: computed fields as given, question ids as the answer's label in the language."""

    def __init__(self, fields: dict[str, Any], lang: str):
        super().__init__()
        self.fields, self.lang = fields, lang

    def __missing__(self, key: str) -> str:
        value = self.fields.get(key)
        if isinstance(value, dict):
            return value[self.lang]
        question = questions().by_id.get(key)
        if question is None or isinstance(value, str | int | float) and not question.options:
            return format_number(value) if isinstance(value, int | float) else str(value)
        values = value if isinstance(value, list) else [value]
        labels = [question.option_label(v, self.lang) for v in values]
        if self.lang == "en":  # option labels are capitalised; here they stand mid-sentence
            return "; ".join(label[:1].lower() + label[1:] for label in labels)
        return "、".join(labels)


def _department(department: Department) -> dict[str, str]:
    return {"id": department.id, "zh": department.zh, "en": department.en}


@cache
def clause_json(clause: Clause) -> dict[str, Any]:
    return {
        "id": clause.id,
        "label": {"zh": clause.label("zh"), "en": clause.label("en")},
        "anchor": clause.anchor,
        "text": {"zh": clause.zh, "en": clause.en},
    }


def _title(measure: Measure) -> Text:
    return {"zh": measure.title_zh, "en": measure.title_en}


def _holding(paths: tuple[Path, ...], household: Household) -> list[str]:
    """The predicates of every path that holds: what led there."""
    names: dict[str, None] = {}
    for path in paths:
        if all(predicate(household) for predicate in path):
            names.update(dict.fromkeys(p.__name__ for p in path))
    return list(names)


def _nearest_unmet(paths: tuple[Path, ...], household: Household) -> list[str]:
    """The unmet predicates of the path closest to holding: the one with most of its conditions
    already met, then the fewest unmet; the first on a tie."""
    best, best_key = [], None
    for path in paths:
        unmet = [p.__name__ for p in path if not p(household)]
        key = (len(unmet) - len(path), len(unmet))  # -(met), unmet
        if best_key is None or key < best_key:
            best, best_key = unmet, key
    return best


def _reasons(names: list[str], fields: dict[str, Any]) -> list[Text]:
    """The reason of each predicate, each text once (two predicates may cite the same answer)."""
    conditions = explanations().conditions
    reasons: dict[str, Text] = {}
    for name in names:
        text = _fill(conditions[name].reason, fields)
        reasons.setdefault(text["en"], text)
    return list(reasons.values())


def _applicable(rule: MeasureRule, items: list[SupportItem], household: Household, fields: dict) -> dict:
    measure = rule.measure
    paths = {item.id: item_paths for item, item_paths in rule.support}
    names = dict.fromkeys(_holding(rule.paths, household))
    support = []
    for item in items:
        item_names = _holding(paths[item.id], household)
        names.update(dict.fromkeys(item_names))
        support.append(
            {
                "id": item.id,
                "zh": item.zh,
                "en": item.en,
                "plain": {"zh": item.plain_zh, "en": item.plain_en},
                "reasons": _reasons(item_names, fields),
            }
        )
    return {
        "id": measure.id,
        "number": measure.number,
        "title": _title(measure),
        "plain": {"zh": measure.plain_zh, "en": measure.plain_en},
        "terms": [_term(term) for term in _terms_in([measure.title_zh, *(i.zh for i in items)])],
        "lead": [_department(d) for d in measure.lead],
        "cooperating": [_department(d) for d in measure.cooperating],
        "support": support,
        "reasons": _reasons(list(names), fields),
        "clause": clause_json(measure.clause),
    }


def _not_applicable(rule: MeasureRule, household: Household, fields: dict) -> dict:
    conditions = explanations().conditions
    unmet = _nearest_unmet(rule.paths, household)
    return {
        "id": rule.measure.id,
        "number": rule.measure.number,
        "title": _title(rule.measure),
        "would_apply_if": [_fill(conditions[name].would_apply_if, fields) for name in unmet],
        "clause": clause_json(rule.measure.clause),
    }


def _term(term: Term) -> dict[str, Any]:
    return {"id": term.id, "zh": term.zh, "en": term.en, "plain": {"zh": term.plain_zh, "en": term.plain_en}}


def _terms_in(texts: list[str]) -> list[Term]:
    """The glossary's terms (those with a plain explanation) that occur in `texts`.
    A term written "最低生活保障（低保）" matches either of its forms."""
    found = []
    for term in policy().terms:
        if not term.plain_zh:
            continue
        forms = [f for f in term.zh.replace("）", "（").split("（") if f]
        if any(form in text for form in forms for text in texts):
            found.append(term)
    return found


# ── the answer first: summary, places to go in order, standing in one line ──


def hotlines_json() -> list[dict[str, Any]]:
    """The verified channels (12345, 12351) with their sources, for every result."""
    return [hotline.json() for hotline in contacts().hotlines]


# Where a department's details are not on record: the union's own hotline for the
# union, the government service hotline for every other department.
FALLBACK_HOTLINE = {"union": "union-12351"}
DEFAULT_HOTLINE = "government-12345"


def _place(department: Department, name: Text | None = None) -> dict[str, Any]:
    return {
        "department": _department(department),
        "name": name or {"zh": department.zh, "en": department.en},
        "why": [],
        "measures": [],
        "contact": contacts().departments[department.id].json(),
        "hotline": FALLBACK_HOTLINE.get(department.id, DEFAULT_HOTLINE),
    }


def places(applicable_rules: list[MeasureRule]) -> list[dict[str, Any]]:
    """Every department the household should approach, in the order to go: the union
    first (建档, 二（一）), then the lead department of each measure that may apply, in
    the plan's order; a department leading several measures appears once."""
    texts = explanations()
    the_policy = policy()
    union = the_policy.departments["union"]
    first = _place(union, texts.text("glance.register_place"))
    first["why"].append(texts.text("glance.register_why"))
    ranked = {union.id: first}
    for rule in applicable_rules:
        measure = rule.measure
        for department in measure.lead:
            place = ranked.setdefault(department.id, _place(department))
            place["measures"].append(measure.id)
            place["why"].append(
                _fill(
                    texts.text("glance.leads_measure"),
                    {"number": str(measure.number), "title": _title(measure)},
                )
            )
    return list(ranked.values())


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven")


def _summary(applicable: list[dict[str, Any]]) -> Text:
    texts = explanations()
    if not applicable:
        return texts.text("glance.summary_none")
    titles_en = [m["title"]["en"][:1].lower() + m["title"]["en"][1:] for m in applicable]
    if len(titles_en) <= 2:  # titles contain "and" themselves: a comma keeps them apart
        joined_en = ", and ".join(titles_en)
    else:
        joined_en = "; ".join(titles_en[:-1]) + "; and " + titles_en[-1]
    count = len(applicable)
    text = _fill(
        texts.text("glance.summary_some"),
        {
            "count": {
                "zh": str(count),
                "en": NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else str(count),
            },
            "titles": {"zh": "、".join(m["title"]["zh"] for m in applicable), "en": joined_en},
        },
    )
    text["en"] = text["en"][:1].upper() + text["en"][1:]
    return text


# ── the whole result ───────────────────────────────────────────────────────


def _disclaimer() -> Text:
    document = policy().document
    return _fill(
        explanations().disclaimer,
        {
            "signed": document["signed"].isoformat(),
            "target_year": str(document["target_year"]),
        },
    )


def _out_of_scope(household: Household, as_of: dt.date) -> dict[str, Any]:
    texts = explanations()
    why = "outside_baotou" if not is_in_baotou_urban(household) else "not_worker"
    return {
        "ok": True,
        "as_of": as_of.isoformat(),
        "scope": {
            "in_scope": False,
            "reasons": [texts.text(f"scope.{why}")],
            "where_else": list(texts.where_else[why]),
        },
        "applicable": [],
        "not_applicable": [],
        "standing": None,
        "next_steps": [],
        "summary": None,
        "places": [],
        "hotlines": hotlines_json(),
        "disclaimer": _disclaimer(),
        "to_check": [],
    }


def _in_scope(household: Household, clean: dict[str, Any], standard: Standard, as_of: dt.date) -> dict:
    texts = explanations()
    per_capita = household.monthly_income / household.household_size
    fields = {
        **clean,
        "per_capita_income": format_number(per_capita),
        "standard": format_number(standard.value),
    }
    found = {rule.measure.id: items for rule, items in screen(household)}
    applicable, not_applicable, applicable_rules = [], [], []
    for rule in measure_rules():
        if rule.measure.id in found:
            applicable.append(_applicable(rule, found[rule.measure.id], household, fields))
            applicable_rules.append(rule)
        else:
            not_applicable.append(_not_applicable(rule, household, fields))
    next_steps = [texts.text("next_steps.register")]
    if applicable:
        first = next(r.measure for r in measure_rules() if r.measure.id in found)
        department = {
            "zh": "、".join(d.zh for d in first.lead),
            "en": " and ".join(d.en for d in first.lead),
        }
        next_steps.append(
            _fill(
                texts.text("next_steps.first_department"),
                {
                    "department": department,
                    "number": str(first.number),
                    "title": _title(first),
                },
            )
        )
    else:
        next_steps.append(texts.text("next_steps.none_applicable"))
    return {
        "ok": True,
        "as_of": as_of.isoformat(),
        "scope": {"in_scope": True, "reasons": [texts.text("scope.in_scope")], "where_else": []},
        "applicable": applicable,
        "not_applicable": not_applicable,
        "standing": _standing(household, standard, per_capita, fields),
        "next_steps": next_steps,
        "summary": _summary(applicable),
        "places": places(applicable_rules),
        "hotlines": hotlines_json(),
        "disclaimer": _disclaimer(),
        "to_check": _to_check(household),
    }


def _to_check(household: Household) -> list[dict[str, Any]]:
    """What to find out, for each "not sure" answer that matters here (rules.TO_CHECK)."""
    texts, clauses = explanations().to_check, policy().clauses
    checks = []
    for question_id, (matters, clause) in TO_CHECK.items():
        if matters(household):
            text = _fill(texts[question_id], {"required": str(household.months_required)})
            checks.append({"question": question_id, **text, "clause": clause_json(clauses[clause])})
    return checks


def _standing(household: Household, standard: Standard, per_capita: float, fields: dict) -> dict[str, Any]:
    texts = explanations()
    # None when the answer was "not sure": the result then says what to check.
    months = None if household.months_above_standard == NOT_SURE else household.months_above_standard or 0
    lifted_out, relief_path = is_lifted_out(household), is_on_relief_path(household)
    if is_above_dibao_standard(household):
        income = "above"
    elif is_below_dibao_standard(household):
        income = "below"
    else:
        income = "equal"
    fields = {**fields, "months": str(months), "required": str(household.months_required)}
    sentences = [texts.text(f"standing.{income}")]
    if lifted_out:
        sentences.append(texts.text("standing.lifted_out"))
    else:
        known = income == "above" and months is not None
        sentences.append(texts.text("standing.not_lifted_out" if known else "standing.months_rule"))
    if relief_path:
        sentences.append(texts.text("standing.relief_path"))
    if not standard.user_set:
        fields["label"] = {"zh": standard.label_zh, "en": standard.label_en}
        fields["from"] = standard.start.isoformat()
        sentences.append(texts.text("standing.default_figure"))
    filled = [_fill(s, fields) for s in sentences]
    line = _fill(
        texts.text(f"glance.line_{income}"),
        {**fields, "label": {"zh": standard.label_zh, "en": standard.label_en}},
    )
    return {
        "household_size": household.household_size,
        "monthly_income": household.monthly_income,
        "per_capita_income": round(per_capita, 2),
        "standard": {
            "value": standard.value,
            "unit": texts.text("standing.unit"),
            "label": {"zh": standard.label_zh, "en": standard.label_en},
            "source": standard.source,
            # What readers see: publisher, title, date (None: entered by the user).
            "cited": None
            if standard.cited is None
            else {"zh": standard.cited.cited("zh"), "en": standard.cited.cited("en")},
            "from": standard.start.isoformat() if standard.start else None,
            "is_local": standard.is_local,
            "user_set": standard.user_set,
        },
        "below_standard": income == "below",
        "months_above": months,
        "months_required": household.months_required,
        "lifted_out": lifted_out,
        "relief_path": relief_path,
        "summary": {
            "zh": "".join(s["zh"] for s in filled),
            "en": " ".join(s["en"] for s in filled),
        },
        "line": line,
    }
