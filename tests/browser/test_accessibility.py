"""Accessibility in a real browser: axe-core (npm devDependency, never shipped in
site/) checks every kind of page in both languages, and the self-assessment at
each stage a person sees: the start, validation errors, the check-your-answers
summary and the result.

axe is injected from node_modules as an inline script, so the page still asks
nothing of any other origin.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_assessment import LAID_OFF_AND_ILL, answer, fill_in, next_step, open_page, see_result, wait_ready

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# Every rule axe runs by default (WCAG A/AA and best practices), every impact.
# No rule is disabled.
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
}"""


def violations(page, where: str) -> list[str]:
    """axe's findings on the page as it is now, one line per rule."""
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `npm ci` (make build does)")
    # Material fades the header title and the back-to-top button; check the page
    # as it settles, not halfway through a fade.
    page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated by the test driver, which the page's CSP (no inline scripts) does not cover.
        page.evaluate(AXE.read_text() + "\n;0")
    return [
        f"{where}: {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["targets"])
        for v in page.evaluate(RUN_AXE)
    ]


def report(found: list[str]) -> str:
    return "axe found accessibility problems:\n" + "\n".join(found)


@pytest.mark.parametrize("prefix", ["", "en/"], ids=["zh", "en"])
@pytest.mark.parametrize(
    "path", ["index.html", "measures/illness.html", "matrix.html", "fulltext.html", "glossary.html"]
)
def test_site_pages_have_no_accessibility_problems(page, serve_site, prefix, path):
    page.goto(serve_site() + prefix + path)
    page.wait_for_load_state("networkidle")
    found = violations(page, prefix + path)
    assert not found, report(found)


@pytest.mark.parametrize("prefix", ["", "en/"], ids=["zh", "en"])
def test_every_stage_of_the_self_assessment_has_no_accessibility_problems(browser, serve_site, prefix):
    base = serve_site()
    page = open_page(browser, base + prefix + "assessment.html")
    wait_ready(page)
    found = violations(page, "start")

    # The assessor's own validation message, shown next to its question.
    answer(page, "in_baotou_urban", True)
    answer(page, "is_worker", True)
    next_step(page)
    answer(page, "household_size", 0)
    page.click("#as-next")
    page.locator("#as-q-household_size .as-error").wait_for()
    found += violations(page, "validation error")

    page.click("#as-clear")
    found += violations(page, "clear: asked to confirm")
    page.click("#as-clear-confirm")
    fill_in(page, LAID_OFF_AND_ILL)
    found += violations(page, "check your answers")

    see_result(page)
    found += violations(page, "result")

    assert not found, report(found)
    page.watch.assert_private(base, LAID_OFF_AND_ILL)
    assert not page.errors


def test_the_step_count_and_the_next_button_follow_the_answers(browser, serve_site):
    # The first answers open the later steps: "Step 1 of 2" and a button that
    # says "Check answers" would tell a screen-reader user the wrong thing.
    page = open_page(browser, serve_site() + "en/assessment.html")
    assert page.inner_text("#as-next") == "Next", "unanswered, the first step may lead to others"
    answer(page, "in_baotou_urban", True)
    answer(page, "is_worker", True)
    assert page.inner_text("#as-next") == "Next"
    assert not page.inner_text("#as-progress").startswith("Step 1 of 2")
    assert page.evaluate("document.activeElement.name") == "is_worker", "answering must not move focus"
    answer(page, "is_worker", False)
    assert page.inner_text("#as-next") == "Check answers"
