"""The result's and the errors' words (assessor/data/explanations.toml), read strictly.

Every text is a pair {"zh": …, "en": …}. The loader checks that each pair is
complete and that the file has exactly the texts the code asks for, so a
missing translation or a stale key fails at load time, not in a worker's result.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from .datafile import DataError, Table, read_toml
from .questions import TYPES

FILE = "explanations.toml"
Text = dict[str, str]

# The texts each section must have (conditions are checked against rules.py).
SECTIONS = {
    "scope": ("in_scope", "outside_baotou", "not_worker"),
    "standing": (
        "unit",
        "user_label",
        "above",
        "equal",
        "below",
        "lifted_out",
        "not_lifted_out",
        "months_rule",
        "relief_path",
        "default_figure",
        "no_standard",
    ),
    "next_steps": ("register", "first_department", "none_applicable"),
    # The answer first (issue 9): one sentence, the places to go in order, one line on the standard.
    "glance": (
        "summary_some",
        "summary_none",
        "line_above",
        "line_equal",
        "line_below",
        "register_why",
        "leads_measure",
        "register_place",
    ),
    "errors": (
        "malformed_json",
        "not_an_object",
        "unknown_action",
        "unknown_field",
        "answers_not_object",
        "bad_as_of",
        "as_of_before_plan",
        "unknown_question",
        "missing_answer",
        "wrong_type",
        "not_finite",
        "out_of_range",
        "unknown_option",
        "internal_error",
        "request_too_large",
        "too_deep",
        "too_many_keys",
        "not_unicode",
        "too_many_errors",
    ),
    # Why a batch register is refused whole, or a row of it not screened (assessor/batch.py).
    "register": (
        "empty",
        "no_question",
        "unknown_column",
        "repeated_column",
        "unclosed_quote",
        "bad_csv",
        "line_too_long",
        "not_text",
        "unknown_encoding",
        "mixed_encoding",
        "bad_as_of",
        "too_many_cells",
        "household_id_label",
        "needs_openpyxl",
        "not_xlsx",
    ),
}
SCOPE_LISTS = ("where_else_outside_baotou", "where_else_not_worker")


@dataclass(frozen=True)
class Condition:
    reason: Text
    would_apply_if: Text


@dataclass(frozen=True)
class Explanations:
    texts: dict[str, Text]  # "section.key" → text
    where_else: dict[str, tuple[Text, ...]]  # "outside_baotou" / "not_worker" → texts
    conditions: dict[str, Condition]  # predicate name → texts
    expected: dict[str, Text]  # question type → what an answer must be
    user_source: str  # the `source` of a standard the user entered
    disclaimer: Text
    to_check: dict[str, Text]  # question id → what to check after a "not sure" answer

    def text(self, key: str) -> Text:
        return self.texts[key]


def _pair(table: Table, key: str) -> Text:
    return {"zh": table.text(f"{key}_zh"), "en": table.text(f"{key}_en")}


def load_explanations(
    folder: Any = None, predicates: tuple[str, ...] | None = None, to_check: tuple[str, ...] | None = None
) -> Explanations:
    root = Table(read_toml(FILE, folder), FILE, "")
    texts = {}
    for section, keys in SECTIONS.items():
        table = root.table(section)
        for key in keys:
            texts[f"{section}.{key}"] = _pair(table, key)
        if section == "scope":
            where_else = {}
            for key in SCOPE_LISTS:
                entries = []
                for entry in table.tables(key):
                    entries.append(_pair_plain(entry))
                    entry.done()
                where_else[key.removeprefix("where_else_")] = tuple(entries)
        if section == "standing":
            user_source = table.text("user_source")
        if section == "errors":
            expected_table = table.table("expected")
            expected = {kind: _pair(expected_table, kind) for kind in TYPES}
            expected_table.done()
        table.done()
    conditions_table = root.table("conditions")
    conditions = {}
    for name in conditions_table.data:
        entry = conditions_table.table(name)
        conditions[name] = Condition(
            reason=_pair(entry, "reason"), would_apply_if=_pair(entry, "would_apply_if")
        )
        entry.done()
    conditions_table.done()
    if predicates is not None and set(conditions) != set(predicates):
        missing = sorted(set(predicates) - set(conditions))
        extra = sorted(set(conditions) - set(predicates))
        raise DataError(
            f"{FILE}: conditions must match the rules' predicates; missing {missing}, unknown {extra}"
        )
    disclaimer_table = root.table("disclaimer")
    disclaimer = _pair_plain(disclaimer_table)
    disclaimer_table.done()
    check_table = root.table("to_check")
    checks = {}
    for question_id in check_table.data:
        entry = check_table.table(question_id)
        checks[question_id] = _pair_plain(entry)
        entry.done()
    check_table.done()
    if to_check is not None and set(checks) != set(to_check):
        raise DataError(
            f"{FILE}: [to_check] must name exactly the questions of rules.TO_CHECK {sorted(to_check)}"
        )
    root.done()
    return Explanations(
        texts=texts,
        where_else=where_else,
        conditions=conditions,
        expected=expected,
        user_source=user_source,
        disclaimer=disclaimer,
        to_check=checks,
    )


def _pair_plain(table: Table) -> Text:
    return {"zh": table.text("zh"), "en": table.text("en")}


@cache
def explanations() -> Explanations:
    """The shipped texts, read once and checked against the rules' predicates."""
    from .rules import PREDICATES, TO_CHECK  # rules imports nothing from here at import time

    return load_explanations(predicates=tuple(PREDICATES), to_check=tuple(TO_CHECK))
