"""The spam check sees through disguises, looks everywhere the site publishes, and leaves
the plan's own words alone.

Each disguise here reached site/about.html with a green build before the check
normalised text (issue 7).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from assessor.canonical import canonical_document
from build_scripts.integrity import LEGITIMATE_WORDS, json_text, published_text, scan, scan_file

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "assessor" / "data"


@pytest.mark.parametrize(
    "disguised",
    [
        "美 高 梅",  # ASCII spaces
        "美\u3000高\u3000梅",  # ideographic spaces
        "美·高·梅",  # middle dots
        "美・高・梅",  # katakana middle dots
        "美\u200b高\u200c梅",  # zero-width space and non-joiner
        "美\u2060高\ufeff梅",  # word joiner, zero-width no-break space
        "美\u00ad高\u034f梅",  # soft hyphen, combining grapheme joiner
        "美\u3164高梅",  # Hangul filler, which renders as nothing
        "ｂｅｔ３６５",  # full-width letters and digits
        "BET365",
        "b\u0435t365",  # Cyrillic е
        "b\u0435\u0442365",  # Cyrillic е and т
        "\u0392\u0395\u03a4365",  # Greek capitals Β Ε Τ
        "網上賭場",  # traditional forms
        "澳門美高梅",
        "威 尼 斯 人",
        "百家樂",
    ],
)
def test_a_disguised_brand_phrase_is_caught_where_it_stands(disguised):
    (finding,) = scan(f"市人社局{disguised}提供服务")
    assert finding.line == 1 and finding.column == 5
    assert finding.text == disguised, "the finding quotes the original text, disguise and all"


@pytest.mark.parametrize("word", LEGITIMATE_WORDS)
def test_legitimate_words_are_never_flagged(word):
    assert scan(f"各有关单位：{word}。") == []
    assert scan(f"各有关单位：{' '.join(word)}。") == [], "not even with spaces between the characters"


def test_the_policy_text_and_every_data_file_are_clean():
    assert scan(canonical_document().text) == []
    for path in sorted(DATA.glob("*.toml")):
        assert scan_file(path) == [], path.name


@pytest.mark.parametrize(
    "page",
    [
        '<p><a href="https://spam.example/美高梅">官网</a></p>',
        '<p><a href="https://spam.example/?q=%E7%BE%8E%E9%AB%98%E6%A2%85">官网</a></p>',
        f'<p><a href="https://{"美高梅".encode("idna").decode()}.example/">官网</a></p>',
        '<p><img src="/img/bet365.png" alt=""></p>',
        "<p>正文</p><!-- 威尼斯人 澳门美高梅 -->",
        '<p data-x="网上赌场">正文</p>',
        "<script>document.title = '太阳城'</script><p>正文</p>",
    ],
)
def test_spam_hidden_in_markup_is_found(page):
    assert scan(published_text(f"<html><body>{page}</body></html>")) != []


def test_a_json_file_is_read_for_its_strings_even_when_escaped():
    index = json.dumps({"docs": [{"location": "x.html", "text": "美\u200b高梅"}]}, ensure_ascii=True)
    assert "美" not in index
    assert [f.text for f in scan(json_text(index))] == ["美\u200b高梅"]


def _hook():
    path = ROOT / "build_scripts" / "hooks" / "integrity_check.py"
    spec = importlib.util.spec_from_file_location("integrity_check_hook", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "where", ["downloads/plan.txt", "downloads/plan.csv", "search/search_index.json", "wheel"]
)
def test_the_build_refuses_spam_in_the_downloads_the_search_index_and_the_wheel(tmp_path, where):
    site = tmp_path / "site"
    if where == "wheel":
        wheel = site / "assets" / "assessor" / "abc123" / "x-0.1-py3-none-any.whl"
        wheel.parent.mkdir(parents=True)
        with zipfile.ZipFile(wheel, "w") as archive:
            archive.writestr("assessor/data/source/plan.txt", "包头市人民政府澳门美高梅登录网站印发")
    else:
        target = site / where
        target.parent.mkdir(parents=True)
        text = "正文 美 高 梅"
        target.write_text(json.dumps({"docs": [{"text": text}]}) if where.endswith(".json") else text)
    with pytest.raises(PluginError, match="spam in"):
        _hook().on_post_build(SimpleNamespace(site_dir=str(site)))


def test_a_clean_site_passes_the_hook(site_dir):
    _hook().on_post_build(SimpleNamespace(site_dir=str(site_dir)))


def test_spam_in_a_link_or_a_comment_fails_the_strict_build(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(
        '# 通知\n\n<a href="https://x.example/%E7%BD%91%E4%B8%8A%E8%B3%AD%E5%A0%B4">链接</a>\n\n'
        "<!-- 威\u200b尼斯人 -->\n",
        encoding="utf-8",
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
    assert "网上賭場" in result.stderr and r"威\u200b尼斯人" in result.stderr  # quoted as written
