"""Loading the calculator as a reader on a cheap phone and a slow line would.

- a first visit to the assessment page costs at most 4 MiB from a server with
  no compression (Python's http.server), counted in the browser;
- content pages download nothing of the runtime;
- a download that stalls ends in the error with a retry, and a slow one that
  keeps moving does not;
- a worker that dies after start-up shows the failure with a retry, and the
  result asked for meanwhile arrives after the retry;
- every scenario answers byte for byte as CPython does, in the browser, on the
  trimmed runtime, through the page's own worker.

The servers here are small Python ones on loopback; the slow ones trickle or
hold back the bytes of the WebAssembly file only.
"""

from __future__ import annotations

import json
import lzma
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_assessment import LAID_OFF_AND_ILL, fill_in, see_result
from test_pyodide_parity import EDGE_REQUESTS, scenario_requests
from worker_requests import ANSWER_EVERY_REQUEST

from build_scripts import runtime, wasm_trim
from build_scripts.bench_serving import Quiet, served

ROOT = Path(__file__).resolve().parents[2]
BOOT = 90_000
MIB = 1024 * 1024
# What a reader must never have to read (in either language).
TECHNICAL = re.compile(r"python|runtime|wasm|webassembly|pyodide|运行环境", re.I)
TEST_STALL_MS = 3000  # the page's own is 30 s; the test server writes this one into the page


class Handler(Quiet):
    """site/ as Python's http.server sends it, with optional slow WebAssembly."""

    mode = "normal"  # normal | stall | trickle
    release = threading.Event()
    stall_ms: int | None = None
    trimmed_wasm: bytes | None = None  # sent instead of the site's trimmed WebAssembly

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path.endswith(".wasm.xz") and type(self).mode != "normal":
            return self.slow(path)
        if path.endswith("/" + runtime.WASM) and type(self).trimmed_wasm:
            return self.send_bytes(type(self).trimmed_wasm)
        if path.endswith("assessment.html") and type(self).stall_ms:
            body = Path(self.translate_path(path)).read_text("utf-8")
            body = re.sub(r'data-stall="\d+"', f'data-stall="{type(self).stall_ms}"', body)
            return self.send_bytes(body.encode(), "text/html; charset=utf-8")
        return super().do_GET()

    def send_bytes(self, data: bytes, content_type: str = "application/octet-stream") -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def slow(self, path: str) -> None:
        data = Path(self.translate_path(path)).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        chunk = 64 * 1024
        try:
            if type(self).mode == "stall":
                self.wfile.write(data[:chunk])
                self.wfile.flush()
                type(self).release.wait(60)  # bounded: the test releases it
                self.wfile.write(data[chunk:])
                return
            # trickle: about 5 s for the whole file, never a second without bytes
            pause = 5 / (len(data) / chunk)
            for start in range(0, len(data), chunk):
                self.wfile.write(data[start : start + chunk])
                self.wfile.flush()
                time.sleep(pause)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture
def plain_server(site_dir) -> Iterator[str]:
    Handler.mode, Handler.stall_ms, Handler.trimmed_wasm = "normal", None, None
    Handler.release = threading.Event()
    with served(site_dir, kind=Handler) as url:
        yield url
        Handler.release.set()  # a held-back download ends before the server stops


def network_bytes(responses) -> dict[str, int]:
    """Bytes of each response that came over the network (not from a service worker, not blob:)."""
    seen = {}
    for response in responses:
        if response.from_service_worker or not response.url.startswith("http"):
            continue
        try:
            seen[response.url] = len(response.body())
        except Exception:  # Chromium keeps no body for some (e.g. a worker's): its size on the wire
            seen[response.url] = max(
                response.request.sizes()["responseBodySize"], int(response.headers.get("content-length", 0))
            )
    return seen


