"""The register-screening page in a real browser: the CLI's results row for row, for a CSV and an
.xlsx with bad rows; downloads that open in openpyxl with no live formula; no request that
carries the register; screening offline after one visit; progress and cancel on 10,000 rows.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import openpyxl
import pytest

from build_scripts.bench_serving import served
from build_scripts.register_sample import rows, write_csv, write_xlsx

ROOT = Path(__file__).resolve().parents[2]
BOOT = 90_000
RESULT = ("in_scope", "measures", "lead_departments", "support", "error")


@pytest.fixture(scope="module")
def registers(tmp_path_factory):
    folder = tmp_path_factory.mktemp("registers")
    table = rows(80, bad_every=9)
    return {
        "csv": write_csv(folder / "register-gbk.csv", table, "gbk"),
        "xlsx": write_xlsx(folder / "register.xlsx", table),
        "big": write_csv(folder / "big.csv", rows(10_000, bad_every=50)),
    }


def cli(path: Path) -> list[dict]:
    done = subprocess.run(
        [sys.executable, "-m", "assessor", "batch", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode in (0, 1), done.stderr
    return list(csv.DictReader(io.StringIO(done.stdout)))


def screen(page, path: Path) -> None:
    page.set_input_files("#rg-file", str(path))
    page.wait_for_selector(
        f'#rg-results[data-file="{path.name}"]:not([hidden]), #rg-error:not([hidden])', timeout=BOOT
    )
    assert page.is_hidden("#rg-error"), page.inner_text("#rg-error")


def download(page, format_: str, folder: Path) -> Path:
    with page.expect_download() as info:
        page.click(f"button[data-format={format_}]")
    target = folder / f"results.{format_}"
    info.value.save_as(target)
    return target


def results_by_row(path: Path) -> dict[str, dict]:
    """The downloaded results keyed by spreadsheet row (the register's rows keep their numbers)."""
    if path.suffix == ".csv":
        with open(path, encoding="utf-8-sig", newline="") as file:
            table = list(csv.reader(file))
    else:
        book = openpyxl.load_workbook(path)
        table = [
            ["" if v is None else str(v) for v in row]
            for row in book.worksheets[0].iter_rows(values_only=True)
        ]
    header = table[0]
    return {str(n): dict(zip(header, row, strict=True)) for n, row in enumerate(table, start=1) if n > 1}


def test_the_page_gives_the_clis_results_and_sends_nothing(page, serve_site, registers, tmp_path):
    base = serve_site()
    sent = []
    page.on("request", lambda r: sent.append((r.method, r.url, r.post_data)))
    page.goto(base + "en/register.html")
    page.wait_for_selector(".rg-ready", timeout=BOOT)
    for kind in ("csv", "xlsx"):
        screen(page, registers[kind])
        expected = cli(registers[kind])
        for format_ in ("csv", "xlsx"):
            got = results_by_row(download(page, format_, tmp_path))
            assert len(got) == len(expected) == 80
            for line in expected:
                row = got[line["row"]]
                assert row["household_id"] == line["household_id"]
                labels = ("Within scope", "Measures that may apply (numbers)", "Lead departments")
                labels += ("Support items", "Error")
                assert [row[label] for label in labels] == [line[k] for k in RESULT], (
                    f"{kind} row {line['row']}"
                )
        errors = page.locator("#rg-results table").last.inner_text()
        assert "moonlighting" in errors and "=1+1" in errors
    # Downloads: no cell a spreadsheet would run.
    book = openpyxl.load_workbook(download(page, "xlsx", tmp_path))
    cells = [cell for row in book.worksheets[0].iter_rows() for cell in row if cell.value is not None]
    assert not [c.value for c in cells if c.data_type == "f" or str(c.value).startswith(("=", "+", "@"))]
    assert "'=1+1" in [c.value for c in cells]
    # Nothing left the page but GETs for the site's own files, none naming the register.
    site = urlparse(base)
    for method, url, body in sent:
        assert method == "GET" and body is None, (method, url)
        parsed = urlparse(url)
        assert parsed.scheme in ("blob", "data") or (
            parsed.netloc == site.netloc and parsed.path.startswith(site.path)
        )
        assert "register-gbk" not in url and "H17" not in url and "register.xlsx" not in url
    loaded = [url for _, url, _ in sent]
    assert any("openpyxl" in url for url in loaded), "an .xlsx loads openpyxl"


def test_the_assessment_never_loads_openpyxl(page, serve_site):
    page.goto(serve_site() + "en/assessment.html")
    page.wait_for_selector(".as-ready", timeout=BOOT)
    assert not [url for url in page.requests_seen if "/assets/register/" in url]


@pytest.fixture
def local_site(site_dir, tmp_path):
    """The site on http://127.0.0.1 (service workers need localhost or https)."""
    with served(site_dir) as url:
        yield url


def test_after_one_visit_an_xlsx_register_is_screened_offline(browser, local_site, registers):
    context = browser.new_context()
    page = context.new_page()
    page.goto(local_site + "register.html")
    page.wait_for_selector(".rg-ready", timeout=BOOT)
    page.wait_for_function("() => !!navigator.serviceWorker.controller", timeout=BOOT)
    # Ready, the page fetched what an .xlsx needs so the service worker keeps it.
    page.wait_for_function(
        """async () => {
          for (const name of await caches.keys()) {
            const keys = await (await caches.open(name)).keys();
            const has = (part) => keys.some((r) => r.url.includes(part));
            if (has("openpyxl") && has("stdlib-xlsx")) return true;
          }
          return false;
        }""",
        timeout=BOOT,
    )
    context.set_offline(True)
    page.reload()
    page.wait_for_selector(".rg-ready", timeout=BOOT)
    screen(page, registers["xlsx"])
    assert "80" in page.inner_text(".rg-totals")
    context.close()


def test_a_10000_row_register_shows_progress_and_cancel_stops_it(page, serve_site, registers):
    page.goto(serve_site() + "register.html")
    page.wait_for_selector(".rg-ready", timeout=BOOT)
    page.set_input_files("#rg-file", str(registers["big"]))
    page.wait_for_function("() => document.getElementById('rg-bar').value > 0", timeout=BOOT)
    first = page.evaluate("document.getElementById('rg-bar').value")
    assert page.evaluate("document.getElementById('rg-bar').max") == 10_001
    page.wait_for_function(f"() => document.getElementById('rg-bar').value > {first}", timeout=BOOT)
    assert "10,001" in page.inner_text("#rg-count") or "10001" in page.inner_text("#rg-count")
    # The page answers while the worker screens: a click is handled at once.
    page.click("#rg-cancel", timeout=2_000)
    assert page.is_hidden("#rg-progress")
    assert "取消" in page.inner_text("#rg-error")
    page.wait_for_timeout(1_000)
    assert page.is_hidden("#rg-results"), "no results appear for a cancelled register"
    # The worker is free again: the next register is screened.
    screen(page, registers["csv"])


@pytest.mark.parametrize("prefix", ["", "en/"], ids=["zh", "en"])
def test_the_register_page_has_no_accessibility_problems_before_and_after_screening(
    page, serve_site, registers, prefix
):
    from test_accessibility import report, violations

    page.goto(serve_site() + prefix + "register.html")
    page.wait_for_selector(".rg-ready", timeout=BOOT)
    found = violations(page, "register: start")
    screen(page, registers["csv"])
    found += violations(page, "register: results")
    assert not found, report(found)
