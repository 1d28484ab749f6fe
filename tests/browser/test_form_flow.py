"""The self-assessment form as a person on a 360×780 phone goes through it
(issue 10, following GOV.UK's question-page and check-answers patterns):
every step fits, the step count never jumps up, "Change" comes back to check
answers, switching language keeps the answers, "Not sure" is possible and the
result says what to check, clearing asks first, waiting is not an error.
"""

from __future__ import annotations

import re

import pytest
from test_assessment import (
    BOOT,
    answer,
    current_step,
    fill_in,
    next_step,
    open_page,
    see_result,
    wait_ready,
)

PHONE = {"width": 360, "height": 780}
# An answer for every question, chosen so that every conditional question is shown:
# each step is measured at its longest.
EVERYTHING_SHOWN = {
    "in_baotou_urban": True,
    "is_worker": True,
    "household_size": 3,
    "monthly_income": 3000,
    "months_above_standard": 2,
    "employment_status": "laid_off",
    "layoff_cause": "overcapacity",
    "enterprise_situation": ["long_stopped"],
    "able_to_work": True,
    "working_age": "working_age",
    "wants_work": True,
    "wants_business": True,
    "wants_training": True,
    "graduate_not_continuing": True,
    "trainee_background": "urban_dibao",
    "recognised_difficulty": ["zero_employment_household"],
    "market_job_hard": True,
    "serious_illness": True,
    "medical_costs_hardship": True,
    "disability": False,
    "insurance_issues": [],
    "school_levels": ["university"],
    "housing_situation": "adequate",
    "sudden_hardship": False,
}
ABOVE_STANDARD = {
    **{k: v for k, v in EVERYTHING_SHOWN.items() if k != "months_above_standard"},
    "employment_status": "working",
    "enterprise_situation": [],
    "able_to_work": False,
    "graduate_not_continuing": False,
    "recognised_difficulty": [],
    "serious_illness": False,
    "medical_costs_hardship": False,
    "school_levels": [],
}


def phone(browser, url: str):
    page = open_page(browser, url, width=PHONE["width"])
    page.set_viewport_size(PHONE)
    return page


def answer_step(page, answers: dict) -> None:
    """Answer every shown question of the current step (answers may reveal more)."""
    done: set[str] = set()
    while True:
        shown = page.locator(".as-step:not([hidden]) .as-q:not([hidden])").evaluate_all(
            "blocks => blocks.map(b => b.dataset.q)"
        )
        todo = [q for q in shown if q in answers and q not in done]
        if not todo:
            return
        for qid in todo:
            answer(page, qid, answers[qid])
            done.add(qid)


def is_red(css_colour: str) -> bool:
    red, green, blue = map(int, re.findall(r"\d+", css_colour)[:3])
    return red > 150 and green < 100 and blue < 100


def step_total(page) -> int:
    return int(re.findall(r"\d+", page.inner_text("#as-progress"))[-1])


@pytest.mark.parametrize("prefix", ["", "en/"], ids=["zh", "en"])
def test_every_step_fits_a_phone_and_its_count_never_jumps_up(browser, serve_site, prefix):
    page = phone(browser, serve_site() + prefix + "assessment.html")
    totals, too_far = [step_total(page)], {}
    for _ in range(30):
        step = current_step(page)
        if step == "summary":
            break
        answer_step(page, EVERYTHING_SHOWN)
        totals.append(step_total(page))
        # As the page shows a new step: its counter at the top of the screen.
        page.evaluate("document.querySelector('#as-progress').scrollIntoView({block: 'start'})")
        bottom = page.evaluate("document.querySelector('#as-next').getBoundingClientRect().bottom")
        if bottom > 1.5 * PHONE["height"]:
            too_far[step] = round(bottom)
        next_step(page)
        totals.append(step_total(page))
    else:
        raise AssertionError("the form never reached check your answers")
    assert not too_far, f"the continue button is more than 1.5 screens down on steps {too_far}"
    assert totals == sorted(totals, reverse=True), f"the step count went up: {totals}"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the form scrolls sideways by {overflow}px"


def test_no_floating_button_covers_the_step_counter(browser, serve_site):
    page = phone(browser, serve_site() + "assessment.html")
    answer(page, "in_baotou_urban", True)
    answer(page, "is_worker", True)
    next_step(page)
    page.mouse.wheel(0, 400)
    page.mouse.wheel(0, -200)  # Material showed its back-to-top button when scrolling up
    page.wait_for_timeout(300)
    assert not page.locator(".md-top:visible").count(), "a back-to-top button floats over the form"


def test_change_on_check_answers_comes_back_to_check_answers(browser, serve_site):
    page = phone(browser, serve_site() + "en/assessment.html")
    fill_in(page, EVERYTHING_SHOWN)
    page.locator("#as-summary-list .as-change").filter(has_text="Household size").click()
    assert current_step(page) == "household"
    answer(page, "household_size", 4)
    page.click("#as-next")
    page.wait_for_function("() => document.querySelector('.as-step:not([hidden])').dataset.step == 'summary'")
    assert "4 people" in page.inner_text("#as-summary-list")


def test_a_changed_answer_that_asks_something_new_asks_it_then_comes_back(browser, serve_site):
    page = phone(browser, serve_site() + "en/assessment.html")
    fill_in(page, {**EVERYTHING_SHOWN, "graduate_not_continuing": False})
    page.locator("#as-summary-list .as-change").filter(has_text="school leaver").first.click()
    answer(page, "graduate_not_continuing", True)  # reveals the school leaver's background, same step
    page.click("#as-next")
    assert current_step(page) == "school_leavers", "the newly asked question must be answered first"
    answer(page, "trainee_background", "neither")
    page.click("#as-next")
    page.wait_for_function("() => document.querySelector('.as-step:not([hidden])').dataset.step == 'summary'")


