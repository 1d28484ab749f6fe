"""The self-assessment in a real browser: Debian's Chromium against the built site,
served by nginx under /policy/, with Python (Pyodide) running in a web worker.

Pyodide boots in a few seconds per page load, so each test reuses its page for
several households ("Clear my answers" between them, which is itself tested).
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

BOOT = 90_000  # ms: a guard only; Pyodide normally boots in a few seconds

# Households, in the answers a person gives. Values chosen to be recognisable
# in any request that might carry them (none may).
LAID_OFF_AND_ILL = {
    "in_baotou_urban": True,
    "is_worker": True,
    "household_size": 3,
    "monthly_income": 2345.5,
    "employment_status": "laid_off",
    "layoff_cause": "soe_reform",
    "enterprise_situation": [],
    "able_to_work": True,
    "working_age": "working_age",
    "wants_work": True,
    "wants_business": True,
    "graduate_not_continuing": False,
    "recognised_difficulty": [],
    "serious_illness": True,
    "medical_costs_hardship": True,
    "disability": False,
    "insurance_issues": [],
    "school_levels": [],
    "housing_situation": "adequate",
    "sudden_hardship": False,
}
STUDENT_AND_NO_HOME = {
    **LAID_OFF_AND_ILL,
    "employment_status": "working",
    "able_to_work": False,
    "serious_illness": False,
    "medical_costs_hardship": False,
    "school_levels": ["university"],
    "housing_situation": "no_housing",
}
ARREARS_AND_SUDDEN = {
    **STUDENT_AND_NO_HOME,
    "school_levels": [],
    "housing_situation": "adequate",
    "insurance_issues": ["employer_arrears"],
    "sudden_hardship": True,
    "monthly_income": 1200,
}
RESTRUCTURING = {
    **STUDENT_AND_NO_HOME,
    "school_levels": [],
    "housing_situation": "adequate",
    "enterprise_situation": ["bankruptcy"],
}
OUTSIDE_BAOTOU = {"in_baotou_urban": False}

LEADS_ZH = {
    "employment": ["市人社局"],
    "illness": ["市总工会"],
    "social-insurance": ["市人社局"],
    "schooling": ["市教育局"],
    "housing": ["市住建局"],
    "safety-net": ["市民政局", "市医保局"],
    "structural-reform": ["市人社局"],
}
LEADS_EN = {
    "social-insurance": ["Municipal Human Resources and Social Security Bureau"],
    "safety-net": ["Municipal Civil Affairs Bureau", "Municipal Healthcare Security Bureau"],
    "structural-reform": ["Municipal Human Resources and Social Security Bureau"],
}


# ── driving the page ───────────────────────────────────────────────────────


class Watch:
    """Every request the browser context makes, workers included."""

    def __init__(self, context):
        self.requests: list[tuple[str, str, str]] = []
        context.on("request", lambda r: self.requests.append((r.url, r.method, r.post_data or "")))

    def assert_private(self, base: str, answers: dict) -> None:
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))
        # blob: URLs of this origin are in-memory (the decoded runtime), not requests.
        mine = (origin + "/", "blob:" + origin + "/")
        foreign = [url for url, _, _ in self.requests if not url.startswith(mine)]
        assert not foreign, f"the page asked another origin for {foreign}"
        values = {json.dumps(v) for v in answers.values() if isinstance(v, int | float | str)}
        values |= {v for v in answers.values() if isinstance(v, str)}
        values |= {"answers", "2345"}
        for url, method, body in self.requests:
            assert method == "GET" and not body, f"the page sent data: {method} {url} {body[:80]}"
            carried = [v for v in values if len(v) >= 4 and v in url]
            assert not carried, f"{url} carries the answers {carried}"


def open_page(browser, url: str, width: int = 1280):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.watch = Watch(context)
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(url)
    return page


def wait_ready(page) -> None:
    page.wait_for_selector(".as-ready", timeout=BOOT)


def current_step(page) -> str:
    return page.locator(".as-step:not([hidden])").get_attribute("data-step")


def answer(page, qid: str, value) -> None:
    block = page.locator(f"#as-q-{qid}")
    kind = block.get_attribute("data-type")
    if kind in ("integer", "number"):
        block.locator("input[type=number]").fill(str(value))
    elif kind == "multichoice":
        for box in block.locator("input").all():
            box.set_checked(box.get_attribute("value") in value)
    else:
        text = json.dumps(value) if kind == "boolean" else value
        block.locator(f'input[value="{text}"]').check()


def next_step(page) -> None:
    before = current_step(page)
    page.click("#as-next")
    page.wait_for_function(
        "before => document.querySelector('.as-step:not([hidden])').dataset.step !== before"
        " || document.querySelector('.as-q.as-invalid')",
        arg=before,
    )
    assert not page.locator(".as-q.as-invalid").count(), page.locator(
        ".as-error:not([hidden])"
    ).all_inner_texts()


def fill_in(page, answers: dict) -> None:
    """Answer step by step, as a person would, up to the check-your-answers summary."""
    for _ in range(20):
        if current_step(page) == "summary":
            return
        done: set[str] = set()
        while True:  # an answer may reveal further questions in the same step
            shown = page.locator(".as-step:not([hidden]) .as-q:not([hidden])").evaluate_all(
                "blocks => blocks.map(b => b.dataset.q)"
            )
            todo = [qid for qid in shown if qid in answers and qid not in done]
            if not todo:
                break
            for qid in todo:
                answer(page, qid, answers[qid])
                done.add(qid)
        next_step(page)
    raise AssertionError("the form never reached the summary")


def see_result(page) -> None:
    page.click("#as-next")
    page.wait_for_selector("#as-result-title", timeout=BOOT)


def shown_measures(page) -> dict[str, list[str]]:
    """Measure id → the lead departments shown for it."""
    measures = {}
    for article in page.locator("#as-result .as-measure").all():
        # text_content: a measure's details are folded until opened.
        measures[article.get_attribute("data-measure")] = article.locator(".as-lead a").all_text_contents()
    return measures


def clear(page) -> None:
    """Clear my answers: asked first, then confirmed."""
    page.click("#as-clear")
    page.click("#as-clear-confirm")
    assert page.locator("#as-result").is_hidden()
    assert current_step(page) == "scope"


# ── households end to end ──────────────────────────────────────────────────


def test_four_households_in_chinese_see_their_measures_and_lead_departments(browser, serve_site):
    base = serve_site()
    page = open_page(browser, base + "assessment.html")
    wait_ready(page)
    households = [
        (LAID_OFF_AND_ILL, ["employment", "illness"]),
        (STUDENT_AND_NO_HOME, ["schooling", "housing"]),
        (ARREARS_AND_SUDDEN, ["social-insurance", "safety-net"]),
        (OUTSIDE_BAOTOU, []),
    ]
    for answers, expected in households:
        fill_in(page, answers)
        see_result(page)
        assert page.evaluate("document.activeElement.id") == "as-result-title", (
            "focus should move to the result"
        )
        measures = shown_measures(page)
        for measure in expected:
            assert measures.get(measure) == LEADS_ZH[measure], (
                f"{measure} should show its lead, got {measures}"
            )
        if not expected:
            assert not measures
            assert "本方案不适用" in page.inner_text("#as-result")
        else:
            # The clause is quoted and linked in the full text and to the measure page.
            first = page.locator("#as-result .as-measure").first
            assert first.locator("a[href^='fulltext.html#clause-2-3-']").count() == 1
            assert first.locator(f"a[href='measures/{expected[0]}.html']").count() == 1
            assert "低保" in page.inner_text("#as-result .as-standing")
        page.watch.assert_private(base, answers)
        clear(page)
    assert not page.errors


def test_two_households_in_english(browser, serve_site):
    base = serve_site()
    page = open_page(browser, base + "en/assessment.html")
    wait_ready(page)
    for answers, expected in [
        (ARREARS_AND_SUDDEN, ["social-insurance", "safety-net"]),
        (RESTRUCTURING, ["structural-reform"]),
    ]:
        fill_in(page, answers)
        see_result(page)
        measures = shown_measures(page)
        for measure in expected:
            assert measures.get(measure) == LEADS_EN[measure], (
                f"{measure} should show its lead, got {measures}"
            )
        text = page.inner_text("#as-result")
        assert "Other measures" in text and "may apply" in text.lower()
        link = page.locator("#as-result .as-measure a[href^='fulltext.html#clause-']").first
        assert link.get_attribute("href").startswith("fulltext.html#clause-2-3-")
        page.watch.assert_private(base, answers)
        clear(page)
    # The clause link leads to the English full text under en/.
    fill_in(page, RESTRUCTURING)
    see_result(page)
    page.click("[data-measure=structural-reform] > summary")  # unfold the measure
    page.locator("[data-measure=structural-reform] a[href^='fulltext.html#clause-']").click()
    assert re.search(r"/policy/en/fulltext\.html#clause-2-3-7$", page.url)
    assert not page.errors


def test_changing_the_dibao_standard_reruns_the_assessment_with_it(browser, serve_site):
    page = open_page(browser, serve_site() + "assessment.html")
    wait_ready(page)
    fill_in(page, ARREARS_AND_SUDDEN)
    see_result(page)
    page.click("#as-standing > summary")  # unfold the standing
    assert "由您设置" not in page.inner_text(".as-standard")
    page.fill("#as-dibao", "1234")
    page.click(".as-dibao button[type=submit]")
    page.wait_for_selector(".as-standard:has-text('1234')", state="attached")
    assert "由您设置" in page.text_content(".as-standard")
    page.watch.assert_private(serve_site(), {"dibao_standard": "1234"})


# ── validation, keyboard, small screens ────────────────────────────────────


def test_assessor_messages_appear_next_to_the_question_and_take_focus(browser, serve_site):
    page = open_page(browser, serve_site() + "assessment.html")
    wait_ready(page)
    answer(page, "in_baotou_urban", True)
    answer(page, "is_worker", True)
    next_step(page)
    answer(page, "household_size", 0)
    page.click("#as-next")
    error = page.locator("#as-q-household_size .as-error")
    error.wait_for()
    assert "1" in error.inner_text() and "20" in error.inner_text()
    assert page.evaluate("document.activeElement.id") == "as-in-household_size"
    assert current_step(page) == "household"


def test_the_whole_flow_works_by_keyboard_alone(browser, serve_site):
    page = open_page(browser, serve_site() + "assessment.html")
    wait_ready(page)
    answers = {**STUDENT_AND_NO_HOME, "monthly_income": 1800}
    for _ in range(400):
        focused = page.evaluate(
            "(() => { const e = document.activeElement;"
            " return {id: e.id, tag: e.tagName, type: e.type, name: e.name, value: e.value,"
            " checked: e.checked, inForm: !!e.closest('#as-form')}; })()"
        )
        if focused["id"] == "as-result-title":
            break
        if focused["id"] == "as-next":
            page.keyboard.press("Enter")
            # The page moves focus to the next step's heading, or to the result once
            # Python has answered; a Tab pressed before that would race it.
            page.wait_for_function("() => document.activeElement.id !== 'as-next'", timeout=BOOT)
            continue
        if focused["inForm"] and focused["name"] in answers:
            wanted = answers[focused["name"]]
            if focused["type"] == "number":
                page.keyboard.type(str(wanted))
            elif focused["type"] == "checkbox":
                if (focused["value"] in wanted) != focused["checked"]:
                    page.keyboard.press("Space")
            elif focused["type"] == "radio":
                target = json.dumps(wanted) if isinstance(wanted, bool) else wanted
                for _ in range(6):  # arrows move through the group and select
                    if page.evaluate("document.activeElement.value") == target:
                        break
                    page.keyboard.press("ArrowDown")
                page.keyboard.press("Space")
        page.keyboard.press("Tab")
        page.wait_for_timeout(20)  # let the form react before the next key; not an assertion
    else:
        raise AssertionError("the result was never reached by keyboard")
    assert set(shown_measures(page)) >= {"schooling", "housing"}


def test_readable_at_360_px(browser, serve_site):
    page = open_page(browser, serve_site() + "assessment.html", width=360)
    wait_ready(page)
    fill_in(page, LAID_OFF_AND_ILL)
    see_result(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px at 360px"
    assert page.locator("#as-result .as-measure").first.is_visible()


# ── privacy: storage only with consent, share link in the fragment only ───


def test_answers_are_saved_only_with_consent_and_cleared_completely(browser, serve_site):
    page = open_page(browser, serve_site() + "assessment.html")
    answer(page, "in_baotou_urban", True)
    assert page.evaluate("localStorage.length") == 0, "nothing may be stored without consent"
    page.check("#as-consent")
    answer(page, "is_worker", True)
    assert "is_worker" in page.evaluate("JSON.stringify(localStorage)")
    page.reload()
    assert page.locator("#as-consent").is_checked()
    assert page.locator("#as-q-is_worker input[value=true]").is_checked()
    clear(page)
    assert page.evaluate("localStorage.length") == 0
    assert not page.locator("#as-q-in_baotou_urban input:checked").count()
    assert "清除" in page.inner_text("#as-tools")


def test_share_link_keeps_answers_in_the_fragment_and_opens_them(browser, serve_site):
    base = serve_site()
    page = open_page(browser, base + "assessment.html")
    wait_ready(page)
    fill_in(page, STUDENT_AND_NO_HOME)
    page.click("#as-share")
    link = page.input_value("#as-share-link")
    before_fragment = link.split("#")[0]
    assert before_fragment == base + "assessment.html", "the answers must stay after the #"
    other = open_page(browser, link)
    # A shared link opens on its result as soon as Python can compute it (tests/browser/test_share.py).
    other.wait_for_selector("#as-result-title", timeout=BOOT)
    assert {"schooling", "housing"} <= set(shown_measures(other))
    other.watch.assert_private(base, STUDENT_AND_NO_HOME)
    other.click("#as-clear")
    other.click("#as-clear-confirm")
    assert other.evaluate("location.hash") == ""


# ── Python on a badly configured server ────────────────────────────────────


def test_wasm_with_wrong_mime_type_still_works(browser, serve_site):
    # The runtime travels xz-compressed and is compiled from bytes, so a server
    # that sends .wasm as text/plain (which made loadPyodide() hang) changes
    # nothing. Stalls and retries: tests/browser/test_loading.py.
    page = open_page(browser, serve_site(wrong_wasm_mime=True) + "en/assessment.html")
    wait_ready(page)
    fill_in(page, RESTRUCTURING)
    see_result(page)
    assert "structural-reform" in shown_measures(page)


@pytest.fixture(autouse=True)
def _close_contexts(browser):
    yield
    for context in browser.contexts:
        context.close()


def test_material_still_runs_on_the_assessment_page_once_python_is_ready(browser, serve_site):
    # Material's script waits until Python is ready (web/material-later.js); then the
    # header shows the page's title once its heading has scrolled away, as on every page.
    page = open_page(browser, serve_site() + "assessment.html", width=360)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    wait_ready(page)
    page.evaluate("document.querySelector('article h1').scrollIntoView()")
    page.mouse.wheel(0, 400)
    title = page.locator('[data-md-component="header-title"]').element_handle()
    page.wait_for_function("el => el.classList.contains('md-header__title--active')", arg=title)
    material = page.locator("script[src*='assets/javascripts/bundle.']")
    assert material.count() == 1, "Material's script runs once"
    assert not errors, errors
