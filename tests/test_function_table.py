"""The glue's JavaScript functions go into WebAssembly's function table without an
exception each (web/function-table.js), and still get and return what they should.

It leans on how Pyodide's pinned Emscripten glue puts them there (`table.set`, a
signature on each function): the test of a start fails if an upgrade changes that,
so the shortcut is known to be gone rather than silently doing nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from node_script import node_json

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "js" / "function_table.mjs"


def run(*args: str) -> dict:
    if not (ROOT / "node_modules" / "pyodide").exists():
        pytest.fail("node_modules/pyodide is missing: run `npm ci` (make build does)")
    return node_json(SCRIPT, *args)


def test_wrapped_functions_get_and_return_their_values_through_the_table():
    out = run("calls")
    assert out["results"] == {"iii": 42, "jj": str(2**40 + 1), "dfd": 0.75}
    assert out["seen"] == [[6, 7], [4096], [str(2**40)], [0.5, 0.25]]
    assert out["plain"] == "TypeError", "a function without a signature is refused as before"
    assert out["after"] == "TypeError", "once undone, table.set is the browser's own again"


def test_pyodide_starts_without_one_exception_per_function():
    before = run("start")
    after = run("start", "on")
    assert before["python"] == after["python"] == 2
    # Without the wrapping, Pyodide 314.0.7 throws one per function (259).
    assert before["thrown"] > 100, "Pyodide no longer wraps by exception: function-table.js can go"
    assert after["thrown"] == 0, "some functions still take the exception: see function-table.js"