@pytest.mark.parametrize(("start", "other"), [("", "en/"), ("en/", "")], ids=["zh-to-en", "en-to-zh"])
def test_switching_language_mid_form_keeps_the_answers_and_the_place(browser, serve_site, start, other):
    base = serve_site()
    page = phone(browser, base + start + "assessment.html")
    answer(page, "in_baotou_urban", True)
    answer(page, "is_worker", True)
    next_step(page)
    answer(page, "household_size", 3)
    answer(page, "monthly_income", 2500)
    # The language menu's link (a click on it, as when the reader picks the language).
    page.locator(f'.md-header a[hreflang="{"en" if other else "zh"}"]').dispatch_event("click")
    page.wait_for_url(re.compile(re.escape(base + other + "assessment.html")))
    page.wait_for_selector(".as-step:not([hidden])")
    assert current_step(page) == "household"
    assert page.input_value("#as-in-household_size") == "3"
    assert page.input_value("#as-in-monthly_income") == "2500"
    assert page.locator("#as-q-is_worker input[value=true]").is_checked()
    assert page.evaluate("localStorage.length") == 0, "no consent was given: nothing may be saved"
    assert page.evaluate("sessionStorage.length") == 0, "the hand-over is removed once read"
    page.reload()
    assert not page.locator("#as-q-is_worker input:checked").count(), "the hand-over is used only once"


def test_switching_language_on_the_result_shows_the_result_in_the_other_language(browser, serve_site):
    base = serve_site()
    page = phone(browser, base + "assessment.html")
    wait_ready(page)
    fill_in(page, EVERYTHING_SHOWN)
    see_result(page)
    page.locator('.md-header a[hreflang="en"]').dispatch_event("click")
    page.wait_for_url(re.compile(re.escape(base + "en/assessment.html")))
    page.wait_for_selector("#as-result-title", timeout=BOOT)
    assert page.locator("#as-result").is_visible() and page.locator("#as-form").is_hidden()
    assert page.evaluate("document.documentElement.lang") == "en"


@pytest.mark.parametrize("prefix", ["", "en/"], ids=["zh", "en"])
def test_not_sure_of_the_months_gives_a_result_that_says_what_to_check(browser, serve_site, prefix):
    page = phone(browser, serve_site() + prefix + "assessment.html")
    wait_ready(page)
    fill_in(page, ABOVE_STANDARD)
    months = "人均收入连续超过低保标准的月数" if not prefix else "Months in a row above the dibao standard"
    page.locator("#as-summary-list .as-change").filter(has_text=months).click()
    assert current_step(page) == "months"
    page.check("#as-q-months_above_standard .as-not-sure input")
    assert page.locator("#as-in-months_above_standard").is_disabled()
    page.click("#as-next")
    page.wait_for_function("() => document.querySelector('.as-step:not([hidden])').dataset.step == 'summary'")
    assert ("不清楚" if not prefix else "Not sure") in page.inner_text("#as-summary-list")
    see_result(page)
    check = page.locator("#as-result .as-to-check")
    assert check.is_visible()
    assert ("可能" if not prefix else "may") in check.inner_text()


def test_not_sure_is_offered_for_the_recognised_statuses(browser, serve_site):
    page = open_page(browser, serve_site() + "en/assessment.html")
    options = page.locator("#as-q-recognised_difficulty input").evaluate_all("bs => bs.map(b => b.value)")
    assert "not_sure" in options


def test_clearing_asks_first_and_can_be_called_off(browser, serve_site):
    page = phone(browser, serve_site() + "assessment.html")
    answer(page, "in_baotou_urban", True)
    clear_button = page.locator("#as-clear")
    height = clear_button.bounding_box()["height"]
    assert height < 40, f"“Clear my answers” is a quiet text button, not a big one ({height}px)"
    clear_button.click()
    assert page.locator("#as-q-in_baotou_urban input[value=true]").is_checked(), "nothing is cleared yet"
    page.click("#as-clear-cancel")
    assert page.locator("#as-q-in_baotou_urban input[value=true]").is_checked()
    assert page.locator("#as-clear-confirm").is_hidden()
    page.click("#as-clear")
    page.click("#as-clear-confirm")
    assert not page.locator("#as-q-in_baotou_urban input:checked").count()


def test_waiting_for_the_calculator_does_not_look_like_an_error(browser, serve_site):
    # With the wasm served wrongly Python never gets ready: the person who asks for
    # the result sees a calm "waiting" status, not an error in red.
    page = phone(browser, serve_site(wrong_wasm_mime=True) + "en/assessment.html?pyodide_timeout=60000")
    loading = page.locator("#as-loading")
    loading.wait_for()
    bar = loading.evaluate("e => getComputedStyle(e).borderLeftColor")
    assert not is_red(bar), "loading looks like an error"
    fill_in(page, {"in_baotou_urban": False})
    page.click("#as-next")
    waiting = page.locator("#as-waiting")
    waiting.wait_for(timeout=BOOT)
    assert "Waiting" in waiting.inner_text()
    assert waiting.get_attribute("role") == "status"
    colour = waiting.evaluate("e => getComputedStyle(e).color")
    assert not is_red(colour), "the waiting message is red like an error"
    assert page.locator("#as-form-errors").is_hidden()


@pytest.fixture(autouse=True)
def _close_contexts(browser):
    yield
    for context in browser.contexts:
        context.close()
