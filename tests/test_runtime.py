"""The runtime the browser downloads is trimmed and compressed, and still gives the same answers.

The site ships Pyodide's WebAssembly with only the functions the assessment
runs (build_scripts/wasm_keep.txt) and its standard library cut down to the
files Pyodide and the assessor import (build_scripts/stdlib_keep.txt), compiled
to bytecode, all xz-compressed; its glue code makes one memory later than
Pyodide's own (build_scripts/glue.py). Here every scenario runs on exactly that runtime
under Node, started normally and from a snapshot, and must answer byte for byte
as CPython does; the browser side of the same check is in
tests/browser/test_loading.py.
"""

from __future__ import annotations

import io
import lzma
import shutil
import zipfile
from pathlib import Path

import pytest
from node_script import node_json
from test_pyodide_parity import EDGE_REQUESTS, run_in_pyodide, scenario_requests

from build_scripts import glue, runtime, runtime_trace, wasm_trim

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024


@pytest.fixture(scope="module")
def made() -> Path:
    return runtime.made()


@pytest.fixture(scope="module")
def site_runtime(made, tmp_path_factory) -> Path:
    """The site's runtime decoded, as the browser has it, in a folder Pyodide can start from."""
    folder = tmp_path_factory.mktemp("runtime")
    shutil.copy(ROOT / "node_modules" / "pyodide" / "pyodide-lock.json", folder)
    (folder / "pyodide.asm.mjs").write_bytes(lzma.decompress((made / "pyodide.asm.js.xz").read_bytes()))
    (folder / "pyodide.asm.wasm").write_bytes(lzma.decompress((made / runtime.WASM).read_bytes()))
    (folder / "python_stdlib.zip").write_bytes(lzma.decompress((made / "python_stdlib.zip.xz").read_bytes()))
    return folder


def glue_start(index_url: str | None = None) -> dict:
    """tests/js/glue_start.mjs: what a start does that glue.py changes, and a read that must wait."""
    return node_json(ROOT / "tests" / "js" / "glue_start.mjs", *([index_url] if index_url else []))


@pytest.fixture(scope="module")
def pyodides_start() -> dict:
    """A start on Pyodide's own glue."""
    return glue_start()


@pytest.fixture(scope="module")
def shipped_start(site_runtime, tmp_path_factory) -> dict:
    """A start on the shipped glue (with the whole WebAssembly: the trimmed one has no standard input)."""
    folder = tmp_path_factory.mktemp("shipped-glue")
    for name in ("pyodide-lock.json", "pyodide.asm.wasm", "python_stdlib.zip"):
        shutil.copy(ROOT / "node_modules" / "pyodide" / name, folder)
    shutil.copy(site_runtime / "pyodide.asm.mjs", folder)
    return glue_start(f"{folder}/")


@pytest.mark.parametrize("gc_often", [False, True], ids=["collector-as-is", "collector-running-often"])
@pytest.mark.parametrize("restored", [False, True], ids=["first-start", "from-a-snapshot"])
def test_every_scenario_answers_the_same_on_the_sites_runtime(site_runtime, wheel, restored, gc_often):
    # The garbage collector runs C functions that depend on what the heap holds when it
    # runs: one the trimmed WebAssembly lacks traps, and the page starts again on the
    # whole one. The questions come first: on a first start that once ran one.
    from assessor.api import handle

    requests = ['{"action": "questions"}', *scenario_requests(), *EDGE_REQUESTS]
    answers = run_in_pyodide(
        wheel,
        requests,
        site_runtime / "python_stdlib.zip",
        env={
            "INDEX_URL": f"{site_runtime}/",
            "RESTORED": "1" if restored else "",
            "GC_OFTEN": "1" if gc_often else "",
        },
    )
    for request, in_pyodide in zip(requests, answers, strict=True):
        assert in_pyodide == handle(request), f"the site's runtime and CPython differ on {request}"


def test_what_the_scenarios_run_is_kept(tmp_path):
    # If the assessor starts importing another module, or running C code the trace
    # never saw, the browser would lack it: regenerate the lists (the message says how).
    functions = runtime_trace.in_node(tmp_path / "imports.txt")
    again = "run `python -m build_scripts.runtime --trace`"
    new_imports = set((tmp_path / "imports.txt").read_text().split()) - set(runtime.keep_list())
    assert not new_imports, f"the assessor now imports {sorted(new_imports)}: {again}"
    missing = functions - set(runtime.kept_functions())
    assert not missing, f"{len(missing)} functions that run are not kept: {again}"


