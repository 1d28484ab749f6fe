"""How heavy and how fast the browser self-assessment is, against a bare Pyodide page.

    make bench-pyodide        (builds the site, then runs this)

Prints, in one run, against servers on loopback with no compression (Python's
http.server, as many cheap hosts):

1. bytes per file of a first visit to the assessment page, as the browser
   counted them, next to what a server with gzip would send;
2. time until Python is ready, cold (empty cache) and warm (same browser, page
   opened again), for the bare baseline (a minimal page that calls loadPyodide()
   on Pyodide's own npm files and installs the same wheel) and for the page;
   2b. the same in a Chromium the bench starts itself, with no DevTools
   attached (bench_plain_browser.py): as a reader's browser runs;
3. a phone profile (360 px, CPU 4x slower, 1.5 Mbit/s, 300 ms latency, set
   through the Chrome DevTools Protocol): time to ready and to a first result,
   served on this machine's own network address, not loopback: a plain-http
   origin, where the browser offers no service worker, as on an intranet server;
4. the first visit on the same phone where a service worker runs (https, here
   loopback): the server itself sends at that speed and latency, so that the
   service worker's own downloads are as slow as the page's.

A benchmark, not a test: the figures depend on the machine and its load. Runs
are repeated (BENCH_RUNS, default 3) and the median is printed with the range.
"""

from __future__ import annotations

import gzip
import os
import shutil
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

from build_scripts import bench_plain_browser as plain_browser
from build_scripts.bench_serving import Quiet, serve

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
PYODIDE = ROOT / "node_modules" / "pyodide"
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
TIMEOUT = 300_000  # ms; a guard only
PHONE = {"width": 360, "height": 780}
SLOW_LINE = {"offline": False, "latency": 300, "downloadThroughput": 187_500, "uploadThroughput": 93_750}

BARE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
BARE_PAGE = """<!doctype html><meta charset="utf-8"><title>bare</title>
<script type="module">
import { loadPyodide } from "./pyodide.mjs";
const t0 = performance.now();
const pyodide = await loadPyodide({ indexURL: new URL("./", location.href).href });
await pyodide.loadPackage(new URL("WHEEL", location.href).href, { messageCallback: () => {} });
pyodide.pyimport("assessor.api").handle('{"action": "questions"}');
document.body.insertAdjacentHTML("beforeend", `<p id="ready">${performance.now() - t0}</p>`);
</script>"""
BLANK_PAGE = '<!doctype html><meta charset="utf-8"><title>blank</title><p>A page without Python.</p>'


class SlowLine(Quiet):
    """Answers as over SLOW_LINE: each request waits the latency, and all share its bandwidth."""

    link = threading.Lock()
    sent_until = 0.0  # when the shared line is free again (time.monotonic)

    def send_head(self):
        time.sleep(SLOW_LINE["latency"] / 1000)
        return super().send_head()

    def copyfile(self, source, destination) -> None:
        while chunk := source.read(16_384):
            with SlowLine.link:
                start = max(time.monotonic(), SlowLine.sent_until)
                SlowLine.sent_until = start + len(chunk) / SLOW_LINE["downloadThroughput"]
            time.sleep(max(0.0, SlowLine.sent_until - time.monotonic()))
            destination.write(chunk)


def own_address() -> str | None:
    """This machine's non-loopback IPv4 address, if it has one.

    A page served there over http is not a secure context (loopback is), so the
    browser offers it no service worker at all, as a plain-http intranet server.
    """
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("198.51.100.1", 9))  # a documentation address: UDP sends nothing
            address = probe.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") else address


def bare_site(tmp: Path) -> Path:
    """Pyodide's npm files as they come, the same wheel, and a page that loads them."""
    for name in BARE_FILES:
        shutil.copy(PYODIDE / name, tmp / name)
    wheel = next((SITE / "assets" / "assessor").rglob("*.whl"))
    shutil.copy(wheel, tmp / wheel.name)
    (tmp / "index.html").write_text(BARE_PAGE.replace("WHEEL", wheel.name))
    (tmp / "blank.html").write_text(BLANK_PAGE)  # section 2b's warm visit comes from here
    return tmp


def median(values: list[float]) -> str:
    return f"{statistics.median(values):6.2f} s  (runs: {', '.join(f'{v:.2f}' for v in values)})"


