"""The self-assessment's questions (assessor/data/questions.toml) and their Condition language.

A question is asked only when its `when` Condition holds on the answers given
so far. The browser form evaluates the same conditions (assessor/API.md), so the
form shows a question by exactly the rule the assessor applies.

Conditions are checked when the data is loaded and compiled once into small
functions, because the batch screening evaluates them for every household.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from .datafile import DataError, Table, read_toml, unique_ids
from .policy import Policy, policy

FILE = "questions.toml"
TYPES = ("boolean", "integer", "number", "choice", "multichoice")
# The answer of someone who does not know (a question with `not_sure_zh/_en`):
# an extra option of a choice question, or this word instead of a number.
NOT_SURE = "not_sure"
CONDITION_OPERATORS = ("is", "in", "min", "max")

Answers = dict[str, Any]
Test = Callable[[Answers], bool]


@dataclass(frozen=True)
class Option:
    value: str
    zh: str
    en: str


@dataclass(frozen=True)
class Step:
    id: str
    title_zh: str
    title_en: str


@dataclass(frozen=True)
class Question:
    id: str
    step: str
    type: str
    label_zh: str
    label_en: str
    text_zh: str
    text_en: str
    help_zh: str | None
    help_en: str | None
    options: tuple[Option, ...]
    min: int | float | None
    max: int | float | None
    unit_zh: str | None
    unit_en: str | None
    required: bool
    when: dict[str, Any] | None  # the Condition as data (step's and question's combined)
    clause: str | None
    test: Test  # the compiled `when`
    refers_to: tuple[str, ...]  # question ids the condition names
    option_values: tuple[str, ...] = ()
    # The question's own condition apart from its step's (None: only the step's).
    # Validation tests a step's condition once per step, not once per question.
    own_test: Test | None = None
    own_refers_to: tuple[str, ...] = ()
    not_sure: Option | None = None  # the "not sure" answer, where a person may not know
    # Numeric questions: what the number counts, for messages ("人数", "a number of people").
    amount_zh: str | None = None
    amount_en: str | None = None

    def option_label(self, value: str, lang: str) -> str:
        for option in self.options:
            if option.value == value:
                return option.zh if lang == "zh" else option.en
        return value


@dataclass(frozen=True)
class QuestionSet:
    steps: tuple[Step, ...]
    questions: tuple[Question, ...]
    by_id: dict[str, Question]
    step_tests: dict[str, tuple[Test, tuple[str, ...]] | None]  # each step's compiled condition


def holds(test: Test | None, refers_to: tuple[str, ...], answers: Answers) -> bool:
    """A compiled condition on the answers; one naming an unanswered question does not hold."""
    if test is None:
        return True
    for question_id in refers_to:
        if question_id not in answers:
            return False
    return bool(test(answers))


def is_asked(question: Question, answers: Answers) -> bool:
    """Whether `question` is asked, given the (valid) answers so far.

    A condition that names an unanswered question does not hold (API.md).
    """
    return holds(question.test, question.refers_to, answers)  # no `when`: test is _always


# ── the Condition language ─────────────────────────────────────────────────


def _always(_answers: Answers) -> bool:
    return True


def _compile(condition: Any, where: str, known: dict[str, Question]) -> tuple[Test, frozenset[str]]:
    """Check a Condition against the questions defined before it and compile it."""

    def fail(problem: str) -> DataError:
        return DataError(f"{FILE}: {where} {problem}")

    if not isinstance(condition, dict) or len(condition) == 0:
        raise fail("must be a non-empty table (a Condition)")
    if "all" in condition or "any" in condition:
        (key,) = condition if len(condition) == 1 else (None,)
        if key is None or not isinstance(condition[key], list) or not condition[key]:
            raise fail(f"{key or 'all/any'} must be the only key, with a non-empty list of Conditions")
        parts = [_compile(c, f"{where}.{key}[{i}]", known) for i, c in enumerate(condition[key])]
        refers = frozenset().union(*(refs for _, refs in parts))
        combine = _both if key == "all" else _either
        test = parts[0][0]
        for other, _ in parts[1:]:
            test = combine(test, other)
        return test, refers
    if "not" in condition:
        if len(condition) != 1:
            raise fail("not must be the only key")
        inner, refers = _compile(condition["not"], f"{where}.not", known)
        return (lambda answers: not inner(answers)), refers
    return _compile_test(condition, where, known, fail)


def _compile_test(
    condition: dict, where: str, known: dict[str, Question], fail
) -> tuple[Test, frozenset[str]]:
    question_id = condition.get("q")
    if question_id not in known:
        raise fail(f"q {question_id!r} must name a question defined before this one")
    question = known[question_id]
    operators = set(condition) - {"q"}
    if not operators or not operators <= set(CONDITION_OPERATORS):
        raise fail(f"needs one or more of {', '.join(CONDITION_OPERATORS)} beside q, got {sorted(operators)}")
    tests: list[Test] = []
    if "is" in condition:
        expected = condition["is"]
        _check_value(question, expected, fail)
        tests.append(lambda answers: answers[question_id] == expected)
    if "in" in condition:
        values = condition["in"]
        if not isinstance(values, list) or not values:
            raise fail("in must be a non-empty list")
        for value in values:
            _check_value(question, value, fail)
        allowed = frozenset(values)
        if question.type == "multichoice":
            tests.append(lambda answers: not allowed.isdisjoint(answers[question_id]))
        else:
            tests.append(lambda answers: answers[question_id] in allowed)
    for key in ("min", "max"):
        if key in condition:
            bound = condition[key]
            if question.type not in ("integer", "number"):
                raise fail(f"{key} needs a numeric question, {question_id} is {question.type}")
            if isinstance(bound, bool) or not isinstance(bound, int | float):
                raise fail(f"{key} must be a number")
            # A "not sure" answer is no number: it meets no bound (as in conditions.js).
            if key == "min":
                tests.append(
                    lambda answers, b=bound: _is_number(answers[question_id]) and answers[question_id] >= b
                )
            else:
                tests.append(
                    lambda answers, b=bound: _is_number(answers[question_id]) and answers[question_id] <= b
                )
    test = tests[0]
    for other in tests[1:]:
        test = _both(test, other)
    return test, frozenset({question_id})


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# Chained closures rather than all()/any() over a generator: the batch evaluates
# these for every question of every household.
def _both(first: Test, second: Test) -> Test:
    return lambda answers: first(answers) and second(answers)


def _either(first: Test, second: Test) -> Test:
    return lambda answers: first(answers) or second(answers)


def _check_value(question: Question, value: Any, fail) -> None:
    """A value a condition compares with must be a possible answer."""
    if question.type in ("choice", "multichoice"):
        if value not in question.option_values:
            raise fail(f"{value!r} is not an option of {question.id}")
    elif question.type == "boolean":
        if not isinstance(value, bool):
            raise fail(f"{value!r} is not a boolean, and {question.id} is")
    elif isinstance(value, bool) or not isinstance(value, int | float):
        raise fail(f"{value!r} is not a number, and {question.id} is numeric")


def _combine(step_when: Any, question_when: Any) -> Any:
    """The step's condition and the question's, as one Condition (or None)."""
    parts = []
    for condition in (step_when, question_when):
        if condition is None:
            continue
        if isinstance(condition, dict) and set(condition) == {"all"} and isinstance(condition["all"], list):
            parts.extend(condition["all"])
        else:
            parts.append(condition)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else {"all": parts}


# ── reading the file ───────────────────────────────────────────────────────


def parameter_values(the_policy: Policy) -> dict[str, str]:
    """The latest value of each dated parameter, for {placeholders} in texts."""
    values = {}
    for parameter_id, parameter in the_policy.parameters.items():
        if parameter.values:
            values[parameter_id] = format_number(parameter.values[-1].value)
    return values


def format_number(value: float) -> str:
    """840 → "840", 666.666… → "666.67": how figures appear in texts."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text if text != "-0" else "0"


