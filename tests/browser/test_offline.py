"""Offline after one visit, and a new build replacing the old one cleanly.

Service workers run on https and on localhost, so these tests serve a copy of
site/ with Python's http.server on 127.0.0.1 (a copy, because the rebuild test
changes it as a deployment would).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_assessment import RESTRUCTURING, fill_in, see_result, shown_measures
from test_snapshot import wait_stored

from build_scripts.bench_serving import served

BOOT = 90_000


@pytest.fixture
def site_copy(site_dir, tmp_path) -> Iterator[tuple[Path, str]]:
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    with served(copy) as url:
        yield copy, url


def wait_controlled(page) -> None:
    page.wait_for_function("() => !!navigator.serviceWorker.controller", timeout=BOOT)


def cache_names(page) -> list[str]:
    return page.evaluate("caches.keys()")


def wait_until(page, expression: str) -> None:
    # evaluate() awaits a promise; wait_for_function would take the promise itself as truthy.
    for _ in range(300):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"never true: {expression}")


def test_after_one_visit_the_assessment_reaches_a_result_offline(browser, site_copy):
    _, base = site_copy
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "en/assessment.html")
    page.wait_for_selector(".as-ready", timeout=BOOT)
    wait_controlled(page)
    context.set_offline(True)
    page.reload()
    page.wait_for_selector(".as-ready", timeout=BOOT)
    fill_in(page, RESTRUCTURING)
    see_result(page)
    assert "structural-reform" in shown_measures(page)
    context.close()


def test_a_first_visit_downloads_the_runtime_through_the_service_worker_without_waiting_for_the_page(
    browser, site_copy
):
    # The start script in <head> registers the service worker itself and starts the
    # worker once it controls the page: here offline.js, which registers it too at the
    # end of the page, never arrives (as on a slow line, seconds later).
    _, base = site_copy
    context = browser.new_context()
    context.route("**/offline.js", lambda route: route.abort())
    runtime = []
    context.on("response", lambda r: runtime.append(r) if r.url.endswith(".wasm.xz") else None)
    page = context.new_page()
    page.goto(base + "assessment.html")
    page.wait_for_selector(".as-ready", timeout=BOOT)
    assert any(r.from_service_worker for r in runtime), (
        "the runtime did not come through the service worker: it is not kept for offline use"
    )
    context.close()


KEPT_GLUE = (
    "caches.open('runtime-kept').then((c) => c.keys())"
    ".then((keys) => keys.some((r) => r.url.endsWith('/pyodide.asm.mjs')))"
)


def test_a_return_visit_takes_the_glue_code_kept_compiled_and_does_without_it(browser, site_copy):
    # The worker keeps Pyodide's decoded glue code in Cache Storage (kept.js), where the
    # browser keeps it compiled; a return visit imports it from there, through sw.js.
    _, base = site_copy
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "assessment.html")
    page.wait_for_selector(".as-ready", timeout=BOOT)
    wait_until(page, KEPT_GLUE)
    wait_stored(page)
    served = []
    context.on("response", lambda r: served.append(r) if r.url.endswith("/pyodide.asm.mjs") else None)
    page.reload()
    page.wait_for_selector(".as-ready", timeout=BOOT)
    assert page.get_attribute(".as-ready", "data-restored") == "true"
    assert [(r.status, r.from_service_worker) for r in served] == [(200, True)]
    # Without it (storage cleared in part, say), the start is as quick as before and it is kept again.
    page.evaluate("caches.delete('runtime-kept')")
    page.reload()
    page.wait_for_selector(".as-ready", timeout=BOOT)
    assert page.get_attribute(".as-ready", "data-restored") == "true"
    fill_in(page, RESTRUCTURING)
    see_result(page)
    assert "structural-reform" in shown_measures(page)
    wait_until(page, KEPT_GLUE)
    context.close()


def test_content_pages_of_the_language_are_kept_for_offline_reading(browser, site_copy):
    _, base = site_copy
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "index.html")
    wait_controlled(page)
    # The service worker caches the reader's language in the background.
    wait_until(
        page,
        "caches.keys().then(async ([name]) =>"
        " !!name && !!(await (await caches.open(name)).match('fulltext.html')))",
    )
    context.set_offline(True)
    page.goto(base + "fulltext.html")
    assert page.locator("h1").count() >= 1 and "clause-2-3-1" in page.content()
    context.close()


def test_a_new_build_replaces_the_old_cache_whole(browser, site_copy):
    copy, base = site_copy
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "index.html")
    wait_controlled(page)
    old = cache_names(page)
    assert len(old) == 1 and old[0].startswith("site-")
    page.evaluate("caches.open('runtime-kept')")  # as the assessment's worker makes it (kept.js)

    # Deploy "build B": a changed page and the service worker of a new version.
    sw = (copy / "sw.js").read_text()
    (copy / "sw.js").write_text(re.sub(r'const VERSION = "[^"]+"', 'const VERSION = "build-b"', sw))
    index = (copy / "index.html").read_text()
    (copy / "index.html").write_text(index.replace("</h1>", " BUILD-B</h1>", 1))

    page.reload()
    assert "BUILD-B" in page.inner_text("h1"), "the new build's page must be served"
    # B's service worker takes over and deletes A's cache...
    wait_until(page, f"caches.keys().then((k) => !k.includes({old[0]!r}))")
    page.reload()
    # ...and fills its own.
    assert "BUILD-B" in page.inner_text("h1")
    wait_until(page, "caches.keys().then((k) => k.length === 1 && k[0] === 'site-build-b')")
    context.close()
