"""The departments page: how to reach each department (the operator's contacts, or the
fallback line and a sourced hotline), with the translation's provenance folded away."""

from __future__ import annotations

import re

import pytest
from test_site_build import POLICY, article

PHONE = re.compile(r"\b(?:0\d{2,3}-)?\d{5,8}\b")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_department_has_contacts_or_the_fallback_line_and_a_hotline(site_dir, lang):
    body = article(site_dir, "departments.html", lang)
    contacts = body.find_all(lambda e: "department-contact" in (e.get("class") or ""))
    assert len(contacts) == len(POLICY.departments)
    missing = {"zh": "本网站还没有录入", "en": "does not have this department"}[lang]
    for block in contacts:
        text = block.text()
        assert missing in text, text  # until the operator fills in contacts.toml
        assert PHONE.search(text), f"no hotline in {text}"
    # The hotlines' sources: publisher, title and date.
    assert "2023-09-28" in body.text()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_translation_provenance_is_folded_after_the_entry_not_in_front_of_it(site_dir, lang):
    html = (site_dir / ("en/" if lang == "en" else "") / "departments.html").read_text(encoding="utf-8")
    for department in POLICY.departments.values():
        entry = html.split(f'id="{department.id}"', 1)[1].split("<h2", 1)[0]
        before_fold = entry.split("<details", 1)[0]
        # Nothing about the translation opens a Chinese reader's entry.
        assert "英文译名来源" not in before_fold and "Source of the English name" not in before_fold
        if lang == "zh":
            assert department.en not in before_fold
        assert '<details class="provenance">' in entry
    # Low-credibility copies are never linked for readers.
    for copy in ("docslib.org", "studentb.eu"):
        assert copy not in html
