"""Content-integrity check: find SEO/gambling spam in text we publish.

The only copy of the plan came from a compromised page where a gambling
advert replaced every 关于. This check makes sure nothing of the kind ever
reaches the site. It looks for two things:

- brand phrases of gambling sites (澳门美高梅, 威尼斯人, 博彩 …), chosen so that
  ordinary policy words stay clean: 福利彩票公益金 (lottery welfare fund),
  金沙江 (a river), 银行开户 (opening a bank account) are not flagged;
- the structural scar the injection leaves in an official title: anything
  other than 关于 between 人民政府 and 印发 (包头市人民政府……印发……的通知).

Text is normalised before it is searched, so the usual disguises do not work:
NFKC (full-width ｂｅｔ３６５ → bet365), invisible and format characters dropped
(zero-width spaces, joiners, soft hyphens, combining marks), spaces and
separators inside a phrase ignored (美 高 梅, 美　高　梅, 美·高·梅), traditional
forms (網上賭場) and Cyrillic/Greek look-alike letters mapped. A finding still
points at the line and column of the original text and quotes it as it was.

Overlapping hits (an injection matches several phrases) are reported once,
with its line and column, so "5 findings" means 5 injections.

Usage: python -m build_scripts.integrity FILE...   (exit status 1 on findings)
HTML files are checked on everything a reader, a search engine or a link can
carry: the text, every attribute value (URLs percent- and punycode-decoded),
comments and inline scripts. JSON files on every string in them; a wheel or
zip on every text file inside it.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

# Gambling-site brands and their stock phrases. Deliberately specific:
# 彩票 alone would flag 福利彩票公益金, 金沙 alone 金沙江, 开户 alone 银行开户.
BRAND_PHRASES = (
    "澳门美高梅",
    "美高梅",
    "威尼斯人",
    "新葡京",
    "葡京娱乐",
    "博彩",
    "娱乐城",
    "金沙娱乐",
    "金沙城中心",
    "太阳城",
    "皇冠体育",
    "皇冠网址",
    "百家乐",
    "真人娱乐",
    "真人视讯",
    "登录网站",
    "网上赌场",
    "在线赌场",
    "赌场",
    "赌博网",
    "老虎机",
    "彩票网投",
    "时时彩",
    "北京赛车",
    "棋牌游戏",
    "开户送彩金",
    "注册送彩金",
    "彩金",
    "bet365",
    "365bet",
    "威廉希尔",
)
_BRAND = re.compile("|".join(re.escape(p) for p in sorted(BRAND_PHRASES, key=len, reverse=True)))

# Words of the plan and of ordinary Chinese that share characters with the phrases
# above and must never be flagged (tests/test_integrity.py checks both ways).
LEGITIMATE_WORDS = (
    "福利彩票公益金",
    "体育彩票",
    "金沙江",
    "银行开户",
    "开户银行",
    "太阳能",
    "娱乐",
    "文化娱乐",
    "京剧",
    "登录",
    "网上办理",
    "场所",
    "奖金",
    "皇冠",
    "赛车场",
    "包头市人民政府办公厅关于印发",
    "经市人民政府同意，现将《方案》印发给你们",
)

# ── normalisation ──────────────────────────────────────────────────────────
# Traditional forms of the characters in the brand phrases (only those matter).
TRADITIONAL = str.maketrans(
    "門網賭場娛樂陽體視訊機錄註冊開戶時賽車遊戲線爾",
    "门网赌场娱乐阳体视讯机录注册开户时赛车游戏线尔",
)
# Cyrillic and Greek letters that look like Latin ones (after casefold), for the
# Latin phrases (bet365): a small confusables table, enough for the lookalikes
# that spam uses.
LOOKALIKES = str.maketrans(
    {
        **dict(zip("авеіјкмнорсѕтухьзбԁһӏԛԝ", "abeijkmhopcstyxb36dhlqw", strict=True)),
        **dict(zip("αβεικνορτυχζ", "abeikvoptuxz", strict=True)),
    }
)
# Letters that render as nothing (Hangul fillers), beside the Cf/Mn/Me categories.
INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")


def _normalised(line: str, squeeze: bool) -> tuple[str, list[int]]:
    """The line as the phrases are searched for, and for each of its characters the index
    of the original character it came from. `squeeze` also drops punctuation and symbols,
    which may separate the characters of a brand phrase."""
    chars, origin = [], []
    for index, char in enumerate(line):
        if char in INVISIBLE_LETTERS:
            continue
        for part in unicodedata.normalize("NFKC", char).casefold():
            category = unicodedata.category(part)
            if category[0] in "CZ" or category in ("Mn", "Me"):
                continue  # control, format (zero-width …), separators (spaces), combining marks
            if squeeze and category[0] in "PS":
                continue
            chars.append(part.translate(TRADITIONAL).translate(LOOKALIKES))
            origin.append(index)
    return "".join(chars), origin


# In a title, 人民政府 is followed by 关于 (or by the issuing office and 关于)
# before 印发. The gap is short and unpunctuated, which keeps prose such as
# "经市人民政府同意，现将《…》印发给你们" out of scope.
_TITLE_GAP = re.compile(r"人民政府(?P<gap>[^\s，。、；：,.;:《》“”\"()（）]{1,16}?)印发")
_LEGITIMATE_GAP = re.compile(r"(?:办公厅|办公室)?关于")


@dataclass(frozen=True)
class Finding:
    line: int  # 1-based
    column: int  # 1-based, in characters
    text: str
    reasons: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.text!r} ({'; '.join(self.reasons)})"


def _hits(line: str) -> list[tuple[int, int, str]]:
    """(start, end, reason) of every suspicious span in one line, in the line's own indexes."""
    hits = []
    squeezed, origin = _normalised(line, squeeze=True)
    for m in _BRAND.finditer(squeezed):
        hits.append((origin[m.start()], origin[m.end() - 1] + 1, f"gambling brand phrase {m.group()!r}"))
    visible, origin = _normalised(line, squeeze=False)
    for match in _TITLE_GAP.finditer(visible):
        gap = match.group("gap")
        if not _LEGITIMATE_GAP.fullmatch(gap):
            start, end = origin[match.start("gap")], origin[match.end("gap") - 1] + 1
            hits.append((start, end, f"{gap!r} between 人民政府 and 印发 instead of 关于"))
    return hits


