"""What the assessment runs of Pyodide, traced: the lists build_scripts/runtime.py trims by.

    python -m build_scripts.runtime --trace    # rewrites stdlib_keep.txt and wasm_keep.txt

- `stdlib_keep.txt`: the standard-library files Python imports while every
  scenario (and every edge request) is answered under Pyodide in Node, on the
  standard library compiled as the site ships it.
- `wasm_keep.txt`: the WebAssembly functions that run, from V8's own log of the
  functions it compiles (`--trace-wasm-compilation-times`: V8 compiles a
  function when it is first called), while those and many more requests are
  answered (see _requests). Traced in Node, with Python started normally and
  from a snapshot, each also with the garbage collector running as often as it
  can (which of its C functions run depends on what the heap holds when it
  happens to run: a function missed here traps in the browser), then in
  Chromium: the built site on the whole module, a first visit, a return visit
  and every request answered by the page's own worker.
  The browser calls a few functions Node never does.

Needs Node, the site's build, and Chromium with Playwright (as the tests do).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from build_scripts import runtime
from build_scripts.bench_serving import serve
from build_scripts.wasm_trim import traced_functions
from build_scripts.wheel import build_wheel

ROOT = runtime.ROOT
RUNNER = ROOT / "tests" / "pyodide" / "run_scenarios.mjs"
V8_TRACE = "--trace-wasm-compilation-times"


# Numbers as people type them (and as a broken page might send them): which of
# CPython's C functions run depends on the values, not only on the questions
# (formatting 2345.5 / 3 calls functions 2345 / 3 does not).
NUMBERS = (0, 1, 2, 3, 7, 20, 21, 600, -1, 0.5, 0.01, 1 / 3, 2345.5, 1234.567, 99999.99, 1e6, 1e15, 1e308)
NOT_NUMBERS = ("3", "2345.5", "", None, True, [], {})


def _requests() -> list[str]:
    """Every scenario and edge request, and the requests the page sends: answers
    only (the date is today's), step by step as the form is filled in, and with
    every number question given each of NUMBERS and NOT_NUMBERS."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_pyodide_parity import EDGE_REQUESTS, scenario_requests

    from assessor.questions import schema

    questions = schema()["questions"]
    numbers = [q["id"] for q in questions if q["type"] in ("integer", "number")]
    order = [q["id"] for q in questions]
    as_sent = []
    for request in scenario_requests():
        answers = json.loads(request)["answers"]
        given = [q for q in order if q in answers]
        steps = [{q: answers[q] for q in given[:n]} for n in range(len(given) + 1)]
        typed = [{**answers, q: value} for q in numbers for value in NUMBERS + NOT_NUMBERS]
        as_sent += [json.dumps({"action": "assess", "answers": a}) for a in steps + typed]
    return scenario_requests() + EDGE_REQUESTS + as_sent


def in_node(imports: Path) -> set[int]:
    """Every request answered in Node, Python started normally then from a snapshot,
    each with the garbage collector as it is and running as often as it can.

    Python runs on the whole standard library compiled as the site's is
    (runtime.compiled_stdlib): without docstrings and asserts, the modules run
    other code, and the garbage collector other C functions, than from source.
    Writes the standard-library files imported to `imports` (as the sources'
    names); returns the functions that ran.
    """
    wheel = build_wheel(imports.parent / "wheel")
    stdlib = imports.parent / "python_stdlib.zip"
    stdlib.write_bytes(runtime.compiled_stdlib((runtime.PYODIDE / "python_stdlib.zip").read_bytes()))
    requests = json.dumps(_requests())
    functions: set[int] = set()
    for restored, gc_often in ((False, False), (True, False), (False, True), (True, True)):
        first = not (restored or gc_often)  # the imports are written by the first run
        run = subprocess.run(
            ["node", V8_TRACE, str(RUNNER), str(wheel), str(stdlib), str(imports) if first else ""],
            input=requests,
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={**os.environ, "RESTORED": "1" if restored else "", "GC_OFTEN": "1" if gc_often else ""},
        )
        functions |= traced_functions(run.stdout)
    names = imports.read_text().split()  # compiled: x.pyc, whose source x.py is what the keep list names
    imports.write_text("".join((name[:-1] if name.endswith(".pyc") else name) + "\n" for name in names))
    return functions


def in_chromium(tmp: Path) -> set[int]:
    """The functions Chromium runs: the built site on the whole module, two visits, every request answered."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from worker_requests import ANSWER_EVERY_REQUEST

    site = tmp / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], check=True, cwd=ROOT)
    folder = next(site.glob("assets/pyodide/*/"))
    shutil.copyfile(folder / runtime.FULL_WASM, folder / runtime.WASM)  # so that every call is traced
    server, url = serve(site)
    log, errors = tmp / "v8.txt", tmp / "chromium.txt"
    with log.open("w") as out, errors.open("w") as err:
        chromium = subprocess.Popen(
            [
                shutil.which("chromium") or "chromium",
                "--headless",
                "--no-sandbox",
                "--no-first-run",
                "--disable-background-networking",
                "--remote-debugging-port=0",
                f"--user-data-dir={tmp / 'profile'}",
                f"--js-flags={V8_TRACE}",
                "about:blank",
            ],
            stdout=out,
            stderr=err,
        )
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.connect_over_cdp(_devtools_address(errors, chromium))
                page = browser.contexts[0].new_page()
                for _ in range(2):  # a first visit (a snapshot is made), a return visit (restored)
                    page.goto(url + "assessment.html")
                    page.wait_for_selector(".as-ready", timeout=120_000)
                    page.wait_for_timeout(3000)
                page.evaluate(ANSWER_EVERY_REQUEST, _requests())
                browser.close()
        finally:
            chromium.terminate()
            chromium.wait()
            server.shutdown()
    return traced_functions(log.read_text(errors="replace"))


def _devtools_address(errors: Path, chromium: subprocess.Popen) -> str:
    for _ in range(300):
        found = re.search(r"DevTools listening on (ws://\S+)", errors.read_text(errors="replace"))
        if found:
            return found.group(1)
        if chromium.poll() is not None:
            break
        time.sleep(0.1)
    raise RuntimeError(f"Chromium did not start: {errors.read_text(errors='replace')[-2000:]}")


def trace(stdlib_out: Path = runtime.KEEP, wasm_out: Path = runtime.WASM_KEEP) -> tuple[list[str], list[int]]:
    """Trace, and write both lists."""
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        imports = tmp / "imports.txt"
        functions = in_node(imports)
        files = imports.read_text().split()
        try:
            runtime.kept_functions()
        except runtime.RuntimeError_:  # traced on another module: Node's list, so that the site builds
            _write_wasm_keep(wasm_out, functions)
        functions |= in_chromium(tmp)
    stdlib_out.write_text(
        "# The standard-library files the browser gets: those Pyodide and the assessor import while\n"
        "# every scenario runs. Made by `python -m build_scripts.runtime --trace`; do not edit by hand.\n"
        + "\n".join(files)
        + "\n"
    )
    _write_wasm_keep(wasm_out, functions)
    return files, sorted(functions)


def _write_wasm_keep(path: Path, functions: set[int]) -> None:
    path.write_text(
        "# The functions of pyodide.asm.wasm the assessment runs (indices), the only ones the browser\n"
        "# gets whole. Made by `python -m build_scripts.runtime --trace`; do not edit by hand.\n"
        f"# traced on pyodide.asm.wasm sha256 {runtime.wasm_digest()}\n"
        + "\n".join(map(str, sorted(functions)))
        + "\n"
    )
