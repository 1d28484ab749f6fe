"""Share links pack the answers by the questions schema (storage.js): they unpack to the
same answers, stay short, and a link made for another version of the questions is
refused rather than read wrongly."""

from __future__ import annotations

import json
from pathlib import Path

from node_script import node_json

from assessor.questions import schema
from assessor.result import assess

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "js" / "share_encoding.mjs"
SCENARIOS = ROOT / "tests" / "scenarios"
# The longest page address a share link is likely to start with.
ADDRESS = "https://www.example.gov.cn/baotou/policy/en/assessment.html#a="


def households() -> list[dict]:
    """The scenarios' households that give a result (some scenarios test refusals)."""
    import tomllib

    from assessor.validation import InvalidAnswers

    found = []
    for path in sorted(SCENARIOS.glob("*.toml")):
        answers = tomllib.loads(path.read_text(encoding="utf-8")).get("answers")
        try:
            assess(answers)
        except InvalidAnswers:
            continue
        found.append(answers)
    return found


def test_share_links_round_trip_to_the_same_result_and_stay_short():
    cases = households()
    assert len(cases) >= 5, "the scenarios should give several households"
    questions = schema()["questions"]
    outs = node_json(SCRIPT, stdin=json.dumps({"questions": questions, "households": cases}))
    for answers, out in zip(cases, outs, strict=True):
        assert "answers" in out["back"], out
        assert assess(out["back"]["answers"]) == assess(answers), f"{answers} came back as {out['back']}"
        assert len(ADDRESS + out["packed"]) < 300, out["packed"]
        assert out["other"] == {"error": "version"}, "a link from another schema version must be refused"
