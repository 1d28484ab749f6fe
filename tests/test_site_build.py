"""The built site shows the policy data faithfully, in both languages.

These tests read site/ (built by `make build`); a failure message says what a
reader of the site would see go wrong.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from html_tree import is_headerlink, load

from assessor.policy import policy
from assessor.restore import restored_document
from build_scripts.site_pages import date

POLICY = policy()
MEASURES = [m.id for m in POLICY.measures]
# The pages other parts of the project (the assessment's result) link to.
PAGES = [
    "index.html",
    "fulltext.html",
    "departments.html",
    "matrix.html",
    "glossary.html",
    "about.html",
    "assessment.html",
    *(f"measures/{m}.html" for m in MEASURES),
]


def page(site_dir: Path, path: str, lang: str):
    return load(site_dir / ("" if lang == "zh" else "en/") / path)


def article(site_dir: Path, path: str, lang: str):
    return page(site_dir, path, lang).find_all("article")[0]


def content_pages(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*.html")
        if not p.relative_to(root).as_posix().startswith(("en/", "assets/", "search/", "404"))
    }


# ── every page in both languages, with the same anchors ──────────────────────


def test_every_page_the_assessment_links_to_exists_in_both_languages(site_dir):
    missing = [
        f"{prefix}{p}" for p in PAGES for prefix in ("", "en/") if not (site_dir / prefix / p).exists()
    ]
    assert missing == []


def test_chinese_and_english_sites_have_the_same_pages(site_dir):
    assert content_pages(site_dir) == content_pages(site_dir / "en")


@pytest.mark.parametrize("path", PAGES)
def test_both_languages_of_a_page_have_the_same_element_ids(site_dir, path):
    zh = {e.get("id") for e in page(site_dir, path, "zh").iter() if e.get("id")}
    en = {e.get("id") for e in page(site_dir, path, "en").iter() if e.get("id")}
    assert zh - en == set(), f"only on the Chinese {path}"
    assert en - zh == set(), f"only on the English {path}"


def test_the_english_pages_are_in_english(site_dir):
    housing = POLICY.measure("housing")
    text = article(site_dir, "measures/housing.html", "en").text()
    assert housing.title_en in text
    assert not re.search(r"[\u4e00-\u9fff]", text), "Chinese text on the English page"
    assert page(site_dir, "measures/housing.html", "en").find_all("html")[0].get("lang") == "en"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", ["index.html", "measures/housing.html", "fulltext.html"])
def test_the_language_switch_stays_on_the_same_page(site_dir, path, lang):
    links = {
        a.get("hreflang"): a.get("href")
        for a in page(site_dir, path, lang).find_all(lambda e: "md-select__link" in e.classes)
    }
    here = site_dir / ("" if lang == "zh" else "en/") / path
    for target_lang, href in links.items():
        target = (here.parent / href).resolve()
        expected = (site_dir / ("" if target_lang == "zh" else "en/") / path).resolve()
        assert target == expected, f"the {target_lang} link on {lang} {path} goes to {href}"
    assert set(links) == {"zh", "en"}


# ── the full text ───────────────────────────────────────────────────────────


def test_the_chinese_full_text_is_the_restored_text_paragraph_by_paragraph(site_dir):
    body = article(site_dir, "fulltext.html", "zh")
    shown = [e for e in body.iter() if (e.get("id") or "").startswith("clause-")]
    assert [e.get("id") for e in shown] == [b.anchor for b in POLICY.blocks], (
        "clauses missing or out of order"
    )
    restored = restored_document().paragraphs
    for element, paragraph in zip(shown, restored, strict=True):
        assert element.text(skip=is_headerlink).strip() == paragraph


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_about_page_offers_the_restored_chinese_text_as_a_download(site_dir, lang):
    html = (site_dir / ("" if lang == "zh" else "en/") / "about.html").read_text(encoding="utf-8")
    link = re.search(r'<a href="([^"]+\.txt)" download>', html)
    assert link, "the about page should link to the restored text"
    target = (site_dir / ("" if lang == "zh" else "en/") / link.group(1)).resolve()
    assert target.read_text(encoding="utf-8") == restored_document().text


def test_the_english_full_text_has_every_clause_translated_under_the_same_anchor(site_dir):
    body = article(site_dir, "fulltext.html", "en")
    for block in POLICY.blocks:
        element = body.by_id(block.anchor)
        assert element is not None, f"no #{block.anchor} on the English full text"
        assert element.text(skip=is_headerlink).strip() == block.en


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_full_text_shows_the_document_details(site_dir, lang):
    table = article(site_dir, "fulltext.html", lang).find_all(lambda e: "document-metadata" in e.classes)[0]
    text = table.text()
    doc = POLICY.document
    for value in (
        doc["index_number"],
        doc["document_number"],
        doc[f"issuer_{lang}"],
        date(doc["signed"], lang),
        date(doc["published"], lang),
        doc[f"disclosure_{lang}"],
    ):
        assert value in text
    if lang == "zh":
        for label in ("索引号", "文号", "发布机构", "成文日期", "发布日期", "公开方式"):
            assert label in text
        assert "2019年11月15日" in text and "2019年12月3日" in text


# ── measure pages ───────────────────────────────────────────────────────────


def section_links(body, section_id: str) -> list[tuple[str, str]]:
    """(text, href) of the links in the list that follows heading #section_id."""
    heading = body.by_id(section_id)
    siblings = heading.parent.children
    following = siblings[siblings.index(heading) + 1 :]
    listing = next(e for e in following if not isinstance(e, str) and e.tag == "ul")
    return [(a.text().strip(), a.get("href")) for a in listing.find_all("a")]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("measure_id", MEASURES)
