"""Households per second for a union's register: the CLI and the register page, in the same run.

    make bench-register             # 50,000 households (ROWS=10000 make bench-register for less)

Made-up registers (build_scripts/register_sample.py, one bad row in 50) as CSV and
.xlsx go through `python -m assessor batch` and through the built site's register
page in Debian's Chromium (served on 127.0.0.1). The page's figure is from the file
being chosen to the results being shown, after a small warm-up register of the same
kind (so openpyxl's one-time load is not counted). It also prints the largest peak
memory (VmHWM) of Chromium's processes, the worker's among them. A benchmark prints
figures; no test asserts them (the machine is shared and timings are noisy).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from build_scripts.bench_serving import serve
from build_scripts.register_sample import rows, write_csv, write_xlsx

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
WORK = ROOT / "build" / "bench-register"


def cli_rate(path: Path, count: int) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "assessor", "batch", str(path)], cwd=ROOT, capture_output=True, timeout=3600
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr.decode()[-2000:])
    return count / elapsed


def peak_memory_mb() -> float:
    """The largest VmHWM (peak resident memory) among Chromium's processes."""
    peak = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if "Name:\tchrom" not in text:
            continue
        for line in text.splitlines():
            if line.startswith("VmHWM:"):
                peak = max(peak, int(line.split()[1]))
    return peak / 1024


def page_rate(page, path: Path, count: int) -> float:
    start = time.perf_counter()
    page.set_input_files("#rg-file", str(path))
    page.wait_for_selector(
        f'#rg-results[data-file="{path.name}"]:not([hidden]), #rg-error:not([hidden])', timeout=3_600_000
    )
    elapsed = time.perf_counter() - start
    if page.is_visible("#rg-error"):
        raise SystemExit(page.inner_text("#rg-error"))
    return count / elapsed


def main() -> None:
    from playwright.sync_api import sync_playwright

    count = int(os.environ.get("ROWS", "50000"))
    if not (SITE / "register.html").exists():
        raise SystemExit("site/ is not built: run make build")
    WORK.mkdir(parents=True, exist_ok=True)
    table = rows(count, bad_every=50)
    files = {
        "csv": write_csv(WORK / "register.csv", table),
        "xlsx": write_xlsx(WORK / "register.xlsx", table),
    }
    warm = rows(20)
    warmups = {"csv": write_csv(WORK / "warm.csv", warm), "xlsx": write_xlsx(WORK / "warm.xlsx", warm)}
    del table
    sizes = {kind: path.stat().st_size for kind, path in files.items()}
    print(f"{count:,} households; CSV {sizes['csv'] / 1e6:.1f} MB, XLSX {sizes['xlsx'] / 1e6:.1f} MB")
    for kind, path in files.items():
        print(f"CLI      {kind:4}  {cli_rate(path, count):>9,.0f} households/s")

    server, base = serve(SITE)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page()
            page.goto(base + "register.html")
            page.wait_for_selector(".rg-ready", timeout=180_000)
            print(f"peak memory of a Chromium process, Python started: {peak_memory_mb():,.0f} MB")
            for kind, path in files.items():
                page_rate(page, warmups[kind], len(warm) - 1)
                rate = page_rate(page, path, count)
                print(f"browser  {kind:4}  {rate:>9,.0f} households/s")
            print(f"peak memory of a Chromium process, after both:    {peak_memory_mb():,.0f} MB")
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
