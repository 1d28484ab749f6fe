"""The assessor behaves the same inside Pyodide as in CPython.

The browser runs the assessor from a wheel in Pyodide (Python 3.14 on
WebAssembly); the tests run it in CPython. Here every scenario goes through
`assessor.api.handle` in both, using Pyodide from the same npm package the
site ships, run by Node, and the JSON must be identical.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tomllib
import zipfile
from pathlib import Path

import pytest

from build_scripts.wheel import build_wheel, runtime_files

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "tests" / "pyodide" / "run_scenarios.mjs"
SCENARIOS = ROOT / "tests" / "scenarios"
AS_OF = "2026-11-29"  # fixed, so a scenario's result does not depend on the day the test runs


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("wheel"))


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


def run_in_pyodide(wheel: Path, requests: list[str], stdlib: Path | None = None) -> list[str]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed (it runs Pyodide for this test)")
    if not (ROOT / "node_modules" / "pyodide").exists():
        pytest.fail("node_modules/pyodide is missing: run `npm ci` (make build does)")
    done = subprocess.run(
        [node, str(RUNNER), str(wheel), *([str(stdlib)] if stdlib else [])],
        input=json.dumps(requests),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, f"Pyodide under Node failed:\n{done.stderr}"
    return json.loads(done.stdout)


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
    assert package == {p.as_posix() for p in runtime_files()}
    assert {"assessor/__init__.py", "assessor/api.py", "assessor/data/measures.toml"} <= package
    assert any(n.startswith("assessor/data/source/") and n.endswith(".txt") for n in package)
    assert not any(n.startswith("tests/") or "__pycache__" in n or n.endswith(".md") for n in names)
    assert wheel.stat().st_size < 500_000, "the wheel should hold code and data only"


def test_wheel_is_reproducible(wheel, tmp_path):
    assert build_wheel(tmp_path).read_bytes() == wheel.read_bytes()
