"""The 404 page works under a sub-path and at any depth (nginx `error_page` under /policy/)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from conftest import SUB_PATH


@pytest.fixture(scope="module")
def serve_with_404(serve_site):
    """nginx serving site/ under /policy/ with the site's 404.html for every missing address."""
    return serve_site(extra=f"error_page 404 {SUB_PATH}404.html;")


@pytest.mark.parametrize("missing", ["nope.html", "measures/nope.html", "en/a/b/c/nope.html", "404.html"])
def test_the_404_page_loads_nothing_broken_and_leads_back_to_the_site(page, serve_with_404, missing):
    base = serve_with_404
    response = page.goto(base + missing)
    assert response.status == (200 if missing == "404.html" else 404)
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.inner_text() == "页面不存在"
    assert page.locator("h1").nth(1).inner_text() == "Page not found"
    # Nothing the page asks for fails, and nothing leaves the origin.
    origin = urlsplit(base).netloc
    asked = [url for url in page.requests_seen if url != base + missing]
    assert all(urlsplit(url).netloc == origin for url in asked)
    assert all(url.endswith("/policy/404.html") or url.endswith("404.html") for url in asked), asked
    home = page.get_by_role("link", name="返回首页")
    page.wait_for_function(
        "(expected) => document.querySelector('a[data-path]').href === expected", arg=base + "index.html"
    )
    home.click()
    page.wait_for_load_state()
    assert page.url == base + "index.html" and page.locator("h1").first.is_visible()
    assert page.get_by_role("link", name="Home page").count() == 0  # we left the 404 page


def test_the_english_links_lead_to_the_english_site(page, serve_with_404):
    page.goto(serve_with_404 + "en/measures/gone.html")
    page.wait_for_function("() => document.querySelector('a[data-path^=en]').href.includes('/policy/en/')")
    page.get_by_role("link", name="Full text of the plan").click()
    page.wait_for_load_state()
    assert page.url == serve_with_404 + "en/fulltext.html"