def _filled(table: Table, key: str, values: dict[str, str], default: Any = ...) -> Any:
    text = table.text(key, default)
    if not isinstance(text, str):
        return text
    try:
        return text.format_map(values)
    except (KeyError, ValueError) as error:
        raise DataError(f"{FILE}: {table.path(key)} names an unknown parameter {error}") from None


def _number(table: Table, key: str) -> int | float | None:
    value = table.get(key, (int, float), None)
    if value is not None and not math.isfinite(value):
        raise DataError(f"{FILE}: {table.path(key)} must be finite")
    return value


def load_questions(folder: Any = None, the_policy: Policy | None = None) -> QuestionSet:
    """Read and check questions.toml. `folder` defaults to assessor/data."""
    the_policy = the_policy or policy()
    values = parameter_values(the_policy)
    root = Table(read_toml(FILE, folder), FILE, "")
    steps, step_when = [], {}
    for table in root.tables("steps"):
        step = Step(id=table.text("id"), title_zh=table.text("title_zh"), title_en=table.text("title_en"))
        step_when[step.id] = table.get("when", dict, None)
        steps.append(step)
        table.done()
    unique_ids(steps, FILE, "step")
    known: dict[str, Question] = {}
    for table in root.tables("questions"):
        question = _read_question(table, values, step_when, known, the_policy)
        if question.id in known:
            raise DataError(f"{FILE}: duplicate question id {question.id!r}")
        known[question.id] = question
    root.done()
    step_tests, compiled = {}, {}
    for step in steps:
        if step_when[step.id] is None:
            step_tests[step.id] = None
            continue
        # Steps with the same condition share one compiled test, so validation can
        # reuse the outcome of the previous step's.
        key = json.dumps(step_when[step.id], sort_keys=True)
        if key not in compiled:
            test, refers = _compile(step_when[step.id], f"steps.{step.id}.when", known)
            compiled[key] = (test, tuple(sorted(refers)))
        step_tests[step.id] = compiled[key]
    return QuestionSet(
        steps=tuple(steps), questions=tuple(known.values()), by_id=known, step_tests=step_tests
    )


