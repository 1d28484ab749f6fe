"""The site in a real browser (Debian's Chromium), served by nginx under /policy/."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from assessor.policy import policy

# Every kind of page, in both languages. The assessment page is left to its
# own tests: it boots Pyodide, which is slow and tested there.
PAGES = [
    "index.html",
    "fulltext.html",
    "measures/housing.html",
    "departments.html",
    "matrix.html",
    "glossary.html",
    "about.html",
]


def watch(page):
    """Failed requests and error responses seen by `page`, as a list that fills up."""
    problems: list[str] = []
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.on(
        "response",
        lambda response: response.status >= 400 and problems.append(f"{response.status}: {response.url}"),
    )
    return problems


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_page_loads_under_a_sub_path_with_no_error_and_nothing_from_elsewhere(page, serve_site, prefix):
    base = serve_site()
    problems = watch(page)
    for path in PAGES:
        response = page.goto(f"{base}{prefix}{path}")
        assert response.status == 200, f"{prefix}{path}"
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").first.is_visible()
    origin = urlsplit(base).netloc
    elsewhere = [url for url in page.requests_seen if urlsplit(url).netloc != origin]
    assert elsewhere == [], "requests to another origin"
    assert problems == [], "failed requests or error responses (404s included)"


@pytest.mark.parametrize(
    ("start", "lang", "target"),
    [
        ("measures/housing.html", "en", "en/measures/housing.html"),
        ("en/measures/housing.html", "zh", "measures/housing.html"),
    ],
)
def test_the_language_switch_goes_to_the_same_page_in_the_other_language(
    page, serve_site, start, lang, target
):
    base = serve_site()
    problems = watch(page)
    page.goto(base + start)
    page.locator(".md-header__option .md-select").hover()
    page.locator(f'.md-select__link[hreflang="{lang}"]').click()
    page.wait_for_url(base + target)
    housing = policy().measure("housing")
    assert (housing.title_en if lang == "en" else housing.title_zh) in page.locator("h1").inner_text()
    page.wait_for_load_state("networkidle")
    assert problems == []


def test_the_clause_link_on_a_measure_page_opens_the_clause_in_the_full_text(page, serve_site):
    base = serve_site()
    clause = policy().measure("housing").clause
    page.goto(base + "measures/housing.html")
    page.locator(f'a[href$="fulltext.html#{clause.anchor}"]').first.click()
    page.wait_for_url(f"{base}fulltext.html#{clause.anchor}")
    target = page.locator(f"#{clause.anchor}")
    assert target.is_visible()
    assert target.inner_text().startswith(clause.blocks[0].zh[:10])


@pytest.mark.parametrize(
    "path", ["matrix.html", "fulltext.html", "measures/employment.html", "en/glossary.html"]
)
def test_pages_fit_a_360_pixel_phone_screen(browser, serve_site, path):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(serve_site() + path)
    # Wide tables scroll inside their own box; the page itself must not scroll sideways.
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 360, f"{path} is {width}px wide at 360px"
