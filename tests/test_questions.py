"""The questions as data: well formed, asked only when relevant, and the rules' predicates well named."""

from __future__ import annotations

import inspect
import io
import re
import tokenize

import pytest

from assessor import rules
from assessor.datafile import DataError
from assessor.explanations import explanations
from assessor.policy import policy
from assessor.questions import is_asked, load_questions, questions, schema

IN_SCOPE = {"in_baotou_urban": True, "is_worker": True}


def asked(answers: dict) -> list[str]:
    return [q.id for q in questions().questions if is_asked(q, answers)]


def test_someone_outside_baotou_is_asked_nothing_more():
    assert asked({"in_baotou_urban": False}) == ["in_baotou_urban"]


def test_someone_who_is_not_a_worker_is_asked_nothing_more():
    assert asked({"in_baotou_urban": True, "is_worker": False}) == ["in_baotou_urban", "is_worker"]


def test_a_worker_in_baotou_sees_a_short_form_with_follow_ups_hidden():
    shown = asked(IN_SCOPE)
    for follow_up in (
        "layoff_cause",
        "working_age",
        "wants_work",
        "wants_business",
        "wants_training",
        "trainee_background",
        "market_job_hard",
    ):
        assert follow_up not in shown
    assert len(shown) <= 20


def test_follow_up_questions_appear_when_an_answer_makes_them_relevant():
    assert "layoff_cause" in asked({**IN_SCOPE, "employment_status": "laid_off"})
    assert "layoff_cause" not in asked({**IN_SCOPE, "employment_status": "working"})
    able = {**IN_SCOPE, "able_to_work": True}
    assert "wants_work" in asked({**able, "working_age": "working_age"})
    assert "wants_work" not in asked({**able, "working_age": "under_minimum"})
    trainable = {**able, "employment_status": "working", "enterprise_situation": ["long_stopped"]}
    assert "wants_training" in asked(trainable)
    assert "wants_training" not in asked({**trainable, "enterprise_situation": ["declining"]})
    assert "market_job_hard" in asked({**IN_SCOPE, "recognised_difficulty": ["zero_employment_household"]})
    assert "market_job_hard" not in asked({**IN_SCOPE, "recognised_difficulty": []})


def test_every_question_has_both_languages_and_cites_a_real_clause():
    clauses = policy().clauses
    for question in schema()["questions"]:
        for key in ("label", "text"):
            assert question[key]["zh"] and question[key]["en"], question["id"]
        assert question["clause"] in clauses, question["id"]


def test_the_working_age_question_explains_the_retirement_age_and_uses_the_parameter():
    question = questions().by_id["working_age"]
    minimum = str(int(policy().parameters["working_age_minimum"].values[-1].value))
    assert "2025" in question.help_zh and "retirement" in question.help_en
    assert minimum in question.options[0].zh and "{" not in question.help_en


def test_the_schema_matches_the_documented_shape():
    data = schema()
    assert data["ok"] is True and {s["id"] for s in data["steps"]} >= {q["step"] for q in data["questions"]}
    for question in data["questions"]:
        assert set(question) >= {"id", "step", "type", "text", "help", "required", "when", "clause"}
        if question["type"] in ("choice", "multichoice"):
            assert question["options"]
        if question["type"] in ("integer", "number"):
            assert question["min"] <= question["max"]


BROKEN = [
    ("unknown key", "nonsense = 1", "not a known key"),
    ("bad type", 'type = "slider"', "is not one of"),
    ("condition on a later question", 'when = { q = "sudden_hardship", is = true }', "defined before"),
    (
        "condition with an impossible answer",
        'when = { q = "in_baotou_urban", is = "astronaut" }',
        "not a boolean",
    ),
]


@pytest.mark.parametrize(("what", "line", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_question_data_is_rejected_naming_the_file_and_key(tmp_path, what, line, message):
    from importlib import resources

    text = resources.files("assessor.data").joinpath("questions.toml").read_text(encoding="utf-8")
    key = line.split(" = ")[0]
    # Replace (or add) the key in the question "is_worker".
    block_start = text.index('id = "is_worker"')
    block = text[block_start:]
    if re.search(rf"^{key} = .*$", block.split("[[questions]]")[0], re.M):
        block = re.sub(rf"^{key} = .*$", line, block, count=1, flags=re.M)
    else:
        block = block.replace('id = "is_worker"', f'id = "is_worker"\n{line}', 1)
    (tmp_path / "questions.toml").write_text(text[:block_start] + block, encoding="utf-8")
    with pytest.raises(DataError, match="questions.toml") as caught:
        load_questions(tmp_path)
    assert message in str(caught.value)


def test_every_predicate_is_named_for_what_it_decides_and_cites_its_clause():
    for name, predicate in rules.PREDICATES.items():
        assert name.startswith(("is_", "has_")), name
        doc = inspect.getdoc(predicate) or ""
        assert re.search(r"[一二三]", doc), f"{name} must cite its clause"


def test_every_predicate_has_a_reason_and_a_would_apply_if_in_both_languages():
    conditions = explanations().conditions
    assert set(conditions) == set(rules.PREDICATES)
    for texts in conditions.values():
        assert texts.reason["zh"] and texts.reason["en"] and texts.would_apply_if["en"]


def test_no_threshold_is_a_literal_in_the_rules():
    tokens = tokenize.generate_tokens(io.StringIO(inspect.getsource(rules)).readline)
    numbers = {token.string for token in tokens if token.type == tokenize.NUMBER}
    assert numbers <= {"0", "1"}, "thresholds belong in parameters.toml"


def test_the_rules_see_every_question_the_form_asks():
    # A question added to questions.toml but not to the rules' Household would be silently ignored.
    # dibao_standard is a figure the result uses, not a fact about the household.
    asked = {q.id for q in questions().questions} - {"dibao_standard"}
    assert set(rules.Household.QUESTIONS) == asked
    multichoice = {q.id for q in questions().questions if q.type == "multichoice"}
    assert set(rules.Household.MULTICHOICE) == multichoice
