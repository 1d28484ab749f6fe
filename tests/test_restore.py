"""The restored Chinese text is the scraped text with exactly three repairs, and no other change."""

import hashlib
from pathlib import Path

import pytest

from assessor.restore import (
    SCRAPED_FILE,
    SCRAPED_SHA256,
    SPAM,
    SourceError,
    read_scraped,
    restore,
    restored_document,
)

RAW_PATH = Path(__file__).resolve().parent.parent / "assessor" / "data" / "source" / SCRAPED_FILE

# The lines of the web page that are not the document: dropped on purpose.
EXPECTED_CHROME = [
    "[] [English]",
    "首 页>>政务公开>>公开信息内容",
    "信息检索:",
    "网站地图\xa0\xa0|\xa0\xa0联系我们",
    "包头市人民政府主办 包头市人民政府办公室承办",
    "蒙ICP备05003330号\xa0 政府网站标识码:1502000040",
    "蒙公网安备 15020702000161号",
]
EXPECTED_METADATA_LINES = 4  # 索引号…, 生成日期…, 名称…, 文号…
FULL_WIDTH_TO_ASCII = str.maketrans({"，": ",", "：": ":", "（": "(", "）": ")", "；": ";"})


def unrepair(paragraph: str) -> str:
    """Undo our two text repairs, giving back the scraped line."""
    return paragraph.translate(FULL_WIDTH_TO_ASCII).replace("关于", SPAM)


def test_the_scraped_file_is_kept_unchanged():
    assert hashlib.sha256(RAW_PATH.read_bytes()).hexdigest() == SCRAPED_SHA256
    assert read_scraped() == RAW_PATH.read_text(encoding="utf-8")


def test_every_paragraph_is_a_scraped_line_with_only_spam_and_punctuation_repaired():
    raw_lines = [line.strip() for line in RAW_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]
    paragraphs = restored_document().paragraphs
    unrepaired = [unrepair(p) for p in paragraphs]
    body_lines = [line for line in raw_lines if line not in EXPECTED_CHROME]
    # Same lines, same order, once the metadata table is set aside: nothing lost, nothing added.
    metadata_lines = [line for line in body_lines if line not in unrepaired]
    assert len(metadata_lines) == EXPECTED_METADATA_LINES, metadata_lines
    assert [line for line in body_lines if line not in metadata_lines] == unrepaired


def test_all_five_spam_injections_become_guanyu():
    raw = read_scraped()
    text = restored_document().text
    assert raw.count(SPAM) == 5
    assert SPAM not in text
    # One injection was in the page's metadata table (名称), which is not body text.
    assert text.count("关于") == 4
    assert restored_document().metadata["title"].count("关于") == 1
    assert "包头市人民政府关于印发包头市城镇困难职工解困脱困工作方案的通知" in text
    assert "认真落实习近平总书记关于内蒙古工作的重要讲话" in text


def test_no_ascii_punctuation_is_left_in_the_text():
    for paragraph in restored_document().paragraphs:
        assert not set(paragraph) & set(",:();"), paragraph
    text = restored_document().text
    assert "（市人社局牵头，市发改委、工信局、财政局、政府国资委、总工会按照职责分工负责）" in text
    assert "总体目标：到2020年" in text
    assert "并按规定给予创业担保贷款；对有培训愿望" in text


def test_page_chrome_is_dropped_and_the_document_kept_whole():
    paragraphs = restored_document().paragraphs
    assert paragraphs[0] == "包头市人民政府关于印发包头市城镇困难职工解困脱困工作方案的通知"
    assert paragraphs[-1].startswith("（三）加强宣传引导。")
    assert "2019年11月15日" in paragraphs
    for chrome in ("ICP", "网站地图", "English", "信息检索", "索引号"):
        assert not any(chrome in p for p in paragraphs), chrome


def test_the_page_metadata_is_captured_as_data():
    metadata = restored_document().metadata
    assert metadata == {
        "index_number": "011536003/2019-00350",
        "topic": "",
        "publication_date": "2019-12-03",
        "issuer": "包头市人民政府",
        "title": "包头市人民政府关于印发包头市城镇困难职工解困脱困工作方案的通知",
        "document_number": "包府发〔2019〕47号",
        "keywords": "",
    }


def test_a_different_source_is_refused_rather_than_half_repaired():
    raw = read_scraped()
    with pytest.raises(SourceError, match="expected 5 spam injections"):
        restore(raw.replace(SPAM, "关于", 1))