def test_a_list_traced_on_another_webassembly_is_refused(tmp_path, monkeypatch):
    # After a Pyodide upgrade the indices name other functions: the build says to trace again.
    stale = tmp_path / "wasm_keep.txt"
    stale.write_text(runtime.WASM_KEEP.read_text().replace(runtime.wasm_digest(), "0" * 64))
    monkeypatch.setattr(runtime, "WASM_KEEP", stale)
    with pytest.raises(runtime.RuntimeError_, match="build_scripts.runtime --trace"):
        runtime.kept_functions()


def test_compressed_files_decode_to_pyodides_own(made):
    pyodide = ROOT / "node_modules" / "pyodide"
    whole = lzma.decompress((made / runtime.FULL_WASM).read_bytes())
    assert whole == (pyodide / "pyodide.asm.wasm").read_bytes()
    shipped = lzma.decompress((made / "pyodide.asm.js.xz").read_bytes()).decode()
    assert shipped == glue.shipped((pyodide / "pyodide.asm.mjs").read_bytes().decode())


def test_python_starts_without_a_shared_memory_and_a_read_that_must_wait_still_waits(
    pyodides_start, shipped_start
):
    # Chromium reports a shared memory made on a page that is not cross-origin isolated,
    # and the report's stack cost a return visit tens of milliseconds (glue.py).
    # Pyodide's own glue makes its wait memory as it starts:
    assert pyodides_start["atStart"] == 1, "Pyodide no longer makes it at start-up: glue.py can go"
    assert shipped_start["atStart"] == 0
    assert shipped_start["line"] == "ready\n"
    assert shipped_start["inAll"] == 1, "made once a read must wait"
    assert shipped_start["waited"] >= 90, "the read that was not ready waits 100 ms, as before"


def test_python_starts_without_entering_every_export_in_the_got(pyodides_start, shipped_start):
    # Pyodide's own glue enters all the main module's exports in the GOT as it starts (glue.py):
    assert pyodides_start["got"] > 8000, "Pyodide no longer does: the GOT change in glue.py can go"
    # The shipped glue fills only what the main module asks for, and Python runs:
    assert shipped_start["got"] < 1000
    assert shipped_start["gotUnfilled"] == 0
    assert shipped_start["line"] == "ready\n"


def test_another_glue_is_refused_not_shipped_unchanged():
    with pytest.raises(glue.GlueChanged, match="build_scripts/glue.py"):
        glue.shipped("var io=new Int32Array(0);")
    # Each change is looked for: the first found, the second missing, is refused too.
    with pytest.raises(glue.GlueChanged, match="the main module's exports entered in the GOT 0 times"):
        glue.shipped(glue.MADE_AT_START)


def test_the_trimmed_webassembly_is_pyodides_with_the_untraced_functions_emptied(made):
    whole = (ROOT / "node_modules" / "pyodide" / "pyodide.asm.wasm").read_bytes()
    trimmed = lzma.decompress((made / runtime.WASM).read_bytes())
    assert trimmed == wasm_trim.trimmed(whole, runtime.kept_functions())
    assert len(trimmed) < 0.6 * len(whole)


def test_the_standard_library_travels_as_bytecode(made):
    with zipfile.ZipFile(io.BytesIO(lzma.decompress((made / "python_stdlib.zip.xz").read_bytes()))) as stdlib:
        names = stdlib.namelist()
    assert not [name for name in names if name.endswith(".py")]
    assert {name for name in names if name.endswith(".pyc")} == {
        name + "c" for name in runtime.keep_list() if name.endswith(".py")
    }


def test_the_runtime_fits_well_inside_the_first_visit_budget(made):
    # The page's own chrome and the wheel come on top (the browser test counts all).
    total = sum((made / name).stat().st_size for name in runtime.FILES if name != runtime.FULL_WASM)
    assert total < 3.5 * MIB, f"the runtime files are {total:,} bytes"
