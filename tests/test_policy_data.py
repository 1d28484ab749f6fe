"""The policy data says what the text says, and the loader refuses broken data loudly."""

import re
import shutil
from pathlib import Path

import pytest

from assessor.datafile import DataError
from assessor.policy import load_policy, policy

DATA = Path(__file__).resolve().parent.parent / "assessor" / "data"
# The parenthesis closing a work item or measure: （市人社局牵头，市发改委、…按照职责分工负责）
ASSIGNMENT = re.compile(r"（([^（）]+)牵头，([^（）]+?)(?:按照职责分工负责|配合)）$")


def names_in(text: str) -> list[str]:
    return [name for name in re.split("[、，]", text) if name]


def resolve(policy_, name: str) -> str:
    for department in policy_.departments.values():
        if name == department.zh or name in department.also:
            return department.id
    raise AssertionError(f"the text names {name!r}, which is not in departments.toml")


def test_the_shipped_data_loads():
    p = policy()
    assert [m.number for m in p.measures] == [1, 2, 3, 4, 5, 6, 7]
    assert [w.clause.label("zh") for w in p.work_items] == ["二（一）", "二（二）"]
    assert [m.clause.label("zh") for m in p.measures] == [f"二（三）{n}" for n in range(1, 8)]
    assert len(p.blocks) == 28
    assert all(block.en.strip() for block in p.blocks)


@pytest.mark.parametrize("item_id", ["registration", "contacts", *(f"m{n}" for n in range(1, 8))])
def test_departments_are_assigned_exactly_as_the_text_assigns_them(item_id):
    p = policy()
    items = {**{w.id: w for w in p.work_items}, **{f"m{m.number}": m for m in p.measures}}
    item = items[item_id]
    match = ASSIGNMENT.search(item.clause.zh)
    assert match, f"no department assignment at the end of {item.clause.label('zh')}"
    leads = [resolve(p, name) for name in names_in(match.group(1))]
    cooperating = [resolve(p, name) for name in names_in(match.group(2))]
    assert [d.id for d in item.lead] == leads
    assert [d.id for d in item.cooperating] == cooperating


def test_measure_six_has_two_leads():
    assert [d.zh for d in policy().measure("safety-net").lead] == ["市民政局", "市医保局"]


def test_every_department_named_in_the_plan_is_defined_and_used():
    p = policy()
    used = {d.id for item in (*p.work_items, *p.measures) for d in (*item.lead, *item.cooperating)}
    assert used == set(p.departments)


def test_every_measure_names_support_in_the_words_of_its_clause():
    for measure in policy().measures:
        assert measure.support, measure.id
        for item in measure.support:
            assert item.zh in measure.clause.zh
            assert item.en.strip()


def test_the_english_names_each_department_the_text_assigns():
    p = policy()
    for item in (*p.work_items, *p.measures):
        english = item.clause.en
        for department in (*item.lead, *item.cooperating):
            assert department.en in english, (item.id, department.en)


# ── broken data is refused with the file and the key named ────────────────


@pytest.fixture
def data_copy(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("source", "__pycache__"))
    return folder


def edit(folder: Path, name: str, old: str, new: str, count: int = 1) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


BROKEN = [
    (
        "unknown key",
        "measures.toml",
        'title_en = "Housing"',
        'title_en = "Housing"\ncolour = "red"',
        r"measures\.toml: measures\[4\]\.colour is not a known key",
    ),
    (
        "duplicate id",
        "measures.toml",
        'id = "housing"\nnumber = 5',
        'id = "employment"\nnumber = 5',
        r"measures\.toml: duplicate .* id 'employment'",
    ),
    (
        "missing en",
        "measures.toml",
        'title_en = "Housing"\n',
        "",
        r"measures\.toml: measures\[4\]\.title_en is missing",
    ),
    (
        "empty zh",
        "departments.toml",
        'zh = "市住建局"',
        'zh = ""',
        r"departments\.toml: departments\[3\]\.zh is empty",
    ),
    (
        "undefined department",
        "measures.toml",
        'lead = ["housing"]',
        'lead = ["housing-bureau"]',
        r"measures\.toml: measures\[4\]\.lead names undefined department 'housing-bureau'",
    ),
    (
        "duplicate department",
        "departments.toml",
        'id = "health"',
        'id = "housing"',
        r"departments\.toml: duplicate department id 'housing'",
    ),
    (
        "words not in the clause",
        "measures.toml",
        'quote = "发放租赁补贴"',
        'quote = "发放购房补贴"',
        r"measures\.toml: measures\[4\]\.support\[2\]\.quote '发放购房补贴' is not in clause 二（三）5",
    ),
    (
        "translation paired with the wrong paragraph",
        "fulltext.toml",
        'starts = "2019年11月15日"',
        'starts = "2019年12月3日"',
        r"fulltext\.toml: blocks\[3\]\.starts",
    ),
    (
        "duplicate TOML key",
        "departments.toml",
        'zh = "市住建局"',
        'zh = "市住建局"\nzh = "住建局"',
        r"departments\.toml: .*(?i:duplicate|defined)",
    ),
    (
        "wrong type",
        "measures.toml",
        "number = 5",
        'number = "5"',
        r"measures\.toml: measures\[4\]\.number must be int",
    ),
    (
        "undated parameter order",
        "parameters.toml",
        "from = 2022-01-01",
        "from = 2019-01-01",
        r"parameters\.toml: dibao_standard\.default\.values must be in date order",
    ),
]


@pytest.mark.parametrize(("what", "file", "old", "new", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_data_is_refused_naming_file_and_key(data_copy, what, file, old, new, message):
    edit(data_copy, file, old, new)
    with pytest.raises(DataError, match=message):
        load_policy(data_copy)


def test_the_goal_and_its_two_key_tasks_are_data_tied_to_section_one():
    p = policy()
    assert p.goal.clause.label("zh") == "一"
    assert [(t.term_zh, t.clause.id) for t in p.key_tasks] == [("脱困", "1-tasks"), ("解困", "1-tasks")]
    assert "连续6个月超过当地低保标准" in p.key_tasks[0].zh


def test_section_three_names_the_union_as_lead_of_supervision():
    p = policy()
    assert [s.clause.label("zh") for s in p.safeguards] == ["三（一）", "三（二）", "三（三）"]
    investment = next(s for s in p.safeguards if s.id == "investment")
    assert [d.id for d in investment.lead] == ["union"]
    assert investment in p.roles("union")["lead"]
