"""How heavy the browser self-assessment is: bytes of the runtime files and boot time.

    .venv/bin/python -m build_scripts.bench_pyodide      (after `make build`)

Prints each file the page loads for Python with its size raw and gzipped (what a
server with compression sends), then the time from opening the page until the
assessor answers, cold (empty cache) and warm, in Debian's Chromium against
site/ served by Python's http.server on loopback. A benchmark, not a test.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import shutil
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"


def sizes() -> None:
    files = sorted(p for p in (SITE / "assets" / "pyodide").rglob("*") if p.is_file()) + sorted(
        (SITE / "assets" / "assessor").rglob("*.whl")
    )
    raw = packed = 0
    for path in files:
        data = path.read_bytes()
        zipped = len(gzip.compress(data, 6))
        raw, packed = raw + len(data), packed + zipped
        print(f"{path.relative_to(SITE)!s:70} {len(data):>10,} B  gzip {zipped:>10,} B")
    print(f"{'total':70} {raw:>10,} B  gzip {packed:>10,} B")


def boot_times(runs: int = 3) -> None:
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/assessment.html"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        for run in range(runs):
            context = browser.new_context()
            page = context.new_page()
            for label in ("cold", "warm"):
                start = time.perf_counter()
                page.goto(url)
                page.wait_for_selector(".as-ready", timeout=120_000)
                print(f"run {run + 1} {label}: Python ready {time.perf_counter() - start:.2f} s")
            context.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    sizes()
    boot_times()
