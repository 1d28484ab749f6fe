"""Every scenario in tests/scenarios/ gives what the plan says (see tests/scenarios/README.md)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from assessor import assess
from assessor.api import handle
from assessor.policy import policy

SCENARIOS = sorted((Path(__file__).parent / "scenarios").glob("*.toml"))


def load(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def outcome(result: dict) -> dict:
    """What a scenario's [expected] compares: the result as a union office would summarise it."""
    applicable = result["applicable"]
    return {
        "in_scope": result["scope"]["in_scope"],
        "measures": [m["number"] for m in applicable],
        "lead": list(dict.fromkeys(d["id"] for m in applicable for d in m["lead"])),
        "support": [s["id"] for m in applicable for s in m["support"]],
    }


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_scenario_gives_the_measures_departments_and_support_the_plan_names(path: Path):
    scenario = load(path)
    result = assess(scenario["answers"], scenario["as_of"])
    expected = scenario["expected"]
    assert outcome(result) == {k: expected[k] for k in ("in_scope", "measures", "lead", "support")}, scenario[
        "name"
    ]
    for key, value in expected.get("standing", {}).items():
        assert result["standing"][key] == value, f"{scenario['name']}: standing.{key}"
    if "to_check" in expected:
        checked = [c["question"] for c in result["to_check"]]
        assert checked == expected["to_check"], f"{scenario['name']}: what to check"
    not_applicable = {m["number"]: m for m in result["not_applicable"]}
    for number, words in expected.get("would_apply_if", {}).items():
        texts = " ".join(t["en"] for t in not_applicable[int(number)]["would_apply_if"])
        for word in words:
            assert word in texts, f"{scenario['name']}: measure {number} would apply if … {word!r}"


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_scenario_gives_the_same_result_through_the_json_interface(path: Path):
    scenario = load(path)
    request = {"action": "assess", "answers": scenario["answers"], "as_of": scenario["as_of"].isoformat()}
    assert json.loads(handle(json.dumps(request))) == assess(scenario["answers"], scenario["as_of"])


def test_scenarios_cover_every_measure_and_every_support_item():
    seen_measures, seen_support = set(), set()
    for path in SCENARIOS:
        expected = load(path)["expected"]
        seen_measures.update(expected["measures"])
        seen_support.update(expected["support"])
    the_policy = policy()
    assert seen_measures == {m.number for m in the_policy.measures}
    assert seen_support == {s.id for m in the_policy.measures for s in m.support}


def test_scenarios_cover_out_of_scope_and_both_sides_of_every_boundary():
    names = {path.stem for path in SCENARIOS}
    for stem in (
        "scope-outside-baotou",
        "scope-not-a-worker",
        "income-exactly-at-standard",
        "income-one-yuan-below",
        "months-5-not-lifted-out",
        "months-6-lifted-out",
        "age-15-under-working-age",
        "age-16-working-age",
        "age-at-retirement",
        "user-standard-higher",
    ):
        assert stem in names


def test_every_scenario_has_a_sentence_for_a_name():
    for path in SCENARIOS:
        name = load(path)["name"]
        assert len(name.split()) >= 6 and name[0].isupper(), path.name


def test_the_operators_baotou_figure_replaces_the_regional_average(tmp_path, monkeypatch):
    import datetime as dt
    import shutil
    from importlib import resources

    from assessor import rules
    from assessor.policy import load_policy

    data = resources.files("assessor.data")
    for name in ("measures.toml", "departments.toml", "fulltext.toml", "glossary.toml", "document.toml"):
        shutil.copy(data.joinpath(name), tmp_path / name)
    parameters = data.joinpath("parameters.toml").read_text(encoding="utf-8")
    parameters = parameters.replace(
        "  values = []\n",
        '  [[dibao_standard.local.values]]\n  from = 2025-01-01\n  value = 900\n  source = "test notice"\n',
    )
    (tmp_path / "parameters.toml").write_text(parameters, encoding="utf-8")
    monkeypatch.setattr(rules, "policy", lambda: load_policy(tmp_path))
    rules.official_standard.cache_clear()
    try:
        scenario = load(Path(__file__).parent / "scenarios" / "user-standard-default.toml")
        result = assess(scenario["answers"], dt.date(2026, 1, 1))
        standard = result["standing"]["standard"]
        assert (standard["value"], standard["is_local"], standard["source"]) == (900, True, "test notice")
        assert result["standing"]["below_standard"] is False  # 900 per person is not below 900
        earlier = assess(scenario["answers"], dt.date(2024, 6, 1))["standing"]["standard"]
        assert (earlier["value"], earlier["is_local"]) == (840, False), "earlier: the default"
    finally:
        rules.official_standard.cache_clear()
