"""MkDocs hook: one search index per language, so a page finds pages in its own language.

The search plugin writes one index for both languages (mkdocs-static-i18n joins
them). After the build this hook splits it: the Chinese pages keep
`search/search_index.json`, the English ones get `en/search/search_index.json`,
with links relative to `en/`. Material fetches the index at `<base>/search/`, so
the English pages' `base` is pointed at `en/` (it is used for nothing else here:
no instant navigation, no versions).

The English index gets its own separator, which also cuts common English endings
off a word (workers → worker, subsidies → subsid, covered → cover, children →
child). Material tokenizes queries with the same separator and then matches each
term as a prefix, so an inflected query finds the other forms of its word. A
stemmer cannot do this: Material's wildcard queries skip lunr's pipeline, so a
stemmed index never matches "workers*" (../shared/NOTES.md). The Chinese index
keeps the settings of mkdocs.yml (jieba's segmentation, joined with U+200B).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.plugins import event_priority

EN = "en/"
# An ending is cut only after three letters, so short words (has, use, any) stay whole.
ENGLISH_ENDINGS = r"(?<=[A-Za-z]{3})(?:ies|ied|ying|ing|ren|ed|es|s|e|y)(?![A-Za-z])"
CONFIG_BASE = re.compile(r'("base": ")((?:\.\./)*\.\.)(")')


def english_separator(separator: str) -> str:
    return f"{separator}|{ENGLISH_ENDINGS}"


@event_priority(-150)
def on_post_page(output, page, config):
    """English pages look for their search index under en/."""
    if not page.file.dest_uri.startswith(EN):
        return output

    def one_level_down(match: re.Match) -> str:
        base = match.group(2)
        return match.group(1) + ("." if base == ".." else base.removesuffix("/..")) + match.group(3)

    return CONFIG_BASE.sub(one_level_down, output, count=1)


@event_priority(-200)  # after mkdocs-static-i18n (-100) has written the joined index
def on_post_build(config):
    site = Path(config.site_dir)
    joined = site / "search" / "search_index.json"
    if not joined.exists():
        return
    index = json.loads(joined.read_text(encoding="utf-8"))
    english = [d for d in index["docs"] if d["location"].startswith(EN)]
    if not english:
        return  # already split, or an inner build of one language: the outer build splits
    chinese = [d for d in index["docs"] if not d["location"].startswith(EN)]
    for doc in english:
        doc["location"] = doc["location"].removeprefix(EN)
    en_config = {**index["config"], "separator": english_separator(index["config"]["separator"])}
    _write(joined, {**index, "docs": chinese})
    _write(site / EN / "search" / "search_index.json", {**index, "config": en_config, "docs": english})


def _write(path: Path, index: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
