"""The result's print view: one A4 page to take to the union office, in both
languages, printed by Chromium itself (`page.pdf`): the answers given, the result,
where to go with contacts, the date and the page's address, no text under 10 pt."""

from __future__ import annotations

import re

import pytest
from test_assessment import LAID_OFF_AND_ILL, fill_in, open_page, see_result, shown_measures, wait_ready

# A PDF page object; "/Type /Pages" is the page tree, not a page.
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")

LEFT_OUT = [
    ".md-header",
    ".md-sidebar--primary",
    ".md-footer",
    "#as-form",
    "#as-tools",
    ".as-screen",
    "#privacy",
]

# The longest three-measure results: employment and illness carry the most
# support items and co-operating departments; sudden hardship adds one more item.
THREE_MEASURES = {
    "laid-off-and-ill": LAID_OFF_AND_ILL,
    "laid-off-ill-and-sudden-hardship": {**LAID_OFF_AND_ILL, "sudden_hardship": True},
}

# The smallest font size of any text the print sheet shows, in CSS px (1 pt = 4/3 px).
SMALLEST_TEXT = """() => {
  let smallest = Infinity;
  const walker = document.createTreeWalker(document.querySelector('.as-print-sheet'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim() || !node.parentElement.checkVisibility()) continue;
    smallest = Math.min(smallest, parseFloat(getComputedStyle(node.parentElement).fontSize));
  }
  return smallest;
}"""


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
    assert not too_long, f"the printed result takes more than one A4 page: {too_long} (PDFs in {tmp_path})"


@pytest.mark.parametrize(
    ("prefix", "words"),
    [
        ("", ["您的回答", "家庭人口数", "0471-12351", "12345", "市人社局", "网址", "自测日期"]),
        (
            "en/",
            [
                "Your answers",
                "Household size",
                "0471-12351",
                "12345",
                "Human Resources",
                "Page",
                "Self-assessment of",
            ],
        ),
    ],
    ids=["zh", "en"],
)
def test_the_printed_result_shows_the_answers_where_to_go_the_date_and_the_address_at_10_pt_or_more(
    browser, serve_site, prefix, words
):
    base = serve_site()
    page = open_page(browser, base + prefix + "assessment.html")
    wait_ready(page)
    show_result(page, LAID_OFF_AND_ILL)
    page.emulate_media(media="print")
    sheet = page.inner_text(".as-print-sheet")
    missing = [word for word in words if word not in sheet]
    assert not missing, f"the printed result lacks {missing}"
    assert base + prefix + "assessment.html" in sheet, "the printed result should give the page's address"
    assert "#" not in sheet.split("assessment.html")[1][:2], "the address must not carry the answers"
    printed = [selector for selector in LEFT_OUT if page.locator(selector).first.is_visible()]
    assert not printed, f"the printed result still shows {printed}"
    smallest_pt = round(page.evaluate(SMALLEST_TEXT) * 3 / 4, 2)  # 10 pt is 13.333… px
    assert smallest_pt >= 10, f"printed text as small as {smallest_pt:.1f} pt"
