"""Answers in, clean answers or a list of errors out: nothing half-checked reaches the rules.

Every error names the question it concerns and says what is wrong in Chinese
and English (the words are in assessor/data/explanations.toml). All errors are
collected, so a form can mark every problem at once.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from functools import cache
from typing import Any

from .explanations import explanations
from .questions import NOT_SURE, Question, format_number, holds, questions

Error = dict[str, Any]


class InvalidAnswers(ValueError):
    """The answers cannot be assessed; `errors` says why, question by question."""

    def __init__(self, errors: list[Error]):
        super().__init__("; ".join(e["en"] for e in errors))
        self.errors = errors


def shown(value: Any) -> str:
    """A short, safe rendering of what was given, for messages."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def error(code: str, question: str | None, message: str | None = None, **fields: Any) -> Error:
    """A structured error; `message` names its text in explanations.toml: "errors.<message>"
    (default: the code), or a full "section.key"."""
    message = message or code
    template = explanations().text(message if "." in message else f"errors.{message}")
    return {
        "question": question,
        "code": code,
        "zh": template["zh"].format_map(_Fields(fields, "zh")),
        "en": template["en"].format_map(_Fields(fields, "en")),
    }


class _Fields(dict):
    """Placeholder values; a {"zh": …, "en": …} pair gives the one for the language."""

    def __init__(self, fields: dict[str, Any], lang: str):
        super().__init__({k: v[lang] if isinstance(v, dict) else v for k, v in fields.items()})


def question_error(code: str, question: Question, value: Any = None, **fields: Any) -> Error:
    return error(
        code,
        question.id,
        label={"zh": question.label_zh, "en": question.label_en},
        value=shown(value),
        **fields,
    )


# ── one answer ─────────────────────────────────────────────────────────────
# Each question gets its checker once (the batch checks every answer of every
# household): it returns the clean value, or raises Problem with the error.


class Problem(Exception):
    def __init__(self, error: Error):
        self.error = error


def _wrong_type(question: Question, value: Any) -> Problem:
    return Problem(
        question_error("wrong_type", question, value, expected=explanations().expected[question.type])
    )


def _out_of_range(question: Question, value: Any) -> Problem:
    return Problem(
        question_error(
            "out_of_range",
            question,
            value,
            min=format_number(question.min),
            max=format_number(question.max),
            amount={"zh": question.amount_zh, "en": question.amount_en},
        )
    )


def _unknown_option(question: Question, value: Any) -> Problem:
    options = {
        "zh": "、".join(f"{o.value}（{o.zh}）" for o in question.options),
        "en": ", ".join(f"{o.value} ({o.en})" for o in question.options),
    }
    return Problem(question_error("unknown_option", question, value, options=options))


def _boolean_checker(question: Question) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if value is True or value is False:
            return value
        raise _wrong_type(question, value)

    return check


def _number_checker(question: Question) -> Callable[[Any], Any]:
    integer, low, high = question.type == "integer", question.min, question.max
    not_sure = question.not_sure is not None

    def check(value: Any) -> Any:
        kind = type(value)
        if not_sure and kind is str and value == NOT_SURE:
            return value
        if kind is float:
            if not math.isfinite(value):
                raise Problem(question_error("not_finite", question, value))
            if integer:
                if not value.is_integer():
                    raise _wrong_type(question, value)
                value = int(value)
        elif kind is not int:  # bool is a subclass of int, and never a number here
            raise _wrong_type(question, value)
        if not low <= value <= high:
            raise _out_of_range(question, value)
        return value

    return check


def _choice_checker(question: Question) -> Callable[[Any], Any]:
    values = frozenset(question.option_values)

    def check(value: Any) -> Any:
        if type(value) is not str:
            raise _wrong_type(question, value)
        if value not in values:
            raise _unknown_option(question, value)
        return value

    return check


def _multichoice_checker(question: Question) -> Callable[[Any], Any]:
    values, order = frozenset(question.option_values), question.option_values

    def check(value: Any) -> Any:
        # A list of option values; repeats are ignored and the data's order kept.
        if not isinstance(value, list | tuple):
            raise _wrong_type(question, value)
        for v in value:
            if type(v) is not str:
                raise _wrong_type(question, value)
            if v not in values:
                raise _unknown_option(question, v)
        return [v for v in order if v in value] if value else []

    return check


CHECKERS = {
    "boolean": _boolean_checker,
    "integer": _number_checker,
    "number": _number_checker,
    "choice": _choice_checker,
    "multichoice": _multichoice_checker,
}


@cache
def _plan() -> tuple[tuple[Question, Any, Callable[[Any], Any]], ...]:
    """Each question with its step's condition and its checker, built once."""
    question_set = questions()
    return tuple((q, question_set.step_tests[q.step], CHECKERS[q.type](q)) for q in question_set.questions)


# ── all the answers ────────────────────────────────────────────────────────


def validate(raw: Any) -> tuple[dict[str, Any], list[Error]]:
    """Clean answers (only those asked) and the errors found; errors empty means valid."""
    if not isinstance(raw, dict):
        return {}, [error("bad_request", None, "answers_not_object")]
    by_id = questions().by_id
    errors = [
        error("unknown_question", key if isinstance(key, str) else None, value=shown(key))
        for key in raw
        if key not in by_id
    ]
    clean: dict[str, Any] = {}
    get = raw.get
    step, step_holds, last_test = None, True, False
    # is_asked(question, clean), with each step's condition tested once per step:
    # a step's condition names only questions of earlier steps (the loader checks).
    for question, step_test, check in _plan():
        value = get(question.id)
        if value is None and not question.required:
            continue  # nothing to check, asked or not
        if question.step != step:
            if step_test is not last_test:  # steps sharing a condition share its outcome
                step_holds = step_test is None or holds(*step_test, clean)
            step, last_test = question.step, step_test
        if not step_holds or (
            question.own_test is not None and not holds(question.own_test, question.own_refers_to, clean)
        ):
            continue
        if value is None:
            errors.append(question_error("missing_answer", question))
            continue
        try:
            clean[question.id] = check(value)
        except Problem as problem:
            errors.append(problem.error)
    return clean, errors


def clean_answers(raw: Any) -> dict[str, Any]:
    """The clean answers, or InvalidAnswers with every error."""
    clean, errors = validate(raw)
    if errors:
        raise InvalidAnswers(errors)
    return clean