def test_each_measure_page_names_its_lead_and_cooperating_departments(site_dir, measure_id, lang):
    measure = POLICY.measure(measure_id)
    body = article(site_dir, f"measures/{measure_id}.html", lang)

    def expected(departments):
        return [(getattr(d, lang), f"../departments.html#{d.id}") for d in departments]

    assert section_links(body, "lead") == expected(measure.lead)
    assert section_links(body, "cooperating") == expected(measure.cooperating)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("measure_id", MEASURES)
def test_each_measure_page_says_who_it_is_for_and_what_support(site_dir, measure_id, lang):
    measure = POLICY.measure(measure_id)
    text = article(site_dir, f"measures/{measure_id}.html", lang).text()
    assert (measure.for_zh if lang == "zh" else measure.for_en) in text
    for item in measure.support:
        assert (item.zh if lang == "zh" else item.en) in text
        # and whom each support item is for, in the reader's language
        assert (item.for_zh if lang == "zh" else item.for_en) in text


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("measure_id", MEASURES)
def test_each_measure_page_quotes_its_clause_and_links_to_it_in_the_full_text(site_dir, measure_id, lang):
    clause = POLICY.measure(measure_id).clause
    body = article(site_dir, f"measures/{measure_id}.html", lang)
    quote = body.find_all("blockquote")[0].text()
    assert clause.label(lang) in quote
    for block in clause.blocks:
        assert (block.zh if lang == "zh" else block.en) in quote
    hrefs = {a.get("href") for a in body.find_all("a")}
    assert f"../fulltext.html#{clause.anchor}" in hrefs
    assert article(site_dir, "fulltext.html", lang).by_id(clause.anchor) is not None


# ── departments and the matrix ──────────────────────────────────────────────


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_directory_lists_what_each_department_leads_and_supports(site_dir, lang):
    body = article(site_dir, "departments.html", lang)
    text = body.text()
    for department in POLICY.departments.values():
        heading = body.by_id(department.id)
        assert heading is not None, f"no #{department.id} in the directory"
        assert getattr(department, lang) in heading.text()
        for items in POLICY.roles(department.id).values():
            for item in items:
                assert f"{item.clause.label(lang)} " in text
    union = POLICY.roles("union")
    assert {i.clause.id for i in union["lead"]} >= {"2-1", "2-2"}
    if lang == "zh":
        assert "二（一）" in text and "二（二）" in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_matrix_matches_the_data(site_dir, lang):
    body = article(site_dir, "matrix.html", lang)
    cards = body.find_all(lambda e: e.get("data-measure") and "matrix-card" in (e.get("class") or ""))
    assert [c.get("data-measure") for c in cards] == MEASURES
    shown = {
        card.get("data-measure"): {
            (a.get("data-department"), a.get("data-role"))
            for a in card.find_all(lambda e: e.tag == "a" and e.get("data-department"))
        }
        for card in cards
    }
    expected = {
        m.id: {(d.id, "lead") for d in m.lead} | {(d.id, "cooperating") for d in m.cooperating}
        for m in POLICY.measures
    }
    assert shown == expected


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_lead_and_cooperating_are_told_apart_without_colour(site_dir, lang):
    body = article(site_dir, "matrix.html", lang)
    marks = {}
    for kind in ("lead", "cooperating"):
        (paragraph, *_) = body.find_all(lambda e, k=kind: f"matrix-{k}" in (e.get("class") or ""))
        marks[kind] = paragraph.text().strip()
    assert marks["lead"].startswith("●") and marks["cooperating"].startswith("○")
    legend = body.by_id("legend").text()
    for kind, word in (("lead", ("牵头", "Lead")), ("cooperating", ("配合", "Co-operating"))):
        assert word[lang == "en"] in marks[kind] and word[lang == "en"] in legend


