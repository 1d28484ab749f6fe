"""The assessor behaves the same inside Pyodide as in CPython.

The browser runs the assessor from a wheel in Pyodide (Python 3.14 on
WebAssembly); the tests run it in CPython. Here every scenario goes through
`assessor.api.handle` in both, using Pyodide from the same npm package the
site ships, run by Node, and the JSON must be identical.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from node_script import node_json

from assessor.restore import restored_document
from build_scripts.integrity import scan_file
from build_scripts.wheel import BUILD_ONLY, GENERATED, build_wheel, runtime_files

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "tests" / "pyodide" / "run_scenarios.mjs"
SCENARIOS = ROOT / "tests" / "scenarios"
AS_OF = "2026-11-29"  # fixed, so a scenario's result does not depend on the day the test runs


def scenario_requests() -> list[str]:
    requests = []
    for path in sorted(SCENARIOS.glob("*.toml")):
        scenario = tomllib.loads(path.read_text("utf-8"))
        as_of = scenario.get("as_of", AS_OF)
        requests.append(
            json.dumps({"action": "assess", "answers": scenario.get("answers", {}), "as_of": str(as_of)})
        )
    return requests


# Bad input must fail the same way too: the errors are shown next to the questions.
EDGE_REQUESTS = [
    '{"action": "questions"}',
    "{not json",
    '{"action": "assess", "answers": {"household_size": "three"}, "as_of": "2026-11-29"}',
    '{"action": "assess", "answers": {"no_such_question": 1}, "as_of": "2026-11-29"}',
    '{"action": "assess", "answers": {"in_baotou_urban": false}, "as_of": "2026-11-29"}',
    '{"action": "assess", "answers": {"in_baotou_urban": true, "is_worker": true, "household_size": 1e999}}',
    '{"action": "fly"}',
]


def run_in_pyodide(
    wheel: Path, requests: list[str], stdlib: Path | None = None, env: dict[str, str] | None = None
) -> list[str]:
    """The answers of Pyodide under Node (`env`: run_scenarios.mjs's options, e.g. RESTORED)."""
    if not (ROOT / "node_modules" / "pyodide").exists():
        pytest.fail("node_modules/pyodide is missing: run `npm ci` (make build does)")
    stdlib_arg = [str(stdlib)] if stdlib else []
    return node_json(RUNNER, str(wheel), *stdlib_arg, stdin=json.dumps(requests), env=env, timeout=300)


def test_scenarios_give_the_same_json_in_pyodide_as_in_cpython(wheel):
    from assessor.api import handle

    requests = scenario_requests()
    assert requests, "no scenario files in tests/scenarios"
    requests += EDGE_REQUESTS
    for request, in_pyodide in zip(requests, run_in_pyodide(wheel, requests), strict=True):
        assert in_pyodide == handle(request), f"Pyodide and CPython answer differently to {request}"


def test_wheel_is_pure_python_and_holds_only_the_runtime_package(wheel):
    assert wheel.name.endswith("-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        wheel_meta = next(archive.read(n).decode() for n in names if n.endswith(".dist-info/WHEEL"))
    assert "Tag: py3-none-any" in wheel_meta and "Root-Is-Purelib: true" in wheel_meta
    package = {n for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert package == {p.as_posix() for p in runtime_files()} - BUILD_ONLY | {GENERATED}
    assert {"assessor/__init__.py", "assessor/api.py", "assessor/data/measures.toml"} <= package
    assert not any(n.startswith("tests/") or "__pycache__" in n or n.endswith(".md") for n in names)
    assert wheel.stat().st_size < 500_000, "the wheel should hold code and data only"


def test_the_wheel_ships_the_restored_text_and_no_spam(wheel, tmp_path):
    """Not the scraped copy (spam included) nor restore.py (which names the spam): the text
    as restored at build time, identical to what the repository restores."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path)
    assert "assessor/restore.py" not in names
    assert not any(n.endswith("-scraped.txt") for n in names)
    assert scan_file(wheel) == [], "the integrity check finds nothing in any file of the wheel"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, assessor.canonical as c; d = c.canonical_document();"
            "print(json.dumps([d.metadata, d.paragraphs], ensure_ascii=False))",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    metadata, paragraphs = json.loads(done.stdout)
    expected = restored_document()
    assert (metadata, tuple(paragraphs)) == (expected.metadata, expected.paragraphs)


def test_wheel_is_reproducible(wheel, tmp_path):
    assert build_wheel(tmp_path).read_bytes() == wheel.read_bytes()


# Hostile requests: each is refused by the same limit in both, and the runtime survives
# them (the last request is ordinary and must still be answered). Unchecked, a request
# nested 20,000 deep killed Pyodide with "Maximum call stack size exceeded".
HOSTILE_REQUESTS = [
    '{"action": "assess", "answers": ' + "[" * 20_000 + "]" * 20_000 + "}",
    "[" * 20_000,
    '{"action": "assess", "answers": {' + ", ".join(f'"k{n}": 1' for n in range(300)) + "}}",
    '{"action": "assess", "answers": {' + ", ".join(f'"k{n}": 1' for n in range(100)) + "}}",
    '{"action": "assess", "answers": {"\\ud800x": 1}}',
    '{"action": "assess", "answers": {"x": "\\udfff"}}',
    '{"action": "questions", "pad": "' + "x" * 70_000 + '"}',
    '{"action": "assess", "answers": {}, "as_of": "2026-W01-1"}',
    '{"action": "questions"}',
]


def test_hostile_requests_are_refused_alike_and_do_not_kill_pyodide(wheel):
    from assessor.api import handle

    answers = run_in_pyodide(wheel, HOSTILE_REQUESTS)
    assert len(answers) == len(HOSTILE_REQUESTS)
    for request, in_pyodide in zip(HOSTILE_REQUESTS, answers, strict=True):
        assert in_pyodide == handle(request), f"Pyodide and CPython differ on {request[:60]}…"
    assert json.loads(answers[-1])["ok"] is True, "Pyodide still answers after the hostile requests"
    codes = [json.loads(a)["errors"][-1]["code"] for a in answers[:-1]]
    assert codes == ["bad_request", "bad_request", "bad_request", "too_many_errors"] + [
        "malformed_json",
        "malformed_json",
        "bad_request",
        "bad_request",
    ]