def _read_question(
    table: Table,
    values: dict[str, str],
    step_when: dict[str, Any],
    known: dict[str, Question],
    the_policy: Policy,
) -> Question:
    where = table.where
    question_id, step, kind = table.text("id"), table.text("step"), table.text("type")
    if step not in step_when:
        raise DataError(f"{FILE}: {where}.step {step!r} is not a step")
    if kind not in TYPES:
        raise DataError(f"{FILE}: {where}.type {kind!r} is not one of {', '.join(TYPES)}")
    options = []
    for option in table.tables("options", []):
        options.append(
            Option(
                value=option.text("value"),
                zh=_filled(option, "zh", values),
                en=_filled(option, "en", values),
            )
        )
        option.done()
    not_sure = None
    if table.text("not_sure_zh", None) is not None or table.text("not_sure_en", None) is not None:
        if kind not in ("integer", "number", "choice", "multichoice"):
            raise DataError(f"{FILE}: {where}.not_sure is for numeric and choice questions only")
        not_sure = Option(value=NOT_SURE, zh=table.text("not_sure_zh"), en=table.text("not_sure_en"))
        if kind in ("choice", "multichoice"):
            options.append(not_sure)  # an option like the others, so conditions may name it
    if (kind in ("choice", "multichoice")) != bool(options):
        raise DataError(f"{FILE}: {where}.options are needed for choice questions and only for them")
    if len({o.value for o in options}) != len(options):
        raise DataError(f"{FILE}: {where}.options repeat a value")
    low, high = _number(table, "min"), _number(table, "max")
    if kind in ("integer", "number"):
        if low is None or high is None or low > high:
            raise DataError(f"{FILE}: {where} needs min <= max for a {kind} question")
    elif low is not None or high is not None:
        raise DataError(f"{FILE}: {where}.min/max are for numeric questions only")
    amount_zh, amount_en = table.text("amount_zh", None), table.text("amount_en", None)
    if (kind in ("integer", "number")) != (amount_zh is not None and amount_en is not None):
        raise DataError(f"{FILE}: {where} needs amount_zh and amount_en (numeric questions only)")
    clause = table.text("clause", None)
    if clause is not None and clause not in the_policy.clauses:
        raise DataError(f"{FILE}: {where}.clause {clause!r} is not a clause of the text")
    own_when = table.get("when", dict, None)
    when = _combine(step_when[step], own_when)
    question = Question(
        id=question_id,
        step=step,
        type=kind,
        label_zh=table.text("label_zh"),
        label_en=table.text("label_en"),
        text_zh=_filled(table, "text_zh", values),
        text_en=_filled(table, "text_en", values),
        help_zh=_filled(table, "help_zh", values, None),
        help_en=_filled(table, "help_en", values, None),
        options=tuple(options),
        min=low,
        max=high,
        unit_zh=table.text("unit_zh", None),
        unit_en=table.text("unit_en", None),
        required=table.get("required", bool, True),
        when=when,
        clause=clause,
        test=_always,
        refers_to=(),
        option_values=tuple(o.value for o in options),
        not_sure=not_sure,
        amount_zh=amount_zh,
        amount_en=amount_en,
    )
    if (question.help_zh is None) != (question.help_en is None) or (
        (question.unit_zh is None) != (question.unit_en is None)
    ):
        raise DataError(f"{FILE}: {where} needs help and unit in both zh and en, or neither")
    table.done()
    if when is None:
        return question
    test, refers = _compile(when, f"{where}.when", known)
    own = {}
    if own_when is not None:
        own_test, own_refers = _compile(own_when, f"{where}.when", known)
        own = {"own_test": own_test, "own_refers_to": tuple(sorted(own_refers))}
    if step_when[step] is not None:
        _, step_refers = _compile(step_when[step], f"steps.{step}.when", known)
        if any(known[q].step == step for q in step_refers):
            raise DataError(f"{FILE}: steps.{step}.when must name questions of earlier steps only")
    return Question(**{**question.__dict__, "test": test, "refers_to": tuple(sorted(refers)), **own})


