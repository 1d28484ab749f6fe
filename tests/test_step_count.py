"""The form's step count never jumps up (issue 10).

The form counts the steps that may still be shown: those with a question that is
asked now or may be asked once open questions are answered
(conditions.js, `possibleQuestions`). Answering can only rule questions out, so
the count never grows as a person goes on; and once every asked question is
answered, what may be asked is exactly what is asked.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from node_script import node_json
from test_condition_parity import random_answers

from assessor.questions import questions, schema

SCRIPT = Path(__file__).resolve().parent / "js" / "possible_questions.mjs"


def asked_and_possible(answer_sets: list[dict]) -> list[tuple[list[str], list[str]]]:
    request = json.dumps({"questions": schema()["questions"], "answer_sets": answer_sets})
    return [tuple(pair) for pair in node_json(SCRIPT, stdin=request)]


def test_before_any_answer_every_question_may_be_asked():
    ((asked, possible),) = asked_and_possible([{}])
    assert possible == [q.id for q in questions().questions]
    assert set(asked) <= set(possible)


def test_answering_one_question_after_another_never_adds_a_possible_question():
    rng = random.Random(10)
    runs = []
    for _ in range(60):
        full = random_answers(rng)
        # The answers as a person gives them: in the form's order, one at a time.
        order = [q.id for q in questions().questions if q.id in full]
        runs.append([{qid: full[qid] for qid in order[:n]} for n in range(len(order) + 1)])
    results = iter(asked_and_possible([prefix for run in runs for prefix in run]))  # one node process
    for run in runs:
        steps = [next(results) for _ in run]
        for (asked, possible), (_, before) in zip(steps[1:], steps, strict=False):
            assert set(asked) <= set(possible)
            assert set(possible) <= set(before), f"answering added questions: {set(possible) - set(before)}"


def test_with_every_asked_question_answered_what_may_be_asked_is_what_is_asked():
    rng = random.Random(2026)
    answer_sets = []
    for _ in range(300):
        answers = random_answers(rng)
        answers.update({q.id: answers.get(q.id, False) for q in questions().questions if q.type == "boolean"})
        for q in questions().questions:
            if q.id not in answers:
                answers[q.id] = q.option_values[0] if q.option_values else q.min
        answer_sets.append(answers)
    for asked, possible in asked_and_possible(answer_sets):
        assert asked == possible