# ── home, glossary ──────────────────────────────────────────────────────────


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_home_page_carries_the_validity_note(site_dir, lang):
    body = article(site_dir, "index.html", lang)
    note = body.by_id("validity").parent
    doc = POLICY.document
    assert date(doc["signed"], lang) in note.text()
    assert str(doc["target_year"]) in note.text()
    assert ("确认现行规定" if lang == "zh" else "confirm the current rules") in note.text()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_home_page_lists_every_measure(site_dir, lang):
    hrefs = [a.get("href") for a in article(site_dir, "index.html", lang).find_all("a")]
    for measure_id in MEASURES:
        assert f"measures/{measure_id}.html" in hrefs


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_glossary_explains_every_term_and_keeps_where_it_comes_from(site_dir, lang):
    body = article(site_dir, "glossary.html", lang)
    for term in POLICY.terms:
        entry = body.by_id(f"term-{term.id}")
        assert entry is not None, f"term {term.zh} missing"
        assert term.zh in entry.text() and term.en in entry.text()
        assert (term.plain_zh if lang == "zh" else term.plain_en) in entry.text()
        # Sources as publisher (and date); links only to originals, never to copies.
        originals = {s.url for s in term.sources if not s.copy}
        assert {a.get("href") for a in entry.find_all("a")} == originals
        for source in term.sources:
            assert (source.publisher_zh if lang == "zh" else source.publisher_en) in entry.text()


def test_no_copy_on_an_aggregator_site_is_shown_to_readers(site_dir):
    copies = {s.url for t in POLICY.terms for s in t.sources if s.copy}
    assert copies, "the data marks no copies"
    for lang in ("zh", "en"):
        html = (site_dir / ("" if lang == "zh" else "en") / "glossary.html").read_text(encoding="utf-8")
        shown = [url for url in copies if url in html]
        assert not shown, f"{lang} glossary links to copies: {shown}"


def test_the_chinese_glossary_has_no_english_notes(site_dir):
    body = article(site_dir, "glossary.html", "zh")
    for term in POLICY.terms:
        if term.note_en and not term.note_zh:
            assert term.note_en not in body.by_id(f"term-{term.id}").text()


# ── hosting ─────────────────────────────────────────────────────────────────

# Attributes that make the browser fetch something when the page loads.
LOADING = {
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("link", "href"),
    ("iframe", "src"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("input", "src"),
    ("track", "src"),
    ("use", "href"),
}


def test_no_page_loads_anything_from_another_origin(site_dir):
    offending = []
    for path in sorted(site_dir.rglob("*.html")):
        for element in load(path).iter():
            for name, value in element.attrs.items():
                absolute = urlsplit(value.strip()).scheme in ("http", "https") or value.strip().startswith(
                    "//"
                )
                if not absolute:
                    continue
                if element.tag == "a" and name == "href":
                    continue  # a plain link to a source is followed only if the reader clicks it
                if (element.tag, name) in LOADING or name in ("src", "srcset", "action", "formaction"):
                    offending.append(f"{path.relative_to(site_dir)}: <{element.tag} {name}={value}>")
            style = element.get("style") or ""
            if re.search(r"url\(\s*['\"]?(https?:)?//", style):
                offending.append(f"{path.relative_to(site_dir)}: <{element.tag} style={style}>")
    assert offending == []


def test_no_stylesheet_imports_from_another_origin(site_dir):
    offending = [
        str(css.relative_to(site_dir))
        for css in site_dir.rglob("*.css")
        if re.search(r"(@import|url\()\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8"))
    ]
    assert offending == []


def test_external_links_do_not_send_the_referrer(site_dir):
    for path in ("glossary.html", "departments.html"):
        for lang in ("zh", "en"):
            for a in article(site_dir, path, lang).find_all("a"):
                if urlsplit(a.get("href") or "").scheme in ("http", "https"):
                    assert "noreferrer" in (a.get("rel") or ""), f"{lang} {path}: {a.get('href')}"


def test_no_sitemap_with_unusable_urls_is_published(site_dir):
    # Without site_url MkDocs writes sitemap URLs as "None…"; none may ship.
    for sitemap in site_dir.rglob("sitemap.xml"):
        assert "<loc>None" not in sitemap.read_text(encoding="utf-8"), sitemap


PAGES_WITH_PYTHON = ["assessment.html", "en/assessment.html", "register.html", "en/register.html"]


@pytest.mark.parametrize("path", PAGES_WITH_PYTHON)
def test_the_worker_starts_before_anything_else_loads(site_dir, path):
    # web/start.js, written into <head> right after the page's security policy: a return
    # visit does not wait for the page's stylesheets and scripts to start Python.
    head = (site_dir / path).read_text(encoding="utf-8").split("</head>", 1)[0]
    first = re.search(r"<(script|link)\b[^>]*>", head)
    assert first and "data-worker=" in first.group(0), first and first.group(0)
    assert head.index('http-equiv="Content-Security-Policy"') < first.start()
    assert "window.assessorStart" in head[first.end() :].split("</script>", 1)[0]
