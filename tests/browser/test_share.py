"""Sharing a result: a short link packed by the questions schema, shared through the
phone's share sheet or copied; opening it shows the same result at once. And the
consent box, which always shows what this browser stores."""

from __future__ import annotations

import pytest
from test_assessment import (
    ARREARS_AND_SUDDEN,
    BOOT,
    LAID_OFF_AND_ILL,
    RESTRUCTURING,
    STUDENT_AND_NO_HOME,
    clear,
    fill_in,
    open_page,
    see_result,
    wait_ready,
)

HOUSEHOLDS = [LAID_OFF_AND_ILL, STUDENT_AND_NO_HOME, ARREARS_AND_SUDDEN, RESTRUCTURING]


def result_text(page) -> str:
    return page.text_content("#as-result .as-screen")


def test_a_share_link_is_short_and_reopens_on_the_same_result(browser, serve_site):
    base = serve_site()
    page = open_page(browser, base + "assessment.html")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    wait_ready(page)
    for answers in HOUSEHOLDS:
        fill_in(page, answers)
        see_result(page)
        expected = result_text(page)
        page.click("#as-share-result")
        page.wait_for_function("() => document.getElementById('as-share-link').value !== ''")
        link = page.input_value("#as-share-link")
        assert len(link) < 300, f"the link is {len(link)} characters: {link}"
        assert link.split("#")[0] == base + "assessment.html", "the answers must stay after the #"
        # No Web Share API in desktop Chromium: the link was copied instead, and the page says so.
        assert page.evaluate("navigator.clipboard.readText()") == link
        assert "已复制" in page.inner_text("#as-result-share-status")
        other = open_page(browser, link)
        # The recipient sees the result as soon as Python has computed it, not "check your answers".
        other.wait_for_selector("#as-result-title", timeout=BOOT)
        assert result_text(other) == expected
        other.watch.assert_private(base, answers)
        other.context.close()
        clear(page)
    assert not page.errors


def test_a_link_from_another_version_of_the_page_is_refused_with_a_message(browser, serve_site):
    base = serve_site()
    page = open_page(browser, base + "en/assessment.html")
    wait_ready(page)
    fill_in(page, RESTRUCTURING)
    page.click("#as-share")
    link = page.input_value("#as-share-link")
    path, packed = link.split("#a=")
    version, answers = packed.split("~")
    stale = open_page(browser, f"{path}#a={'x' + version[1:]}~{answers}")
    assert "another version" in stale.inner_text(".as-link-error")
    assert not stale.locator("#as-form input:checked").count(), "no answer may be read from it"
    assert stale.locator("#as-result").is_hidden()
    broken = open_page(browser, f"{path}#a={version}~9_9_9_9")
    assert "damaged" in broken.inner_text(".as-link-error")


@pytest.mark.parametrize("stored_before", [False, True], ids=["nothing-stored", "answers-stored"])
def test_the_consent_box_always_shows_what_is_stored(browser, serve_site, stored_before):
    base = serve_site()
    page = open_page(browser, base + "assessment.html")
    fill_in(page, STUDENT_AND_NO_HOME)
    page.click("#as-share")
    link = page.input_value("#as-share-link")
    if stored_before:
        page.check("#as-consent")
    stored = page.evaluate("localStorage.length")
    assert stored == (1 if stored_before else 0)
    # Open the shared link in the same browser (same localStorage).
    page.goto(link)
    page.reload()
    assert page.locator("#as-consent").is_checked() == stored_before, "the box must show what is stored"
    assert page.evaluate("localStorage.length") == stored
    # Any change to the answers (the result may already be showing, with the form hidden).
    page.evaluate(
        "document.querySelector('#as-form input').dispatchEvent(new Event('change', {bubbles: true}))"
    )
    assert page.evaluate("localStorage.length") == stored, "unticked, nothing may be stored"
    if stored_before:
        page.uncheck("#as-consent")
        assert page.evaluate("localStorage.length") == 0, "unticking removes the stored answers"
        page.check("#as-consent")
        page.click("#as-clear")
        page.click("#as-clear-confirm")
        assert page.evaluate("localStorage.length") == 0
        assert not page.locator("#as-consent").is_checked(), "cleared: nothing stored, box unticked"
