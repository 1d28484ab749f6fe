"""The result as a worker on a 360×780 phone sees it: the answer on the first
screen (what may apply, where to go first and how to reach it, the standing
against the 低保 standard), and every department named with its contact details
or the fallback line and a hotline."""

from __future__ import annotations

import re

import pytest
from test_assessment import (
    ARREARS_AND_SUDDEN,
    LAID_OFF_AND_ILL,
    RESTRUCTURING,
    STUDENT_AND_NO_HOME,
    clear,
    fill_in,
    open_page,
    see_result,
    wait_ready,
)

HOUSEHOLDS = {
    "laid-off-and-ill": LAID_OFF_AND_ILL,
    "student-and-no-home": STUDENT_AND_NO_HOME,
    "arrears-and-sudden": ARREARS_AND_SUDDEN,
    "restructuring": RESTRUCTURING,
}
# A phone number a person can dial: the office's own or a hotline.
PHONE = re.compile(r"\b(?:0\d{2,3}-)?\d{5,8}\b")
SUMMARY = {
    "zh": re.compile(r"七项措施中，可能有\d项适用于您"),
    "en": re.compile(r"of the plan's seven measures may apply"),
}
STANDING = {"zh": "低保标准", "en": "dibao standard"}

# The text inside the viewport (the result heading at its top, as focus puts it).
IN_VIEWPORT = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.getElementById('as-result'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim() || !node.parentElement.checkVisibility()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.bottom > 0 && box.bottom <= innerHeight && box.height > 0) out.push(node.textContent);
  }
  return out.join(' ');
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_first_phone_screen_of_the_result_gives_the_answer_and_where_to_go(browser, serve_site, lang):
    page = open_page(browser, serve_site() + ("en/" if lang == "en" else "") + "assessment.html", width=360)
    page.set_viewport_size({"width": 360, "height": 780})
    wait_ready(page)
    for name, answers in HOUSEHOLDS.items():
        fill_in(page, answers)
        see_result(page)
        # Focus on the heading scrolls it into view: that is the result's first screen.
        page.evaluate("document.getElementById('as-result-title').scrollIntoView({block: 'start'})")
        seen = page.evaluate(IN_VIEWPORT)
        assert SUMMARY[lang].search(seen), f"{name}: no summary sentence on the first screen: {seen[:300]}"
        first = page.locator(".as-first-name").inner_text()
        assert first and first.split()[-1] in seen, (
            f"{name}: the first place to go is not on the first screen"
        )
        assert PHONE.search(page.locator(".as-first .as-reach").inner_text()), f"{name}: no way to reach it"
        assert page.locator(".as-first .as-reach a[href^='tel:']").count(), (
            f"{name}: the number cannot be dialled"
        )
        assert PHONE.search(seen), f"{name}: no phone number on the first screen"
        assert STANDING[lang] in seen, f"{name}: the standing line is not on the first screen"
        clear(page)
    assert not page.errors


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_department_named_as_a_place_to_go_has_contacts_or_the_fallback_and_a_hotline(
    browser, serve_site, lang
):
    page = open_page(browser, serve_site() + ("en/" if lang == "en" else "") + "assessment.html", width=360)
    wait_ready(page)
    fill_in(page, ARREARS_AND_SUDDEN)
    see_result(page)
    places = page.locator(".as-places > li").all()
    ids = [p.get_attribute("data-department") for p in places]
    assert ids[0] == "union", "registration with the union comes first"
    # Every lead department of a measure that may apply is a place to go (民政 for 低保).
    assert {"hrss", "civil-affairs", "healthcare-security"} <= set(ids)
    for place in places:
        text = place.inner_text()
        assert PHONE.search(text), f"{place.get_attribute('data-department')}: no phone or hotline: {text}"
        assert place.locator("a[href^='tel:']").count()
    # Where no details are on record (all, until the operator fills them in), the page says so.
    fallback = {"zh": "联系方式尚未录入本网站", "en": "Contact details not yet on this site"}[lang]
    assert fallback in page.inner_text(".as-places")
    # The hotlines' sources: publisher, title and date, never a link.
    sources = page.locator(".as-sources")
    assert "2023-09-28" in sources.text_content()
    assert not sources.locator("a").count()


def test_the_dibao_figure_is_cited_as_publisher_and_date_never_as_a_link_to_a_copy(browser, serve_site):
    page = open_page(browser, serve_site() + "en/assessment.html")
    wait_ready(page)
    fill_in(page, LAID_OFF_AND_ILL)
    see_result(page)
    page.click("#as-standing > summary")
    source = page.inner_text(".as-standing .as-source")
    assert "2023-06" in source and "publisher" in source.lower()
    html = page.inner_html("#as-result")
    for copy in ("nfhot", "fjliren", "pygbw", "inque365"):
        assert copy not in html