def first_visit_bytes(browser, base: str) -> None:
    context = browser.new_context(viewport=PHONE)
    responses = []
    context.on("response", lambda r: responses.append(r))
    page = context.new_page()
    page.goto(base + "assessment.html")
    page.wait_for_selector(".as-ready", timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")
    rows = {}
    for response in responses:
        if response.from_service_worker or not response.url.startswith("http"):
            continue
        try:
            wire = len(response.body())
        except Exception:  # Chromium keeps no body for some worker responses
            wire = response.request.sizes()["responseBodySize"]
        path = response.url[len(base) :]
        local = SITE / path.split("?")[0]
        data = local.read_bytes() if local.is_file() else b""
        # A file asked for twice (the service worker keeping what the page loaded
        # before it took over, from the HTTP cache) counts once.
        if wire >= rows.get(path, (path, -1, 0))[1]:
            rows[path] = (path, wire, len(gzip.compress(data, 6)) if data else wire)
    rows = list(rows.values())
    context.close()
    print("\n1. First visit to assessment.html, as counted by the browser (http.server, no compression)")
    print(f"   {'file':66} {'transferred':>12} {'with gzip':>12}")
    for path, wire, zipped in sorted(rows, key=lambda r: -r[1]):
        print(f"   {path[:66]:66} {wire:>12,} {min(wire, zipped):>12,}")
    total, total_gzip = sum(r[1] for r in rows), sum(min(r[1], r[2]) for r in rows)
    print(f"   {'total':66} {total:>12,} {total_gzip:>12,}")
    print(f"   = {total / 2**20:.2f} MiB (budget 4 MiB); gzip server {total_gzip / 2**20:.2f} MiB")


def clock(selector: str, name: str, attributes: bool = False) -> str:
    """A script that sets window[name] to when `selector` first matches (ms since the start of navigation);
    with `attributes`, changed attributes are watched too, not only added elements."""
    watch = "childList: true, subtree: true" + (", attributes: true" if attributes else "")
    return f"""
new MutationObserver((_, observer) => {{
  if (document.querySelector({selector!r})) {{
    window.{name} = performance.now();
    observer.disconnect();
  }}
}}).observe(document, {{ {watch} }});
"""


# When the page first says Python is ready, and when its scripts have made the
# form a series of steps (it can be answered while Python loads).
READY_CLOCK = clock(".as-ready", "__readyAt")
FORM_CLOCK = clock("#as-progress:not([hidden])", "__formAt", attributes=True)


def clock_reading(page, name: str) -> float:
    """Seconds on the page's own clock `name` (see `clock`), read once it is set.

    Read with evaluate, not waited for with a selector: Playwright's selector engine is
    a script of 345 kB that it compiles in the page the first time a selector is used
    after a navigation, which on a return visit is while Python starts (measured: a
    page ready in 0.3 s was 20-30 ms later with it). Both pages are read this way.
    """
    deadline = time.monotonic() + TIMEOUT / 1000
    page.wait_for_timeout(500)  # a timer in Playwright itself: nothing runs in the page
    while (reading := page.evaluate(f"window.{name}")) is None:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{page.url}: {name} not set after {TIMEOUT / 1000:.0f} s")
        page.wait_for_timeout(250)
    return reading / 1000


def ready_times(browser, url: str, selector: str) -> tuple[float, float]:
    """Cold and warm: seconds from the start of navigation until `selector` shows, by the page's own clock."""
    context = browser.new_context()
    context.add_init_script(clock(selector, "__readyAt"))
    page = context.new_page()
    times = []
    for _ in ("cold", "warm"):
        page.goto(url)
        times.append(clock_reading(page, "__readyAt"))
        page.wait_for_timeout(3000)  # let the page keep what it keeps (cache, snapshot)
    context.close()
    return times[0], times[1]


def boot_times(browser, site: str, bare: str) -> None:
    print(f"\n2. Python ready, from the start of navigation by the page's own clock ({RUNS} runs each,")
    print("   fresh browser profile per run; Playwright's own polling is not counted, and its")
    print("   selector engine is not put into the page while it starts)")
    results = {"bare loadPyodide() page": ([], []), "assessment page": ([], [])}
    for _ in range(RUNS):
        for label, url, selector in (
            ("bare loadPyodide() page", bare + "index.html", "#ready"),
            ("assessment page", site + "assessment.html", ".as-ready"),
        ):
            cold, warm = ready_times(browser, url, selector)
            results[label][0].append(cold)
            results[label][1].append(warm)
    for label, (cold, warm) in results.items():
        print(f"   {label:26} cold {median(cold)}")
        print(f"   {'':26} warm {median(warm)}")
    bare_warm = statistics.median(results["bare loadPyodide() page"][1])
    page_warm = statistics.median(results["assessment page"][1])
    print(f"   warm page / warm bare = {page_warm / bare_warm:.2f} (goal: at most 0.2; see 2b)")


def plain_browser_times(site_dir: Path, bare_dir: Path) -> None:
    print(f"\n2b. The same in a browser nothing drives ({RUNS} runs each): Chromium started by the bench")
    print("   itself, no DevTools attached, its own settings; the warm visit comes from another page of the")
    print("   same site (the home page; a blank page beside the bare one); then the browser is closed and")
    print("   started again on the same profile, and the page opened. Each page posts its own clock")
    sites = {
        "bare loadPyodide() page": plain_browser.Site(bare_dir, "index.html", "blank.html", "#ready"),
        "assessment page": plain_browser.Site(site_dir, "assessment.html", "index.html", ".as-ready"),
    }
    steps = {"cold": "cold", "warm": "warm", "restart": "after a browser restart"}
    results = {label: {step: [] for step in steps} for label in sites}
    try:
        for _ in range(RUNS):
            for label, site in sites.items():
                for step, seconds in site.visit().items():
                    results[label][step].append(seconds)
    finally:
        for site in sites.values():
            site.close()
    for label, times in results.items():
        for i, (step, words) in enumerate(steps.items()):
            print(f"   {label if i == 0 else '':26} {words:24} {median(times[step])}")
    for step in ("warm", "restart"):
        page = statistics.median(results["assessment page"][step])
        bare = statistics.median(results["bare loadPyodide() page"][step])
        goal = " (goal: at most 0.2)" if step == "warm" else ""
        print(f"   {steps[step]}: page / bare = {page / bare:.2f}{goal}")


def see_a_result(page) -> None:
    """Answer the first question (not in Baotou) and go on until the result shows."""
    page.locator('input[name="in_baotou_urban"][value="false"]').check()
    summary = page.locator('.as-step[data-step="summary"]')
    for _ in range(12):
        if summary.is_visible():
            break
        page.click("#as-next")
        page.wait_for_timeout(100)
    page.click("#as-next")  # "See the result"
    page.wait_for_selector("#as-result-title", timeout=TIMEOUT)


def phone_profile(browser, site: str) -> None:
    print("\n3. Phone profile: 360 px, CPU 4x slower, 1.5 Mbit/s, 300 ms latency (first visit, then return;")
    print(f"   at {site}: no service worker, as on a plain-http server; the return visit uses the snapshot)")
    # No service worker here: its downloads would escape the page's throttling
    # (section 4 measures that case). On loopback (no other address) it is blocked instead.
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, service_workers="block")
    context.add_init_script(READY_CLOCK + FORM_CLOCK)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_LINE)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    for label in ("first visit", "return visit"):
        start = time.perf_counter()
        page.goto(site + "assessment.html", timeout=TIMEOUT)
        see_a_result(page)  # pressed at once: the page waits for Python
        result = time.perf_counter() - start
        ready = page.evaluate("window.__readyAt") / 1000
        form = page.evaluate("window.__formAt") / 1000
        times = f"ready after {ready:6.1f} s, first result after {result:6.1f} s, form after {form:4.1f} s"
        print(f"   {label:13} {times}")
        page.wait_for_timeout(5000)  # the snapshot is stored after the first start
    context.close()