def test_a_first_visit_to_the_assessment_costs_at_most_4_mib_without_compression(browser, plain_server):
    context = browser.new_context(viewport={"width": 360, "height": 780})
    responses = []
    context.on("response", lambda r: responses.append(r))
    page = context.new_page()
    page.goto(plain_server + "assessment.html")
    page.wait_for_selector(".as-ready", timeout=BOOT)
    fill_in(page, LAID_OFF_AND_ILL)
    see_result(page)
    page.wait_for_load_state("networkidle")
    seen = network_bytes(responses)  # body() afterwards: inside the handler it undercounts
    total = sum(seen.values())
    listing = "\n".join(f"{size:>10,} {url}" for url, size in sorted(seen.items(), key=lambda i: -i[1]))
    assert total <= 4 * MIB, f"a first visit downloads {total:,} bytes:\n{listing}"
    unwanted = ("pyodide.asm.wasm", "python_stdlib.zip", "search_index.json", "undefined")
    assert not any(url.endswith(unwanted) for url in seen), listing
    context.close()


GZIP = "gzip on; gzip_types text/css application/javascript text/javascript application/json;"


@pytest.fixture
def nginx_gzip(serve_site) -> str:
    return serve_site(extra=GZIP)


def test_with_gzip_on_nginx_a_first_visit_costs_no_more(browser, nginx_gzip):
    context = browser.new_context(viewport={"width": 360, "height": 780})
    requests = []
    context.on("requestfinished", lambda r: requests.append(r))
    page = context.new_page()
    page.goto(nginx_gzip + "assessment.html")
    page.wait_for_selector(".as-ready", timeout=BOOT)
    page.wait_for_load_state("networkidle")
    # Bytes on the wire (compressed where nginx compressed), once per URL.
    wire = {}
    for request in requests:
        if request.url.startswith("http"):
            wire[request.url] = max(wire.get(request.url, 0), request.sizes()["responseBodySize"])
    total = sum(wire.values())
    assert 2 * MIB < total <= 4 * MIB, f"{total:,} bytes"  # under 2 MiB: the runtime was not counted
    context.close()


def test_content_pages_download_nothing_of_the_runtime(browser, plain_server):
    context = browser.new_context()
    requested = []
    context.on("request", lambda r: requested.append(r.url))
    page = context.new_page()
    for path in ("index.html", "en/measures/employment.html", "fulltext.html"):
        page.goto(plain_server + path)
        page.wait_for_load_state("networkidle")
    runtime = [url for url in requested if "/assets/pyodide/" in url or "/assets/assessor/" in url]
    assert not runtime, f"a content page downloaded {runtime}"
    context.close()


def test_pointing_at_the_assessment_link_fetches_the_runtime_ahead(browser, plain_server):
    context = browser.new_context()
    requested = []
    context.on("request", lambda r: requested.append(r.url))
    page = context.new_page()
    page.goto(plain_server + "en/index.html")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested if "/assets/pyodide/" in url]
    page.locator('a[href$="assessment.html"]').first.hover()
    page.wait_for_load_state("networkidle")
    ahead = {url.rsplit("/", 1)[-1] for url in requested if "/assets/pyodide/" in url}
    assert {runtime.WASM, "python_stdlib.zip.xz", "pyodide.asm.js.xz"} <= ahead
    context.close()


def open_assessment(browser, base: str, lang_path: str = "en/assessment.html"):
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(base + lang_path)
    return page


def test_a_stalled_download_ends_in_the_error_with_a_retry_that_works(browser, plain_server):
    Handler.mode, Handler.stall_ms = "stall", TEST_STALL_MS
    page = open_assessment(browser, plain_server)
    page.locator("#as-loading").get_by_text("MB downloaded").wait_for(timeout=BOOT)
    retry = page.locator("#as-retry")
    retry.wait_for(timeout=BOOT)
    assert "could not load" in page.inner_text("#as-loading")
    assert retry.inner_text() == "Try again", "the message's retry must be the button it names"
    assert not TECHNICAL.search(page.inner_text("article")), "no technical words on the page"
    Handler.mode = "normal"
    Handler.release.set()
    retry.click()
    page.wait_for_selector(".as-ready", timeout=BOOT)
    page.context.close()


