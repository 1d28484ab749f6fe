"""Offline after one visit, and a new build replacing the old one cleanly.

Service workers run on https and on localhost, so these tests serve a copy of
site/ with Python's http.server on 127.0.0.1 (a copy, because the rebuild test
changes it as a deployment would).
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_assessment import RESTRUCTURING, fill_in, see_result, shown_measures

BOOT = 90_000


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def site_copy(site_dir, tmp_path) -> Iterator[tuple[Path, str]]:
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(copy)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield copy, f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def wait_controlled(page) -> None:
    page.wait_for_function("!!navigator.serviceWorker.controller", timeout=BOOT)


def cache_names(page) -> list[str]:
    return page.evaluate("caches.keys()")


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


def test_content_pages_of_the_language_are_kept_for_offline_reading(browser, site_copy):
    _, base = site_copy
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "index.html")
    wait_controlled(page)
    # The service worker caches the reader's language in the background.
    page.wait_for_function(
        "caches.keys().then(async ([name]) =>"
        " name && !!(await (await caches.open(name)).match('fulltext.html')))",
        timeout=BOOT,
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

    # Deploy "build B": a changed page and the service worker of a new version.
    sw = (copy / "sw.js").read_text()
    (copy / "sw.js").write_text(re.sub(r'const VERSION = "[^"]+"', 'const VERSION = "build-b"', sw))
    index = (copy / "index.html").read_text()
    (copy / "index.html").write_text(index.replace("</h1>", " BUILD-B</h1>", 1))

    page.reload()
    assert "BUILD-B" in page.inner_text("h1"), "the new build's page must be served"
    only_b = "caches.keys().then((k) => k.length === 1 && k[0] === 'site-build-b')"
    page.wait_for_function(only_b, timeout=BOOT)
    page.reload()
    assert "BUILD-B" in page.inner_text("h1")
    context.close()
