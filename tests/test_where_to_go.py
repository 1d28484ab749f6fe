"""Where a worker can turn, and the words a result uses: contacts are operator data
with sources, hotlines are sourced, plain explanations exist for every measure and
support item, and a result ranks every place to go, union registration first."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from assessor.contacts import contacts, load_contacts
from assessor.datafile import DataError
from assessor.policy import load_policy, policy
from assessor.result import assess

DATA = Path(__file__).resolve().parent.parent / "assessor" / "data"
PHONE = re.compile(r"\d[\d-]{3,}")

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
    "housing_situation": "no_housing",
    "sudden_hardship": False,
}


@pytest.fixture
def data_copy(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("source", "__pycache__"))
    return folder


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ── the data ───────────────────────────────────────────────────────────────


def test_every_phone_number_in_the_data_has_a_source_with_publisher_and_date():
    data = contacts()
    numbers = [(h.number, h.sources) for h in data.hotlines]
    numbers += [(c.phone, c.sources) for c in data.departments.values() if c.phone]
    assert numbers, "the hotlines at least are on record"
    for number, sources in numbers:
        assert PHONE.fullmatch(number), number
        assert sources, f"{number} has no source"
        for source in sources:
            assert source.publisher["zh"] and source.publisher["en"] and source.date


def test_the_two_verified_hotlines_are_on_record_and_no_department_detail_is_invented():
    data = contacts()
    assert {h.number for h in data.hotlines} == {"12345", "0471-12351"}
    # Baotou's department contacts could not be found (../shared/reference/contacts.md):
    # until the operator fills them in, every department is empty, never made up.
    assert set(data.departments) == set(policy().departments)
    assert all(c.is_empty and not c.sources for c in data.departments.values())


def test_a_department_phone_without_a_source_is_refused(data_copy):
    edit(
        data_copy,
        "contacts.toml",
        'id = "union"\naddress_zh = ""',
        'id = "union"\naddress_zh = ""\nphone_x = ""',
    )
    with pytest.raises(DataError, match=r"contacts\.toml: departments\[0\]\.phone_x is not a known key"):
        load_contacts(data_copy)
    edit(data_copy, "contacts.toml", 'phone_x = ""\n', "")
    edit(data_copy, "contacts.toml", 'phone = ""', 'phone = "0472-1234567"')
    with pytest.raises(
        DataError, match=r"contacts\.toml: departments\[0\]\.phone is filled in but has no source"
    ):
        load_contacts(data_copy)


def test_a_filled_in_department_appears_in_the_result_with_its_source(data_copy, monkeypatch):
    edit(
        data_copy,
        "contacts.toml",
        'id = "union"\naddress_zh = ""\naddress_en = ""\nphone = ""',
        'id = "union"\naddress_zh = "测试路1号"\naddress_en = "1 Test Road"\nphone = "0472-0000000"',
    )
    edit(
        data_copy,
        "contacts.toml",
        'bring_en = ""\nsources = []',
        'bring_en = ""\nsources = [{ publisher_zh = "测试", publisher_en = "Test", date = 2026-01-01 }]',
    )
    loaded = load_contacts(data_copy)
    monkeypatch.setattr("assessor.result.contacts", lambda: loaded)
    first = assess(LAID_OFF_AND_ILL)["places"][0]
    assert first["contact"]["phone"] == "0472-0000000"
    assert first["contact"]["cited"]["en"] == "Test, 2026-01-01"


def test_every_measure_and_support_item_has_a_plain_explanation_in_both_languages():
    for measure in policy().measures:
        assert measure.plain_zh and measure.plain_en, measure.id
        for item in measure.support:
            assert item.plain_zh and item.plain_en, item.id
            # Short: a sentence or two a worker reads on a phone.
            assert len(item.plain_zh) <= 80, item.id


def test_a_missing_plain_explanation_is_refused(data_copy):
    path = data_copy / "measures.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'\n  plain_en = "[^"]*"', "", text, count=1), encoding="utf-8")
    with pytest.raises(DataError, match=r"measures\.toml: measures\[0\]\.support\[0\]\.plain_en is missing"):
        load_policy(data_copy)


def test_the_dibao_figure_is_cited_as_publisher_and_date_and_its_copies_are_never_shown():
    for dated in policy().parameters["dibao_standard"].values:
        assert dated.cited is not None and dated.cited.date
        assert "http" not in dated.cited.cited("zh") + dated.cited.cited("en")
    standard = assess(LAID_OFF_AND_ILL)["standing"]["standard"]
    assert "http" not in str(standard["cited"]) + standard["source"]


# ── the result ─────────────────────────────────────────────────────────────


def test_places_to_go_start_with_union_registration_and_name_every_lead_once():
    result = assess(LAID_OFF_AND_ILL)
    ids = [p["department"]["id"] for p in result["places"]]
    assert ids[0] == "union" and "建档" in result["places"][0]["why"][0]["zh"]
    leads = [d["id"] for m in result["applicable"] for d in m["lead"]]
    assert set(leads) <= set(ids) and len(ids) == len(set(ids))
    # 低保 is 民政's: a household below the standard is sent there.
    assert result["standing"]["below_standard"] and "civil-affairs" in ids
    for place in result["places"]:
        assert place["contact"] is not None or place["hotline"] in {h["id"] for h in result["hotlines"]}


def test_the_summary_says_how_many_measures_may_apply_and_which():
    result = assess(LAID_OFF_AND_ILL)
    count = len(result["applicable"])
    assert f"可能有{count}项" in result["summary"]["zh"]
    for measure in result["applicable"]:
        assert measure["title"]["zh"] in result["summary"]["zh"]
    assert result["standing"]["line"]["en"].startswith("Income per person")


def test_official_terms_get_the_glossary_plain_explanation_where_they_appear(monkeypatch):
    # The glossary is the one source of these explanations (plain_zh/plain_en per term).
    import dataclasses

    original = policy()
    terms = tuple(
        dataclasses.replace(t, plain_zh="有人担保的贷款。", plain_en="A loan someone guarantees.")
        if t.zh in ("创业担保贷款", "最低生活保障（低保）")
        else dataclasses.replace(t, plain_zh="", plain_en="")
        for t in original.terms
    )
    monkeypatch.setattr("assessor.result.policy", lambda: dataclasses.replace(original, terms=terms))
    result = assess(LAID_OFF_AND_ILL)
    by_measure = {m["id"]: [t["zh"] for t in m["terms"]] for m in result["applicable"]}
    assert by_measure["employment"] == ["创业担保贷款"]
    assert "最低生活保障（低保）" in by_measure["safety-net"]  # matched by its short form 低保
    assert by_measure["illness"] == []
