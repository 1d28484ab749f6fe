"""Whatever it is given, the assessor answers with a valid result or a structured error."""

from __future__ import annotations

import json

from api_contract import documented_error_codes
from hypothesis import given, settings
from hypothesis import strategies as st

from assessor.api import handle
from assessor.questions import is_asked, questions

CODES = documented_error_codes()
RESULT_KEYS = {
    "ok",
    "as_of",
    "scope",
    "applicable",
    "not_applicable",
    "standing",
    "next_steps",
    "disclaimer",
    "summary",
    "places",
    "hotlines",
    "to_check",
}
QUESTION_IDS = [q.id for q in questions().questions]
OPTION_VALUES = sorted({o.value for q in questions().questions for o in q.options})

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**7),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.sampled_from(OPTION_VALUES),
)
json_ish = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
answer_values = st.one_of(scalars, st.lists(st.sampled_from(OPTION_VALUES), max_size=3), json_ish)
answers = st.dictionaries(st.sampled_from(QUESTION_IDS) | st.text(max_size=6), answer_values, max_size=12)


def check_reply(text: str) -> dict:
    reply = json.loads(text)  # always JSON (and never NaN: the output is strict JSON)
    json.dumps(reply, allow_nan=False)
    if reply["ok"]:
        assert set(reply) == RESULT_KEYS
        if not reply["scope"]["in_scope"]:
            assert reply["applicable"] == []
        for measure in reply["applicable"]:
            assert measure["lead"] and measure["clause"]["text"]["zh"]
    else:
        assert set(reply) == {"ok", "errors"} and reply["errors"]
        assert {e["code"] for e in reply["errors"]} <= CODES
    return reply


@settings(max_examples=150, deadline=None)
@given(answers, st.sampled_from(["2026-01-01", "2022-06-01", None]))
def test_any_answers_give_a_result_or_a_structured_error(answers, as_of):
    request = {"action": "assess", "answers": answers}
    if as_of:
        request["as_of"] = as_of
    text = json.dumps(request)
    check_reply(handle(text))
    assert handle(text) == handle(text), "the same request gives the same JSON"


@settings(max_examples=100, deadline=None)
@given(json_ish)
def test_any_json_request_gives_a_result_or_a_structured_error(request):
    check_reply(handle(json.dumps(request)))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=30))
def test_any_text_gives_a_result_or_a_structured_error(text):
    check_reply(handle(text))


@st.composite
def valid_answers(draw):
    """Answers a person could give through the form: only asked questions, each in range."""
    given_answers: dict = {}
    for question in questions().questions:
        if not is_asked(question, given_answers):
            continue
        if not question.required and draw(st.booleans()):
            continue
        if question.type == "boolean":
            value = draw(st.booleans())
        elif question.type == "integer":
            value = draw(st.integers(int(question.min), int(question.max)))
        elif question.type == "number":
            value = draw(st.floats(question.min, question.max, allow_nan=False))
        elif question.type == "choice":
            value = draw(st.sampled_from(question.option_values))
        else:
            value = draw(st.lists(st.sampled_from(question.option_values), unique=True))
        given_answers[question.id] = value
    return given_answers


@settings(max_examples=150, deadline=None)
@given(valid_answers())
def test_every_answer_the_form_allows_gives_a_result(answers):
    reply = check_reply(handle(json.dumps({"action": "assess", "answers": answers, "as_of": "2026-01-01"})))
    assert reply["ok"], reply
    numbers = [m["number"] for m in reply["applicable"]] + [m["number"] for m in reply["not_applicable"]]
    if reply["scope"]["in_scope"]:
        assert sorted(numbers) == list(range(1, 8)), "every measure is either applicable or explained"
        for measure in reply["not_applicable"]:
            assert measure["would_apply_if"], f"measure {measure['number']} says what would make it apply"
