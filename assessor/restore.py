"""Restore the canonical Chinese text of 包府发〔2019〕47号 from the scraped copy.

The only copy we have was scraped from a compromised page. Three things were
done to it, and each is undone here by a rule that can be checked:

1. the gambling spam ``澳门美高梅登录网站`` replaced every ``关于`` (5 times);
2. full-width Chinese punctuation was flattened to ASCII ``, : ( ) ;``;
3. the site's navigation, metadata table and footer were mixed in.

Standard library only. It runs wherever the scraped copy is (the repository, a
CPython install); the wheel for the browser ships the restored text instead
(assessor/canonical.py), so neither this file nor the spam it names is in it.
"""

from __future__ import annotations

import hashlib
import re
from importlib import resources

from .canonical import RestoredDocument

SCRAPED_FILE = "baotou-2019-47-scraped.txt"
# sha256 of the scraped file as received; a changed byte means a changed source.
SCRAPED_SHA256 = "1a4875b319feeb15d03a4d71cf9237cb49704f9f14a36acde07ca83c41f50c12"

SPAM = "澳门美高梅登录网站"
SPAM_REPLACES = "关于"
SPAM_COUNT = 5

# ASCII punctuation in the body is always the flattened full-width form:
# the body contains no Latin text, so no comma or colon there is genuinely ASCII.
PUNCTUATION = str.maketrans({",": "，", ":": "：", "(": "（", ")": "）", ";": "；"})

# Page chrome: lines that belong to the web page, not to the document.
CHROME_PATTERNS = (
    r"^\[\] \[English\]$",
    r"^首 页>>",
    r"^信息检索:",
    r"^网站地图",
    r"主办 .*承办$",
    r"^蒙ICP备",
    r"^蒙公网安备",
)

# The page's metadata table, e.g. "索引号: 011536003/2019-00350 主题分类:".
METADATA_LABELS = {
    "索引号": "index_number",
    "主题分类": "topic",
    "生成日期": "publication_date",
    "发布机构": "issuer",
    "名称": "title",
    "文号": "document_number",
    "主题词": "keywords",
}
_METADATA_LINE = re.compile(r"^(索引号|生成日期|名称|文号): ")
_METADATA_FIELD = re.compile(
    r"(" + "|".join(METADATA_LABELS) + r"): ?(.*?)(?= (?:" + "|".join(METADATA_LABELS) + r"):|$)"
)


class SourceError(ValueError):
    """The scraped source is not the file the restoration rules were written for."""


def read_scraped() -> str:
    """The scraped file as shipped in this package, after checking its hash."""
    raw = resources.files("assessor.data.source").joinpath(SCRAPED_FILE).read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != SCRAPED_SHA256:
        raise SourceError(
            f"{SCRAPED_FILE}: sha256 is {digest}, expected {SCRAPED_SHA256}; "
            "the scraped source changed, so the restoration rules must be reviewed"
        )
    return raw.decode("utf-8")


def is_chrome(line: str) -> bool:
    return any(re.search(pattern, line) for pattern in CHROME_PATTERNS)


def restore(raw: str) -> RestoredDocument:
    """Undo the spam, the punctuation flattening and the page chrome."""
    found = raw.count(SPAM)
    if found != SPAM_COUNT:
        raise SourceError(f"expected {SPAM_COUNT} spam injections of {SPAM!r}, found {found}")
    text = raw.replace(SPAM, SPAM_REPLACES)

    metadata: dict[str, str] = {}
    paragraphs: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or is_chrome(line):
            continue
        if _METADATA_LINE.match(line):
            for label, value in _METADATA_FIELD.findall(line):
                metadata[METADATA_LABELS[label]] = value.strip()
            continue
        paragraphs.append(line.translate(PUNCTUATION))
    return RestoredDocument(metadata=metadata, paragraphs=tuple(paragraphs))


def restored_document() -> RestoredDocument:
    return restore(read_scraped())
