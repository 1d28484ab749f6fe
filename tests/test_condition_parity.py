"""The browser form asks exactly the questions the assessor asks.

The form decides which questions to show with web/conditions.js;
the assessor with assessor.questions.is_asked. Both must agree on the same answers,
or a person would be asked something the engine ignores, or not asked something it needs.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from node_script import node_json

from assessor.questions import is_asked, questions, schema

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "js" / "asked_questions.mjs"
SCENARIOS = ROOT / "tests" / "scenarios"


def asked_by_python(answers: dict) -> list[str]:
    """In order; an answer counts for later questions only if its question is asked."""
    counted: dict = {}
    asked = []
    for question in questions().questions:
        if is_asked(question, counted):
            asked.append(question.id)
            if question.id in answers:
                counted[question.id] = answers[question.id]
    return asked


def random_answers(rng: random.Random) -> dict:
    answers = {}
    for q in questions().questions:
        if rng.random() < 0.15:
            continue  # sometimes unanswered
        if q.type == "boolean":
            answers[q.id] = rng.random() < 0.5
        elif q.type == "choice":
            answers[q.id] = rng.choice(q.option_values)
        elif q.type == "multichoice":
            answers[q.id] = rng.sample(q.option_values, rng.randint(0, len(q.option_values)))
        elif q.type == "integer":
            # Values at and around the bounds that conditions name are the interesting ones.
            answers[q.id] = rng.choice([int(q.min), int(q.max), rng.randint(int(q.min), int(q.max))])
        else:
            answers[q.id] = rng.choice([q.min, q.max, round(rng.uniform(q.min, min(q.max, 100_000)), 2)])
    return answers


def scenario_answers() -> list[dict]:
    import tomllib

    return [tomllib.loads(p.read_text("utf-8")).get("answers", {}) for p in sorted(SCENARIOS.glob("*.toml"))]


def asked_by_javascript(answer_sets: list[dict]) -> list[list[str]]:
    request = json.dumps({"questions": schema()["questions"], "answer_sets": answer_sets})
    return node_json(SCRIPT, stdin=request)


def test_form_and_assessor_ask_the_same_questions():
    rng = random.Random(47)  # fixed: a failure must be reproducible
    answer_sets = [random_answers(rng) for _ in range(1500)] + scenario_answers()
    answer_sets.append({})
    for answers, asked_js in zip(answer_sets, asked_by_javascript(answer_sets), strict=True):
        assert asked_js == asked_by_python(answers), f"the form and the assessor disagree for {answers}"


def test_every_conditional_question_is_sometimes_asked_and_sometimes_not():
    rng = random.Random(2019)
    answer_sets = [random_answers(rng) for _ in range(1500)]
    seen = set().union(*(asked_by_python(a) for a in answer_sets))
    missing = [q.id for q in questions().questions if q.id not in seen]
    assert not missing, f"random answers never reach {missing}: the parity test would not cover them"