def test_a_slow_download_that_keeps_moving_is_not_cut_off(browser, plain_server):
    # About 5 s for the WebAssembly, longer than the stall limit, never a gap as long.
    Handler.mode, Handler.stall_ms = "trickle", TEST_STALL_MS
    page = open_assessment(browser, plain_server, "assessment.html")
    amounts = set()
    for _ in range(100):
        text = page.inner_text("#as-loading")
        if "已就绪" in text:
            break
        assert "重试" not in text, "a moving download must not fail"
        assert not TECHNICAL.search(text), f"words a reader does not know: {text}"
        amounts.update(re.findall(r"[\d.]+ / [\d.]+ MB 已下载", text))
        page.wait_for_timeout(200)
    page.wait_for_selector(".as-ready", timeout=BOOT)
    assert len(amounts) >= 3, f"progress should show the amounts as they grow: {amounts}"
    assert not page.errors
    page.context.close()


def test_a_worker_that_dies_after_start_up_shows_a_retry_and_the_result_follows(browser, plain_server):
    Handler.stall_ms = TEST_STALL_MS
    page = open_assessment(browser, plain_server)
    page.wait_for_selector(".as-ready", timeout=BOOT)
    fill_in(page, LAID_OFF_AND_ILL)
    for worker in page.workers:
        if worker.url.split("#")[0].endswith("/worker.js"):
            worker.evaluate("close()")  # the worker is gone, as after a crash
    page.click("#as-next")  # "See the result"
    page.locator("#as-retry").wait_for(timeout=BOOT)
    assert "could not load" in page.inner_text("#as-loading")
    # The message under the form carries its own retry button.
    errors = page.locator("#as-form-errors")
    assert errors.is_visible() and errors.locator("button", has_text="Try again").count() == 1
    errors.locator("button", has_text="Try again").click()
    page.wait_for_selector("#as-result-title", timeout=BOOT)
    assert page.locator("#as-result .as-measure").count() >= 1
    page.context.close()


def test_a_function_missing_from_the_trimmed_runtime_costs_a_restart_not_the_result(browser, plain_server):
    # The trimmed WebAssembly lacking a function the answer needs (modf, for the
    # income per person), as if the trace had missed it: calling it traps.
    whole = (ROOT / "node_modules" / "pyodide" / "pyodide.asm.wasm").read_bytes()
    keep = set(runtime.kept_functions()) - {wasm_trim.exported_function(whole, "modf")}
    Handler.trimmed_wasm = lzma.compress(wasm_trim.trimmed(whole, keep), format=lzma.FORMAT_XZ, preset=0)
    page = open_assessment(browser, plain_server)
    wasm_files = []
    page.context.on("request", lambda request: wasm_files.append(request.url.rsplit("/", 1)[-1]))
    page.wait_for_selector(".as-ready", timeout=BOOT)
    fill_in(page, LAID_OFF_AND_ILL)
    see_result(page)  # Python broke answering; the page started again on the whole runtime, then answered
    assert page.locator("#as-result .as-measure").count() >= 1
    assert runtime.FULL_WASM in wasm_files
    assert not page.locator("#as-retry").is_visible()
    assert not page.errors
    page.context.close()


def test_every_scenario_answers_in_the_browser_as_in_cpython(browser, plain_server):
    from assessor.api import handle

    page = open_assessment(browser, plain_server)
    page.wait_for_selector(".as-ready", timeout=BOOT)
    requests = scenario_requests() + EDGE_REQUESTS
    # The page's own worker.js, started as the page starts it, asked every request.
    answers = page.evaluate(ANSWER_EVERY_REQUEST, requests)
    for request, in_browser in zip(requests, answers, strict=True):
        assert in_browser == handle(request), f"the browser and CPython answer differently to {request}"
    assert json.loads(answers[0])  # a real answer, not an empty string
    page.context.close()