def phone_with_service_worker(browser) -> None:
    print("\n4. The same phone's first visit where a service worker runs (loopback; the server itself sends")
    print("   at 1.5 Mbit/s, 300 ms per request, so that the service worker's downloads are slowed too)")
    server, base = serve(SITE, kind=SlowLine)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.add_init_script(READY_CLOCK + FORM_CLOCK)
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(base + "assessment.html", timeout=TIMEOUT)
    page.wait_for_selector(".as-ready", timeout=TIMEOUT)
    ready = page.evaluate("window.__readyAt") / 1000
    started = "performance.getEntriesByType('resource').find((e) => e.name.endsWith('/worker.js')).startTime"
    worker = page.evaluate(started)
    form = page.evaluate("window.__formAt") / 1000
    print(f"   first visit   ready after {ready:6.1f} s; the worker started after {worker / 1000:.1f} s")
    print(
        f"                 form after {form:.1f} s (step 1 of 14 shown: answers can start while Python loads)"
    )
    context.close()
    server.shutdown()


def main() -> None:
    from playwright.sync_api import sync_playwright

    if not (SITE / "assessment.html").exists():
        raise SystemExit("site/ is not built: run `make build` (make bench-pyodide does)")
    site_server, site = serve(SITE)
    with tempfile.TemporaryDirectory() as tmp:
        bare_dir = bare_site(Path(tmp))
        bare_server, bare = serve(bare_dir)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium"),
                args=["--no-sandbox", "--disable-background-networking", "--disable-component-update"],
            )
            first_visit_bytes(browser, site)
            boot_times(browser, site, bare)
            plain_browser_times(SITE, bare_dir)
            address = own_address()
            plain_server, plain = serve(SITE, address) if address else (None, site)
            phone_profile(browser, plain)
            phone_with_service_worker(browser)
            browser.close()
            if plain_server:
                plain_server.shutdown()
        bare_server.shutdown()
    site_server.shutdown()


if __name__ == "__main__":
    main()
