"""Every page on a 360×780 phone, in both languages (issue 10): nothing scrolls
sideways, the home page opens with the way into the self-assessment, page titles
are not washed out and the hidden ¶ permalink leaves no blank line under them.
The matrix and glossary read as cards on a phone and the matrix shows every
measure on a 1280 px desktop.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PHONE = {"width": 360, "height": 780}
SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
SITE = Path(__file__).resolve().parents[2] / "site"


def site_pages() -> list[str]:
    """Every page of the built site, as a path under the site root."""
    pages = sorted(p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html"))
    return [p for p in pages if not p.startswith("assets/") and p != "404.html"]


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()


def test_no_page_scrolls_sideways_on_a_phone(phone, serve_site):
    base = serve_site()
    pages = site_pages()
    assert len(pages) > 20, "the site is not built"
    wide = {}
    for path in pages:
        phone.goto(base + path)
        overflow = phone.evaluate(SIDEWAYS)
        if overflow > 0:
            wide[path] = overflow
    assert not wide, f"pages that scroll sideways at 360 px (px): {wide}"


@pytest.mark.parametrize(("path", "button"), [("index.html", "开始自我评估"), ("en/index.html", "Start")])
def test_the_home_page_opens_with_the_self_assessment(phone, serve_site, path, button):
    phone.goto(serve_site() + path)
    start = phone.locator("#start-assessment")
    assert button in start.inner_text()
    box = start.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], "the start is below the first screen"
    box_text = phone.locator(".admonition.start").inner_text()
    for words in (("几口人", "收入", "分钟"), ("people", "earns", "minutes")):
        if all(w in box_text for w in words):
            break
    else:
        pytest.fail(f"the start box does not say how long it takes and what to have at hand: {box_text!r}")
    phone.click("#start-assessment")
    assert phone.url.endswith("assessment.html")


@pytest.mark.parametrize("path", ["index.html", "en/index.html", "glossary.html", "en/fulltext.html"])
def test_page_titles_are_in_full_colour_with_no_blank_line_under_them(phone, serve_site, path):
    phone.goto(serve_site() + path)
    title = phone.locator("h1").first
    colours = title.evaluate(
        "h => [getComputedStyle(h).color, getComputedStyle(document.querySelector('.md-typeset p')).color]"
    )
    assert colours[0] == colours[1], f"the page title is {colours[0]}, the text {colours[1]}"
    with_link = title.bounding_box()["height"]
    title.evaluate("h => h.querySelector('.headerlink')?.remove()")
    assert title.bounding_box()["height"] == with_link, "the hidden ¶ link adds a line under the title"


@pytest.mark.parametrize("prefix", ["", "en/"], ids=["zh", "en"])
def test_the_matrix_reads_as_one_card_per_measure_on_a_phone(phone, serve_site, prefix):
    phone.goto(serve_site() + prefix + "matrix.html")
    cards = phone.locator(".matrix-card")
    assert cards.count() == 7
    first = cards.first
    lead, cooperating = first.locator(".role-lead"), first.locator(".role-cooperating")
    assert lead.count() >= 1 and cooperating.count() >= 1
    # Told apart by words and shape, not colour alone.
    assert re.search("牵头|Lead", first.inner_text()) and re.search("配合|Co-operating", first.inner_text())
    assert lead.first.evaluate("e => getComputedStyle(e).fontWeight") != cooperating.first.evaluate(
        "e => getComputedStyle(e).fontWeight"
    )
    box = first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def test_every_measure_of_the_matrix_shows_on_a_desktop(browser, serve_site):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(serve_site() + "en/matrix.html")
    content = page.locator("article.md-content__inner").bounding_box()
    for card in page.locator(".matrix-card").all():
        box = card.bounding_box()
        assert box["x"] >= content["x"] - 1 and box["x"] + box["width"] <= content["x"] + content["width"] + 1
    context.close()


@pytest.mark.parametrize("prefix", ["", "en/"], ids=["zh", "en"])
def test_the_glossary_gives_plain_definitions_in_the_pages_language(phone, serve_site, prefix):
    phone.goto(serve_site() + prefix + "glossary.html")
    entries = phone.locator(".glossary-entry")
    assert entries.count() > 20
    first = entries.first
    plain = first.locator(".glossary-plain").inner_text()
    has_han = re.search(r"[\u4e00-\u9fff]", plain)
    assert bool(has_han) == (prefix == ""), f"the plain definition is not in the page's language: {plain!r}"
    # Where the translation came from is there, folded away.
    provenance = first.locator("details.glossary-provenance")
    assert provenance.count() == 1 and provenance.get_attribute("open") is None
    box = first.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"]
