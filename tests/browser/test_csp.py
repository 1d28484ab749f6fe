"""The site works under its Content-Security-Policy, and refuses to be framed.

Every page carries a CSP <meta> tag (build_scripts/hooks/csp.py): scripts from
the site only, Material's inline scripts by hash. Here every page is opened,
the assessment reaches a result in both languages and a search runs, with not
one violation reported. The same holds behind nginx sending the README's
headers, which also refuse framing; without them the page shows only a link.
"""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest
from test_assessment import LAID_OFF_AND_ILL, RESTRUCTURING, fill_in, see_result, shown_measures
from test_loading import plain_server  # noqa: F401 (a fixture)

from build_scripts import runtime

BOOT = 90_000
ROOT = Path(__file__).resolve().parents[2]

# The README's nginx settings, as written there (its hosting section).
README = (ROOT / "README.md").read_text(encoding="utf-8")
README_NGINX = re.search(r"```nginx\n(.*?)```", README, re.S).group(1)

WATCH = """
document.addEventListener("securitypolicyviolation", (e) => {
  (window.__violations ||= []).push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture(scope="module")
def nginx_with_headers(serve_site):
    return serve_site(extra=README_NGINX)


def watched_page(browser):
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    page.problems = []
    page.on(
        "console", lambda m: page.problems.append(m.text) if "Content Security Policy" in m.text else None
    )
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    return page


def violations(page) -> list[str]:
    return page.evaluate("window.__violations || []") + page.problems


def test_every_page_loads_with_no_csp_violation(browser, plain_server, site_dir):  # noqa: F811
    page = watched_page(browser)
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        page.goto(plain_server + path)
        page.wait_for_load_state("networkidle")
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1, path
        assert not violations(page), f"{path}: {violations(page)}"
    # Search runs under the policy (its worker, its index).
    page.goto(plain_server + "en/index.html?q=workers")
    page.locator(".md-search-result__item").first.wait_for(timeout=BOOT)
    assert not violations(page), violations(page)
    page.context.close()


def test_the_assessment_reaches_a_result_with_no_csp_violation(browser, plain_server):  # noqa: F811
    for path, answers in [("assessment.html", LAID_OFF_AND_ILL), ("en/assessment.html", RESTRUCTURING)]:
        page = watched_page(browser)
        page.goto(plain_server + path)
        page.wait_for_selector(".as-ready", timeout=BOOT)
        fill_in(page, answers)
        see_result(page)
        assert shown_measures(page)
        assert not violations(page), f"{path}: {violations(page)}"
        page.context.close()


def test_behind_the_readme_headers_the_assessment_works_and_framing_is_refused(
    browser,
    nginx_with_headers,
    plain_server,  # noqa: F811
):
    page = watched_page(browser)
    page.goto(nginx_with_headers + "en/assessment.html")
    page.wait_for_selector(".as-ready", timeout=BOOT)
    fill_in(page, RESTRUCTURING)
    see_result(page)
    assert "structural-reform" in shown_measures(page)
    assert not violations(page), violations(page)
    # Another page (no policy of its own) frames it: the browser refuses.
    other = page.context.new_page()
    other.set_content(f'<iframe id="f" src="{nginx_with_headers}assessment.html"></iframe>')
    other.wait_for_timeout(1500)
    assert all(not f.locator("#as-form").count() for f in other.frames), "the framed page must not load"
    page.context.close()


def headers(url: str) -> dict[str, str]:
    with urllib.request.urlopen(url) as response:
        return {name.lower(): value for name, value in response.headers.items()}


def test_behind_the_readme_settings_files_named_by_a_digest_are_never_asked_for_again(
    nginx_with_headers, site_dir
):
    # A return visit with no service worker (plain http, a phone's first-visit quirks) would
    # otherwise ask the server about every file again: a round trip each on a slow line.
    page = (site_dir / "assessment.html").read_text(encoding="utf-8")
    digest_named = [
        re.search(r'data-worker="([^"]+)"', page).group(1),
        re.search(r'data-wheel="([^"]+)"', page).group(1),
        re.search(r'data-pyodide="([^"]+)"', page).group(1) + runtime.WASM,
        re.search(r'(?:src|href)="(assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js)"', page).group(1),
    ]
    for path in digest_named:
        sent = headers(nginx_with_headers + path)
        assert "immutable" in sent.get("cache-control", ""), path
        assert sent.get("x-content-type-options") == "nosniff", path
    # Pages and files without a digest keep being asked about; pages keep their security headers.
    for path in ("assessment.html", "sw.js", "offline.js"):
        sent = headers(nginx_with_headers + path)
        assert "immutable" not in sent.get("cache-control", ""), path
    assert (
        "frame-ancestors 'none'" in headers(nginx_with_headers + "assessment.html")["content-security-policy"]
    )


def test_without_headers_a_framed_page_shows_only_a_way_out(browser, plain_server):  # noqa: F811
    # The plain server sends no headers; a page with no policy of its own frames it.
    context = browser.new_context()
    page = context.new_page()
    page.set_content(f'<iframe id="f" src="{plain_server}assessment.html"></iframe>')
    frame = None
    for _ in range(50):
        frame = next((f for f in page.frames if f.url.endswith("assessment.html")), None)
        if frame and frame.locator(".framed-notice").count():
            break
        page.wait_for_timeout(100)
    assert frame is not None and frame.locator(".framed-notice a[target=_top]").count() == 1
    assert not frame.locator("#as-form").count()
    context.close()
