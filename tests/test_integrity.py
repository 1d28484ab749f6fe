"""The content-integrity check finds the gambling spam, and only the spam."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from assessor.restore import SPAM, SPAM_COUNT, read_scraped, restored_document
from build_scripts.integrity import readable_text, scan

ROOT = Path(__file__).resolve().parent.parent
SCRAPED = ROOT / "assessor" / "data" / "source" / "baotou-2019-47-scraped.txt"


def test_finds_every_injection_in_the_scraped_file_with_its_line_and_column():
    raw = read_scraped()
    findings = scan(raw)
    assert len(findings) == SPAM_COUNT == 5
    lines = raw.splitlines()
    for finding in findings:
        line = lines[finding.line - 1]
        assert line[finding.column - 1 :].startswith(SPAM), f"{finding} does not point at the injection"
        assert finding.text == SPAM


def test_the_injected_titles_are_also_caught_by_their_structure():
    structural = [f for f in scan(read_scraped()) if any("between 人民政府 and 印发" in r for r in f.reasons)]
    assert [f.line for f in structural] == [4, 7]  # the page heading and the 名称 field


def test_the_restored_text_is_clean():
    assert scan(restored_document().text) == []


@pytest.mark.parametrize(
    "word",
    [
        "福利彩票公益金",
        "金沙江",
        "银行开户",
        "包头市人民政府办公厅关于印发",
        "经市人民政府同意，现将《方案》印发给你们",
    ],
)
def test_legitimate_words_are_not_flagged(word):
    assert scan(f"各有关单位：{word}。") == []


@pytest.mark.parametrize(
    "spam", ["威尼斯人", "新葡京", "博彩", "娱乐城", "金沙娱乐", "太阳城", "皇冠体育", "百家乐", "真人娱乐"]
)
def test_other_gambling_brands_are_flagged(spam):
    assert [f.text for f in scan(f"市人社局{spam}提供服务")] == [spam]


def test_an_unusual_word_between_government_and_issue_in_a_title_is_flagged():
    (finding,) = scan("包头市人民政府最新活动印发工作方案的通知")
    assert finding.text == "最新活动"


def test_spam_hidden_in_page_metadata_is_found():
    page = (
        '<html><head><meta name="keywords" content="威尼斯人"><title>方案</title></head>'
        "<body><p>正文</p></body></html>"
    )
    assert [f.text for f in scan(readable_text(page))] == ["威尼斯人"]


def test_the_command_line_reports_each_injection_and_fails():
    result = subprocess.run(
        [sys.executable, "-m", "build_scripts.integrity", str(SCRAPED)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    reported = result.stdout.splitlines()
    assert len(reported) == 5
    assert reported[0].startswith(f"{SCRAPED}:4:8: ")


def test_the_command_line_passes_a_clean_file(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text(restored_document().text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "build_scripts.integrity", str(clean)], cwd=ROOT)
    assert result.returncode == 0


def test_every_built_page_is_clean(site_dir):
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 20
    dirty = {str(p.relative_to(site_dir)): scan(readable_text(p.read_text(encoding="utf-8"))) for p in pages}
    assert {page: findings for page, findings in dirty.items() if findings} == {}


def test_a_page_carrying_spam_fails_the_strict_build(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(
        "# 通知\n\n包头市人民政府澳门美高梅登录网站印发工作方案的通知\n", encoding="utf-8"
    )
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"site_name: test\ndocs_dir: {docs}\nsite_dir: {tmp_path / 'site'}\n"
        f"hooks:\n  - {ROOT / 'build_scripts' / 'hooks' / 'integrity_check.py'}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""},
    )
    assert result.returncode != 0
    assert "spam in index.html" in result.stderr
