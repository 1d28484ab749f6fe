"""One JSON string in, one JSON string out: the assessor for the browser and any harness.

`handle` never raises. Whatever it is given, it answers with either a result
or a structured error (assessor/API.md), as deterministic JSON: the same
request gives the same bytes in CPython and in Pyodide.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from .questions import schema
from .result import assess
from .validation import InvalidAnswers, error, shown

ACTIONS = ("assess", "questions")
FIELDS = {"assess": {"action", "answers", "as_of"}, "questions": {"action"}}


def dumps(data: Any) -> str:
    """The one way results are written: UTF-8 text, keys in the contract's order, no NaN."""
    return json.dumps(data, ensure_ascii=False, allow_nan=False)


def failure(errors: list[dict[str, Any]]) -> dict[str, Any]:
    return {"ok": False, "errors": errors}


def handle(request_json: Any) -> str:
    """Answer one request: {"action": "assess", "answers": {...}, "as_of": "YYYY-MM-DD"} or
    {"action": "questions"}."""
    try:
        return dumps(_handle(request_json))
    except Exception:  # the last line of defence: never a traceback in the browser
        return dumps(failure([error("internal_error", None)]))


def _handle(request_json: Any) -> dict[str, Any]:
    if not isinstance(request_json, str):
        return failure([error("bad_request", None, "not_an_object")])
    try:
        request = json.loads(request_json)
    except (ValueError, RecursionError) as problem:
        detail = str(problem)[:80] if isinstance(problem, ValueError) else "nested too deeply"
        return failure([error("malformed_json", None, detail=detail)])
    if not isinstance(request, dict):
        return failure([error("bad_request", None, "not_an_object")])
    action = request.get("action")
    if action not in ACTIONS:
        return failure([error("bad_request", None, "unknown_action", value=shown(action))])
    unknown = sorted(str(key) for key in set(request) - FIELDS[action])
    if unknown:
        return failure([error("bad_request", None, "unknown_field", value=shown(unknown[0]))])
    if action == "questions":
        return schema()
    try:
        return assess(request.get("answers", {}), _as_of(request.get("as_of")))
    except InvalidAnswers as invalid:
        return failure(invalid.errors)


def _as_of(value: Any) -> dt.date:
    if value is None:
        return dt.date.today()
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidAnswers([error("bad_request", None, "bad_as_of", value=shown(value))])
