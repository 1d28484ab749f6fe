"""The interface wording: one file per language (web/text/<lang>.json), and the two agree.

A translator edits one file; a key or a placeholder missing in the other language would show
a reader an empty or half-filled sentence.
"""

from __future__ import annotations

import json
import re

from build_scripts import wording

PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Where the languages differ by design (beyond the Chinese text's placeholders): the English
# page quotes the plan in our translation and in Chinese, the Chinese page the Chinese only;
# the 404 page names the site in English only (its Chinese name heads the page).
EXTRA_PLACEHOLDERS = {("en", "assessment.quoted"): {"en"}, ("en", "not_found.explanation"): {"site"}}


def _flat(value, prefix=""):
    """{"a.b": text} for every text, a list's items as a.b.0, a.b.1, …"""
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = ((str(i), v) for i, v in enumerate(value))
    else:
        return {prefix: value}
    out = {}
    for key, item in items:
        out.update(_flat(item, f"{prefix}.{key}" if prefix else key))
    return out


def _texts(lang: str) -> dict[str, str]:
    raw = json.loads((wording.TEXT / f"{lang}.json").read_text("utf-8"))
    return {k: v for k, v in _flat(raw).items() if not k.endswith("_comment")}


def test_both_languages_have_exactly_the_same_keys():
    zh, en = _texts("zh"), _texts("en")
    assert sorted(set(zh) - set(en)) == [] and sorted(set(en) - set(zh)) == []


def test_each_text_has_the_same_placeholders_in_both_languages():
    zh, en = _texts("zh"), _texts("en")
    for key in zh:
        zh_names = set(PLACEHOLDER.findall(zh[key]))
        en_names = set(PLACEHOLDER.findall(en[key])) - EXTRA_PLACEHOLDERS.get(("en", key), set())
        assert zh_names == en_names, key


def test_every_text_is_filled_in_and_no_brace_is_left_over():
    for lang in wording.LANGUAGES:
        for key, text in _texts(lang).items():
            assert isinstance(text, str) and text.strip(), (lang, key)
            assert "{" not in PLACEHOLDER.sub("", text) and "}" not in PLACEHOLDER.sub("", text), (lang, key)


def test_fill_puts_the_values_in_and_comments_never_reach_a_page():
    assert wording.fill(wording.words("assessment", "zh")["stepOf"], n=2, total=5) == "第 2 步，共 5 步"
    assert wording.fill(wording.words("assessment", "en")["stepOf"], n=2, total=5) == "Step 2 of 5"
    for lang in wording.LANGUAGES:
        assert "_comment" not in json.dumps(wording._load(lang))
