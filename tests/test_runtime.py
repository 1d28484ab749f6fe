"""The runtime the browser downloads is trimmed and compressed, and still gives the same answers.

The site ships Pyodide's standard library cut down to the files Pyodide and the
assessor import (build_scripts/stdlib_keep.txt), xz-compressed with the
WebAssembly. Here every scenario runs on exactly that trimmed library under
Node and must answer byte for byte as CPython does; the browser side of the
same check is in tests/browser/test_loading.py.
"""

from __future__ import annotations

import lzma
from pathlib import Path

import pytest
from test_pyodide_parity import EDGE_REQUESTS, run_in_pyodide, scenario_requests

from build_scripts import runtime
from build_scripts.wheel import build_wheel

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024


@pytest.fixture(scope="module")
def made() -> Path:
    return runtime.made()


def test_every_scenario_answers_the_same_on_the_trimmed_standard_library(made, tmp_path):
    from assessor.api import handle

    stdlib = tmp_path / "python_stdlib.zip"
    stdlib.write_bytes(lzma.decompress((made / "python_stdlib.zip.xz").read_bytes()))
    requests = scenario_requests() + EDGE_REQUESTS
    answers = run_in_pyodide(build_wheel(tmp_path / "wheel"), requests, stdlib)
    for request, in_pyodide in zip(requests, answers, strict=True):
        assert in_pyodide == handle(request), f"trimmed Pyodide and CPython answer differently to {request}"


def test_the_kept_standard_library_is_what_the_scenarios_import(tmp_path):
    # If the assessor starts importing another module, the browser would fail
    # where the trimmed library lacks it: regenerate the list (the message says how).
    kept = set(runtime.keep_list())
    traced = set(runtime.trace(tmp_path / "keep.txt"))
    assert traced <= kept, (
        f"the assessor now imports {sorted(traced - kept)}: run `python -m build_scripts.runtime --trace`"
    )


def test_compressed_files_decode_to_pyodides_own(made):
    pyodide = ROOT / "node_modules" / "pyodide"
    for packed, original in [
        ("pyodide.asm.wasm.xz", "pyodide.asm.wasm"),
        ("pyodide.asm.js.xz", "pyodide.asm.mjs"),
    ]:
        assert lzma.decompress((made / packed).read_bytes()) == (pyodide / original).read_bytes()


def test_the_runtime_fits_well_inside_the_first_visit_budget(made):
    # The page's own chrome and the wheel come on top (the browser test counts all).
    total = sum((made / name).stat().st_size for name in runtime.FILES)
    assert total < 3.5 * MIB, f"the runtime files are {total:,} bytes"
