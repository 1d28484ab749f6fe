"""Search answers readers' questions in both languages, in a real browser.

The site is served by nginx under a sub-path and searched the way a reader
does: Material's search box, opened with `?q=` (typing CJK with Playwright
does not trigger search: ../shared/NOTES.md). This runs Material's own lunr
on the built index, with the index's configuration, so it proves what a
reader gets, including the English pipeline for inflected words.
"""

from __future__ import annotations

import json
import re
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
        ("covered", {"en/measures/illness.html", "en/measures/social-insurance.html"}),
        ("retired", {"en/measures/social-insurance.html"}),
        ("worker", {"en/measures/structural-reform.html", "en/index.html", "en/measures/employment.html"}),
        ("subsidy", {"en/measures/employment.html", "en/measures/housing.html"}),
    ],
)
def test_an_inflected_english_query_finds_its_english_page_first(page, serve_site, query, expected):
    results = search(page, serve_site(), "en/index.html", query)
    assert results[0] in expected, f"searching {query!r} shows {results[:FIRST_SCREEN]}"


@pytest.mark.parametrize(
    ("start", "query"),
    [
        ("index.html", "低保"),
        ("index.html", "医疗救助"),
        ("measures/housing.html", "住房"),
        ("en/index.html", "dibao"),
        ("en/index.html", "housing"),
        ("en/measures/housing.html", "workers"),
    ],
)
def test_search_shows_only_pages_in_the_pages_language(page, serve_site, start, query):
    results = search(page, serve_site(), start, query)
    english = [r for r in results if r.startswith("en/")]
    if start.startswith("en/"):
        assert english == results, f"an English page's search shows Chinese pages: {results}"
    else:
        assert not english, f"a Chinese page's search shows English pages: {english}"


def _index(site_dir, lang: str) -> dict:
    path = site_dir / ("" if lang == "zh" else "en") / "search" / "search_index.json"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_language_has_its_own_search_index(site_dir, lang):
    docs = _index(site_dir, lang)["docs"]
    pages = {d["location"].split("#")[0] for d in docs}
    assert "matrix.html" in pages and "measures/housing.html" in pages
    assert not any(p.startswith("en/") for p in pages), "locations are relative to the language's root"
    has_han = sum(bool(re.search(r"[\u4e00-\u9fff]", d["title"])) for d in docs)
    assert (has_han > len(docs) / 2) == (lang == "zh"), "an index holds the other language's pages"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_matrix_snippets_read_as_sentences(site_dir, lang):
    """What search shows for the matrix: per measure a heading and two sentences, not table cells."""
    sections = [d for d in _index(site_dir, lang)["docs"] if d["location"].startswith("matrix.html#matrix-")]
    assert len(sections) == 7
    lead, cooperating = ("● 牵头：", "○ 配合：") if lang == "zh" else ("● Lead: ", "○ Co-operating: ")
    end = "。" if lang == "zh" else "."
    for section in sections:
        paragraphs = [re.sub(r"<[^>]+>|\u200b", "", p).strip() for p in section["text"].split("</p>")]
        paragraphs = [p for p in paragraphs if p]
        assert len(paragraphs) == 2, paragraphs
        assert paragraphs[0].startswith(lead) and paragraphs[1].startswith(cooperating), paragraphs
        assert all(p.endswith(end) for p in paragraphs), paragraphs
