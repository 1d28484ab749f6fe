"""Python ready (cold, warm, after a browser restart) in a browser nothing drives: bench_pyodide's 2b.

Playwright attaches the Chrome DevTools Protocol to the page, its worker and its
service worker, and starts Chromium with switches of its own (among them: no
back/forward cache, no paint holding). A reader's browser has neither, and both
cost the assessment page's return visit far more than the bare page's: with the
protocol attached, V8 keeps a stack trace with line numbers for every exception
thrown (Pyodide's start threw about 290, caught by its own code; about 37 since
web/function-table.js), so the 1.2 MB function that holds Emscripten's glue has
its source positions worked out again on every visit.

So the bench also starts Chromium itself, with a fresh profile per run, and each
page reports its own clock to the server that serves it:

- a script put into every page ahead of the page's Content-Security-Policy
  (which governs only what follows it) watches for the ready mark, as the clock
  Playwright adds does in section 2, and posts `performance.now()` to the server;
- the warm visit comes from another page of the same site that runs no Python
  (the home page; a blank page beside the bare one), as a reader's return visit
  would: not from the page that ran Python, whose teardown would then share the
  processor with the next start;
- then the browser is closed and started again on the same profile, and the
  page opened: a reader who comes back another day. Nothing is in memory then
  (processes, the service worker, caches): it is slower for both pages.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from build_scripts.bench_serving import Quiet, serve

VISIT_TIMEOUT_S = 180  # a guard only

CLOCK = """<script>
(() => {
  const step = new URLSearchParams(location.search).get("bench");
  if (step === "via") return setTimeout(() => location.assign("PAGE?bench=warm"), 1000);
  new MutationObserver((_, observer) => {
    if (!document.querySelector("SELECTOR")) return;
    observer.disconnect();
    fetch("/__bench", { method: "POST", body: `${step} ${performance.now()}` });
    if (step === "cold") setTimeout(() => location.assign("VIA?bench=via"), 3000); // keep what it keeps
  }).observe(document, { childList: true, subtree: true });
})();
</script>"""


class Reporting(Quiet):
    """Serves a site with its server's `clock` in each page and adds what the pages post to its `reports`."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.suffix != ".html" or not path.is_file():
            return super().send_head()
        marker = b'<meta charset="utf-8">'
        body = path.read_bytes().replace(marker, marker + self.server.clock, 1)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        # As http.server sends it (section 2): the browser's cache may then keep the page a while.
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        return io.BytesIO(body)

    def do_POST(self) -> None:
        step, ms = self.rfile.read(int(self.headers["Content-Length"])).decode().split()
        with self.server.arrived:
            self.server.reports.append((step, float(ms)))
            self.server.arrived.notify_all()
        self.send_response(204)
        self.end_headers()


class Site:
    """A site served with CLOCK in its pages; `visit()` is one run of `page`: cold, warm, after a restart."""

    def __init__(self, directory: Path, page: str, via: str, selector: str) -> None:
        self.server, base = serve(directory, kind=Reporting)
        clock = CLOCK.replace("PAGE", page).replace("VIA", via).replace("SELECTOR", selector)
        self.server.clock = clock.encode()
        self.server.reports = []  # (step, ms)
        self.server.arrived = threading.Condition()
        self.url = base + page

    def visit(self) -> dict[str, float]:
        """Seconds until the ready mark in a browser with a fresh profile: "cold", then "warm" (from
        another page), then "restart": the browser closed and started again on the same profile, as a
        reader who comes back another day."""
        self.server.reports.clear()
        # Its helper processes may still be writing to the profile as it is removed.
        with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
            self._browse(profile, "cold", until=2)
            time.sleep(1)  # what it keeps is kept (a TERM signal closes Chromium as its menu would)
            self._browse(profile, "restart", until=3)
        return {step: ms / 1000 for step, ms in self.server.reports}

    def _browse(self, profile: str, step: str, until: int) -> None:
        """Open the page at `step` and close the browser once `until` reports have arrived."""
        arrived, reports = self.server.arrived, self.server.reports
        browser = subprocess.Popen(
            [
                shutil.which("chromium"),
                "--headless",
                "--no-sandbox",  # as in section 2: these machines run as root
                f"--user-data-dir={profile}",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                f"{self.url}?bench={step}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # so that its helper processes end with it
        )
        try:
            with arrived:
                if not arrived.wait_for(lambda: len(reports) >= until, VISIT_TIMEOUT_S):
                    raise SystemExit(f"no ready mark from {self.url} ({step}) within {VISIT_TIMEOUT_S} s")
            time.sleep(3)  # let the page keep what it keeps
        finally:
            os.killpg(browser.pid, signal.SIGTERM)
            browser.wait()

    def close(self) -> None:
        self.server.shutdown()
