"""The result's print view: a one-page A4 summary to take to the union office,
in both languages, printed by Chromium itself (`page.pdf`)."""

from __future__ import annotations

import re

import pytest
from test_assessment import LAID_OFF_AND_ILL, fill_in, open_page, see_result, shown_measures, wait_ready

# A PDF page object; "/Type /Pages" is the page tree, not a page.
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")

# What the printed summary keeps, and what it leaves out.
KEPT = [
    ".as-print-only",  # the date of the self-assessment
    ".as-measure h4",
    ".as-lead",
    ".as-support",
    ".as-clause-label",
    ".as-standing .as-standard",
    ".as-next",
    ".as-disclaimer",
]
LEFT_OUT = [
    ".md-header",
    ".md-sidebar--primary",
    ".md-footer",
    "#as-form",
    "#as-tools",
    ".as-dibao",
    ".as-actions",
    "#privacy",
]


# The longest three-measure results: employment and illness carry the most
# support items and co-operating departments; sudden hardship adds one more item.
THREE_MEASURES = {
    "laid-off-and-ill": LAID_OFF_AND_ILL,
    "laid-off-ill-and-sudden-hardship": {**LAID_OFF_AND_ILL, "sudden_hardship": True},
}


def show_result(page, answers: dict) -> None:
    fill_in(page, answers)
    see_result(page)
    assert len(shown_measures(page)) == 3, "this household should see three measures"


@pytest.mark.parametrize("prefix", ["", "en/"], ids=["zh", "en"])
def test_the_printed_result_of_a_household_with_three_measures_fits_one_a4_page(
    browser, serve_site, tmp_path, prefix
):
    page = open_page(browser, serve_site() + prefix + "assessment.html")
    wait_ready(page)
    too_long = {}
    for name, answers in THREE_MEASURES.items():
        show_result(page, answers)
        pdf = page.pdf(format="A4")
        (tmp_path / f"{name}.pdf").write_bytes(pdf)  # kept by pytest, for a look when this fails
        pages = len(PAGE_OBJECT.findall(pdf))
        if pages != 1:
            too_long[name] = pages
        page.click("#as-clear")
        page.click("#as-clear-confirm")
    assert not too_long, f"the printed summary takes more than one A4 page: {too_long} (PDFs in {tmp_path})"


@pytest.mark.parametrize("prefix", ["", "en/"], ids=["zh", "en"])
def test_the_printed_result_keeps_what_the_union_office_needs_and_drops_the_site_around_it(
    browser, serve_site, prefix
):
    page = open_page(browser, serve_site() + prefix + "assessment.html")
    wait_ready(page)
    show_result(page, LAID_OFF_AND_ILL)
    page.emulate_media(media="print")
    missing = [selector for selector in KEPT if not page.locator(selector).first.is_visible()]
    assert not missing, f"the printed summary lacks {missing}"
    printed = [selector for selector in LEFT_OUT if page.locator(selector).first.is_visible()]
    assert not printed, f"the printed summary still shows {printed}"
    # Every measure shows whom to ask and the clause it rests on.
    for article in page.locator(".as-measure").all():
        assert article.locator(".as-lead a").first.is_visible()
        assert article.locator(".as-clause-label").is_visible()