def scan(text: str) -> list[Finding]:
    """Every spam injection in `text`, one finding per (merged) span."""
    findings = []
    for number, line in enumerate(text.splitlines(), start=1):
        merged: list[list] = []  # [start, end, reasons]
        for start, end, reason in sorted(_hits(line)):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
                merged[-1][2].append(reason)
            else:
                merged.append([start, end, [reason]])
        for start, end, reasons in merged:
            findings.append(Finding(number, start + 1, line[start:end], tuple(dict.fromkeys(reasons))))
    return findings


class _ReadableText(HTMLParser):
    """The text of an HTML page as a reader or a search engine sees it; with `everything`,
    also what hides in the markup: every attribute value (a URL decoded), comments, scripts."""

    SKIP = {"script", "style"}
    BLOCK = {
        "p",
        "div",
        "li",
        "tr",
        "td",
        "th",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "title",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "blockquote",
        "dt",
        "dd",
    }
    ATTRIBUTES = {"title", "alt", "aria-label", "content", "placeholder"}

    def __init__(self, everything: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0
        self._everything = everything

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skipping += 1
        if tag in self.BLOCK:
            self.parts.append("\n")
        for name, value in attrs:
            if value and (self._everything or name in self.ATTRIBUTES):
                self.parts.append(f"\n{_decoded_url(value) if self._everything else value}\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)
        elif self._everything:
            self.parts.append(f"\n{data}\n")

    def handle_comment(self, data):
        if self._everything:
            self.parts.append(f"\n{data}\n")


_PUNYCODE = re.compile(r"xn--[a-z0-9-]+", re.I)


def _decoded_url(value: str) -> str:
    """A value as a person would read it if it is a URL: %-escapes and punycode labels decoded
    (https://xn--... or %E7%BE%8E… hide Chinese text); other text comes out unchanged."""
    text = unquote(value)

    def label(match: re.Match) -> str:
        try:
            return match.group().encode("ascii").decode("idna")
        except UnicodeError:
            return match.group()

    return _PUNYCODE.sub(label, text)


def _text_of(html: str, everything: bool) -> str:
    parser = _ReadableText(everything)
    parser.feed(html)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def readable_text(html: str) -> str:
    """What a reader or a search engine reads on the page."""
    return _text_of(html, everything=False)


def published_text(html: str) -> str:
    """Everything a page publishes: its readable text, every attribute value (URLs decoded),
    comments and inline scripts. This is what the build checks."""
    return _text_of(html, everything=True)


def json_text(data: str) -> str:
    """Every string of a JSON document (keys too), one per line: the search index holds
    its text \\u-escaped, which a plain text search would not see."""
    strings: list[str] = []

    def walk(value) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                strings.append(key)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(data))
    return "\n".join(strings)


TEXT_SUFFIXES = {".txt", ".json", ".html", ".htm", ".py", ".toml", ".md", ".csv", ".js", ".mjs", ".css"}
ARCHIVE_SUFFIXES = {".whl", ".zip"}


def scan_text_file(name: str, text: str) -> list[Finding]:
    suffix = Path(name).suffix
    if suffix in (".html", ".htm"):
        text = published_text(text)
    elif suffix == ".json":
        text = json_text(text)
    return scan(text)


def scan_file(path: Path) -> list[tuple[str, Finding]]:
    """(where, finding) for a file; a wheel or zip is opened and each text file in it scanned."""
    if path.suffix in ARCHIVE_SUFFIXES:
        found = []
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if Path(name).suffix in TEXT_SUFFIXES or name.endswith(("METADATA", "WHEEL", "RECORD")):
                    text = archive.read(name).decode("utf-8", errors="replace")
                    found += [(f"{path}!{name}", f) for f in scan_text_file(name, text)]
        return found
    return [(str(path), f) for f in scan_text_file(path.name, path.read_text(encoding="utf-8"))]


def main(argv: list[str] | None = None) -> int:
    paths = [Path(arg) for arg in (sys.argv[1:] if argv is None else argv)]
    if not paths:
        print("usage: python -m build_scripts.integrity FILE...", file=sys.stderr)
        return 2
    total = 0
    for path in paths:
        for where, finding in scan_file(path):
            print(f"{where}:{finding}")
            total += 1
    if total:
        print(f"{total} spam finding(s)", file=sys.stderr)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
