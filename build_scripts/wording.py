"""The site's interface wording: one file per language, web/text/<lang>.json.

A translator reviews one file per language; both have the same keys (tests/test_wording.py).
Each file is grouped by page or app (`assessment`, `assessment_form`, `register`,
`policy_pages`); `_comment` keys are notes for the translator and never reach a page.
A `{name}` in a text is a placeholder: `fill` here and `fill` in web/text.js put the value in.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

TEXT = Path(__file__).resolve().parents[1] / "web" / "text"
LANGUAGES = ("zh", "en")
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _without_comments(value):
    if isinstance(value, dict):
        return {k: _without_comments(v) for k, v in value.items() if k != "_comment"}
    return value


@cache
def _load(lang: str) -> dict:
    return _without_comments(json.loads((TEXT / f"{lang}.json").read_text("utf-8")))


def words(section: str, lang: str) -> dict:
    """One page's or app's wording in one language."""
    return _load(lang)[section]


def by_language(section: str) -> dict[str, dict]:
    """{"zh": {...}, "en": {...}} for one page or app."""
    return {lang: words(section, lang) for lang in LANGUAGES}


def fill(template: str, **fields: object) -> str:
    """Put the named values into a text's {placeholders}."""
    return PLACEHOLDER.sub(lambda m: str(fields[m.group(1)]), template)
