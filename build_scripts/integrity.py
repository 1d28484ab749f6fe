"""Content-integrity check: find SEO/gambling spam in text we publish.

The only copy of the plan came from a compromised page where a gambling
advert replaced every 关于. This check makes sure nothing of the kind ever
reaches the site. It looks for two things:

- brand phrases of gambling sites (澳门美高梅, 威尼斯人, 博彩 …), chosen so that
  ordinary policy words stay clean: 福利彩票公益金 (lottery welfare fund),
  金沙江 (a river), 银行开户 (opening a bank account) are not flagged;
- the structural scar the injection leaves in an official title: anything
  other than 关于 between 人民政府 and 印发 (包头市人民政府……印发……的通知).

Overlapping hits (an injection matches several phrases) are reported once,
with its line and column, so "5 findings" means 5 injections.

Usage: python -m build_scripts.integrity FILE...   (exit status 1 on findings)
HTML files are checked on their text and on the attributes people or search
engines read (title, alt, meta content), not on their markup.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

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
_BRAND = re.compile("|".join(re.escape(p) for p in sorted(BRAND_PHRASES, key=len, reverse=True)), re.I)

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
    """(start, end, reason) of every suspicious span in one line."""
    hits = [(m.start(), m.end(), f"gambling brand phrase {m.group()!r}") for m in _BRAND.finditer(line)]
    for match in _TITLE_GAP.finditer(line):
        gap = match.group("gap")
        if not _LEGITIMATE_GAP.fullmatch(gap):
            hits.append(
                (match.start("gap"), match.end("gap"), f"{gap!r} between 人民政府 and 印发 instead of 关于")
            )
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
    """The text of an HTML page as a reader or a search engine sees it."""

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

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skipping += 1
        if tag in self.BLOCK:
            self.parts.append("\n")
        for name, value in attrs:
            if name in self.ATTRIBUTES and value:
                self.parts.append(f"\n{value}\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def readable_text(html: str) -> str:
    parser = _ReadableText()
    parser.feed(html)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def scan_file(path: Path) -> list[Finding]:
    text = path.read_text(encoding="utf-8")
    if path.suffix in (".html", ".htm"):
        text = readable_text(text)
    return scan(text)


def main(argv: list[str] | None = None) -> int:
    paths = [Path(arg) for arg in (sys.argv[1:] if argv is None else argv)]
    if not paths:
        print("usage: python -m build_scripts.integrity FILE...", file=sys.stderr)
        return 2
    total = 0
    for path in paths:
        for finding in scan_file(path):
            print(f"{path}:{finding}")
            total += 1
    if total:
        print(f"{total} spam finding(s)", file=sys.stderr)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
