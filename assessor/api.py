"""One JSON string in, one JSON string out: the assessor for the browser and any harness.

`handle` never raises. Whatever it is given, it answers with either a result
or a structured error (assessor/API.md), as deterministic JSON: the same
request gives the same bytes in CPython and in Pyodide.

A request is checked against fixed limits (size, nesting, keys) before it is
parsed, so a hostile or broken request costs little and cannot exhaust the
stack: in Pyodide a deep recursion kills the whole runtime, not just the call.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from .questions import schema
from .result import assess
from .validation import Error, InvalidAnswers, error, shown

ACTIONS = ("assess", "questions")
FIELDS = {"assess": {"action", "answers", "as_of"}, "questions": {"action"}}

# Limits, the same in CPython and Pyodide (assessor/API.md). A real request is about
# 1 KB, 3 levels deep, with some 30 keys; these leave room and bound the work.
MAX_REQUEST_BYTES = 64 * 1024  # UTF-8 bytes of the request text
MAX_DEPTH = 32  # nested objects and arrays
MAX_KEYS = 256  # object members in the whole request
MAX_ERRORS = 30  # errors listed; one more says how many were left out

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_BRACKET = re.compile(r"[\[\]{}]")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def dumps(data: Any) -> str:
    """The one way results are written: UTF-8 text, keys in the contract's order, no NaN."""
    return json.dumps(data, ensure_ascii=False, allow_nan=False)


def failure(errors: list[Error]) -> dict[str, Any]:
    """The error answer, listing at most MAX_ERRORS errors."""
    if len(errors) > MAX_ERRORS:
        left_out = len(errors) - (MAX_ERRORS - 1)
        errors = [*errors[: MAX_ERRORS - 1], error("too_many_errors", None, count=left_out)]
    return {"ok": False, "errors": errors}


def parse_date(text: Any) -> dt.date | None:
    """A date written exactly YYYY-MM-DD, else None (not 20260101, not an ISO week date)."""
    if not isinstance(text, str) or not _DATE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def load_request(data: str | bytes) -> tuple[Any, list[Error]]:
    """The JSON value of a request (text, or bytes that must be UTF-8), or the errors that
    keep it from being read. Checks the limits before parsing; never raises."""
    if len(data) > MAX_REQUEST_BYTES:  # characters are at least one byte each
        return None, [error("bad_request", None, "request_too_large", limit=MAX_REQUEST_BYTES)]
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as problem:
            byte = data[problem.start]
            return None, [_not_unicode(f"byte 0x{byte:02X} at {problem.start}")]
    else:
        text = data
        try:
            size = len(text.encode("utf-8"))
        except UnicodeEncodeError as problem:
            return None, [_not_unicode(f"lone surrogate at {problem.start}")]
        if size > MAX_REQUEST_BYTES:
            return None, [error("bad_request", None, "request_too_large", limit=MAX_REQUEST_BYTES, size=size)]
    # Outside strings, only brackets nest and only a colon introduces a key.
    skeleton = _STRING.sub('""', text)
    depth = 0
    for bracket in _BRACKET.finditer(skeleton):
        depth += 1 if bracket.group() in "[{" else -1
        if depth > MAX_DEPTH:
            return None, [error("bad_request", None, "too_deep", limit=MAX_DEPTH)]
    keys = skeleton.count(":")
    if keys > MAX_KEYS:
        return None, [error("bad_request", None, "too_many_keys", limit=MAX_KEYS, count=keys)]
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as problem:
        detail = str(problem)[:80] if isinstance(problem, ValueError) else "nested too deeply"
        return None, [error("malformed_json", None, detail=detail)]
    try:  # "\ud800" is valid JSON but no Unicode text: it could not be written back out
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return None, [_not_unicode("lone surrogate")]
    return value, []


def _not_unicode(detail: str) -> Error:
    return error("malformed_json", None, "not_unicode", detail=detail)


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
    request, errors = load_request(request_json)
    if errors:
        return failure(errors)
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
    date = parse_date(value)
    if date is None:
        raise InvalidAnswers([error("bad_request", None, "bad_as_of", value=shown(value))])
    return date
