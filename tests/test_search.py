"""Search answers readers' questions in both languages, in a real browser.

The site is served by nginx under a sub-path and searched the way a reader
does: Material's search box, opened with `?q=` (typing CJK with Playwright
does not trigger search: ../shared/NOTES.md). This runs Material's own lunr
on the built index, with the index's configuration, so it proves what a
reader gets, including the English pipeline for inflected words.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest

# What a reader sees without scrolling: the first few pages of results.
FIRST_SCREEN = 3


def search(page, base: str, start: str, query: str) -> list[str]:
    """The result pages, best first, as site paths (e.g. "en/measures/housing.html")."""
    page.goto(f"{base}{start}?q={quote(query)}")
    # Attached, not visible: the results are what the reader gets; whether the
    # overlay is already drawn open is not what this test is about.
    page.wait_for_selector(".md-search-result__list > .md-search-result__item", state="attached")
    hrefs = page.eval_on_selector_all(
        ".md-search-result__list > .md-search-result__item > a.md-search-result__link",
        "links => links.map(a => a.href)",
    )
    base_path = urlsplit(base).path
    return [urlsplit(href).path.removeprefix(base_path) for href in hrefs]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("低保", "measures/safety-net.html"),
        ("住房", "measures/housing.html"),
        ("金秋助学", "measures/schooling.html"),
        ("公益性岗位", "measures/employment.html"),
        ("医疗救助", "measures/illness.html"),
        ("临时救助", "measures/safety-net.html"),
        ("工伤", "measures/social-insurance.html"),
    ],
)
def test_a_chinese_query_finds_its_measure_page_first(page, serve_site, query, expected):
    results = search(page, serve_site(), "index.html", query)
    assert results[0] == expected, f"searching {query} shows {results[:FIRST_SCREEN]}"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("housing", {"en/measures/housing.html"}),
        ("workers", {"en/measures/structural-reform.html", "en/index.html"}),
        ("children", {"en/measures/schooling.html"}),
        ("subsidies", {"en/measures/employment.html", "en/measures/housing.html"}),
        ("minimum living allowance", {"en/measures/safety-net.html"}),
        ("loans", {"en/measures/employment.html"}),
    ],
)
def test_an_inflected_english_query_finds_its_english_page_first(page, serve_site, query, expected):
    results = search(page, serve_site(), "en/index.html", query)
    assert results[0] in expected, f"searching {query!r} shows {results[:FIRST_SCREEN]}"