@cache
def questions() -> QuestionSet:
    """The shipped questions, read once."""
    return load_questions()


def _text(zh: str | None, en: str | None) -> dict[str, str] | None:
    return None if zh is None else {"zh": zh, "en": en}


def schema(question_set: QuestionSet | None = None) -> dict[str, Any]:
    """The questions as served to the browser and by `python -m assessor questions`."""
    question_set = question_set or questions()
    return {
        "ok": True,
        "steps": [{"id": s.id, "title": {"zh": s.title_zh, "en": s.title_en}} for s in question_set.steps],
        "questions": [_question_json(q) for q in question_set.questions],
    }


def _question_json(question: Question) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": question.id,
        "step": question.step,
        "type": question.type,
        "label": {"zh": question.label_zh, "en": question.label_en},
        "text": {"zh": question.text_zh, "en": question.text_en},
        "help": _text(question.help_zh, question.help_en),
    }
    if question.options:
        data["options"] = [{"value": o.value, "zh": o.zh, "en": o.en} for o in question.options]
    if question.type in ("integer", "number"):
        data.update(min=question.min, max=question.max, unit=_text(question.unit_zh, question.unit_en))
    if question.not_sure is not None:
        data["not_sure"] = {"value": NOT_SURE, "zh": question.not_sure.zh, "en": question.not_sure.en}
    data.update(required=question.required, when=question.when, clause=question.clause)
    return data
