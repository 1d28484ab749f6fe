"""The site's policy pages, rendered as Markdown from the policy data.

Every fact on these pages comes from `assessor.policy.policy()`: the Chinese
is the restored text, the English our translation, the assignments of
departments the data's. Nothing here knows a department, a measure or a date.

Each page exists in Chinese and English with the same element ids, so the
language switch and clause links land on the same place in both languages.
Links between pages are written as links to the Markdown sources (`*.md`), so
MkDocs checks them (and their anchors) at build time.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from assessor.policy import Block, Department, Measure, Policy, Safeguard, TermSource, WorkItem
from build_scripts import wording
from build_scripts.wording import fill

LANGUAGES = ("zh", "en")

# The pages' own words (web/text/<lang>.json, "policy_pages").
UI = wording.by_language("policy_pages")

MEASURE_SEARCH_BOOST = 3
# The glossary names every term in both languages, so it matches nearly any
# query; it should come after the page that answers the question.
GLOSSARY_SEARCH_BOOST = 0.5
# Not strftime("%B"): that follows the build machine's locale.
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# The canonical Chinese text, as a download (written by hooks/policy_pages.py
# after the build, so the about pages link to it in plain HTML, which MkDocs
# does not try to resolve among the documentation files).
RESTORED_TEXT = "downloads/baotou-2019-47-restored.zh.txt"

# Headings per block kind on the full-text page; other kinds are paragraphs.
HEADING_LEVEL = {"title": 2, "plan-title": 2, "section": 3, "subsection": 4}


# ── small helpers ──────────────────────────────────────────────────────────


def md(text: str) -> str:
    """Text as literal Markdown: escape what Markdown would interpret."""
    text = re.sub(r"([\\`*_{}\[\]<>#|!])", r"\\\1", text)
    return re.sub(r"^(\d+)\.", r"\1\\.", text)


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def date(value: dt.date, lang: str) -> str:
    if lang == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def name(department: Department, lang: str) -> str:
    return department.zh if lang == "zh" else department.en


def title(item: Measure | WorkItem | Safeguard, lang: str) -> str:
    return item.title_zh if lang == "zh" else item.title_en


def measure_heading(measure: Measure, lang: str) -> str:
    return f"{measure.number}. {title(measure, lang)}"


def joined(names: Iterable[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(names)


def colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def item_link(item: Measure | WorkItem | Safeguard, lang: str, prefix: str) -> str:
    """A measure links to its page; a work item or safeguard to its clause in the full text."""
    text = f"{md(item.clause.label(lang))} {md(title(item, lang))}"
    if isinstance(item, Safeguard):  # what the department leads there, not the whole safeguard
        text += f"{colon(lang)}{md(item.lead_zh if lang == 'zh' else item.lead_en)}"
    if isinstance(item, Measure):
        return f"[{text}]({prefix}measures/{item.id}.md)"
    return f"[{text}]({prefix}fulltext.md#{item.clause.anchor})"


def source_link(url: str) -> str:
    """A plain link to a source; rel=noreferrer so following it tells the site nothing.
    A source given as publisher and title (no URL) is shown as text."""
    if not url.startswith(("http://", "https://")):
        return esc(url)
    return f'<a href="{esc(url)}" rel="noreferrer">{esc(urlsplit(url).hostname or url)}</a>'


# ── pages ──────────────────────────────────────────────────────────────────


def fulltext_page(policy: Policy, lang: str) -> str:
    t, doc = UI[lang], policy.document
    rows = [
        (t["index_number"], doc["index_number"]),
        (t["document_number"], doc["document_number"]),
        (t["issuer"], doc[f"issuer_{lang}"]),
        (t["signed"], date(doc["signed"], lang)),
        (t["published"], date(doc["published"], lang)),
        (t["disclosure"], doc[f"disclosure_{lang}"]),
        (t["source"], doc[f"source_note_{lang}"]),
    ]
    out = [
        f"# {t['fulltext']} {{ #fulltext }}",
        "",
        t["fulltext_note"],
        "",
        f"## {t['metadata']} {{ #metadata }}",
        "",
        '<table class="document-metadata">',
        *(f'<tr><th scope="row">{esc(label)}</th><td>{esc(value)}</td></tr>' for label, value in rows),
        "</table>",
        "",
    ]
    for block in policy.blocks:
        out += [_block(block, lang), ""]
    return "\n".join(out)


def _block(block: Block, lang: str) -> str:
    text = block.zh if lang == "zh" else block.en
    level = HEADING_LEVEL.get(block.kind)
    if level:
        return f"{'#' * level} {md(text)} {{ #{block.anchor} .block-{block.kind} }}"
    return f'<p id="{block.anchor}" class="block block-{block.kind}">{esc(text)}</p>'


def measure_page(policy: Policy, measure: Measure, lang: str) -> str:
    t, prefix, clause = UI[lang], "../", measure.clause
    label = clause.label(lang)
    out = [
        # Search ranks the measure pages first: they are where a reader's question is answered.
        "---",
        f"search:\n  boost: {MEASURE_SEARCH_BOOST}",
        "---",
        "",
        f"# {md(measure_heading(measure, lang))} {{ #measure }}",
        "",
        f'<p class="measure-meta">{esc(label)} · {esc(t["measure_lead"] + colon(lang))}'
        f"{esc(joined((name(d, lang) for d in measure.lead), lang))}</p>",
        "",
        f"## {t['who']} {{ #who }}",
        "",
        md(measure.for_zh if lang == "zh" else measure.for_en),
        "",
        f"## {t['support']} {{ #support }}",
        "",
    ]
    for item in measure.support:
        # Whom it is for: in Chinese unless the quoted phrase already says so; our
        # English names of support items never say it, so it is always added.
        if lang == "zh":
            whom = "" if item.for_zh in item.zh else f"（{t['support_for']}：{md(item.for_zh)}）"
            out.append(f'- <span id="support-{item.id}"></span>{md(item.zh)}{whom}')
        else:
            whom = f" ({t['support_for']}: {md(item.for_en)})"
            out.append(f'- <span id="support-{item.id}"></span>{md(item.en)}{whom}')
    out += [
        "",
        t["decides"],
        "",
        f"## {t['lead']} {{ #lead }}",
        "",
        *(f"- [{md(name(d, lang))}]({prefix}departments.md#{d.id})" for d in measure.lead),
        "",
        f"## {t['cooperating']} {{ #cooperating }}",
        "",
        *(f"- [{md(name(d, lang))}]({prefix}departments.md#{d.id})" for d in measure.cooperating),
        "",
        f"## {t['clause']} {{ #clause }}",
        "",
        f'<blockquote class="clause-quote" cite="{prefix}fulltext.html#{clause.anchor}">',
        *(
            f"<p><strong>{esc(label)}</strong> {esc(b.zh if lang == 'zh' else b.en)}</p>"
            if i == 0
            else f"<p>{esc(b.zh if lang == 'zh' else b.en)}</p>"
            for i, b in enumerate(clause.blocks)
        ),
        "</blockquote>",
        "",
        f"[{md(fill(t['see_in_fulltext'], label=label))}]({prefix}fulltext.md#{clause.anchor})",
        "",
        fill(t["self_check"], assessment=f"{prefix}assessment.md"),
        "",
    ]
    return "\n".join(out)


def _contact_html(department: Department, lang: str) -> str:
    """The department's contact details as the operator entered them (contacts.toml), or the
    fallback line and the hotline to call; the same data the assessment's result uses."""
    from assessor.contacts import contacts
    from assessor.result import DEFAULT_HOTLINE, FALLBACK_HOTLINE

    t, data = UI[lang], contacts()
    contact = data.departments[department.id]
    rows = []
    if contact.phone:
        rows.append(
            (
                t["phone"],
                f'<a href="tel:{esc(re.sub(r"[^0-9+]", "", contact.phone))}">{esc(contact.phone)}</a>',
            )
        )
    for key in ("address", "hours", "bring"):
        value = getattr(contact, key)[lang]
        if value:
            rows.append((t[key], esc(value)))
    if contact.website:
        rows.append(
            (t["website"], f'<a href="{esc(contact.website)}" rel="noreferrer">{esc(contact.website)}</a>')
        )
    out = []
    if rows:
        out.append("<p>" + "<br>".join(f"{label}{colon(lang)}{value}" for label, value in rows) + "</p>")
        cited = (
            "；".join(s.cited(lang) for s in contact.sources)
            if lang == "zh"
            else "; ".join(s.cited(lang) for s in contact.sources)
        )
        out.append(f'<p class="contact-source">{t["contact_source"]}{colon(lang)}{esc(cited)}</p>')
    else:
        out.append(f'<p class="contact-missing">{esc(t["not_on_record"])}</p>')
    if not contact.phone:
        hotline_id = FALLBACK_HOTLINE.get(department.id, DEFAULT_HOTLINE)
        hotline = next(h for h in data.hotlines if h.id == hotline_id)
        number = f'<a href="tel:{esc(re.sub(r"[^0-9+]", "", hotline.number))}">{esc(hotline.number)}</a>'
        call = fill(
            esc(t["call"]), number=number, name=esc(hotline.name[lang]), hours=esc(hotline.hours[lang])
        )
        out.append(f"<p>{call}</p>")
    return f'<div class="department-contact">{"".join(out)}</div>'


def _provenance_html(department: Department, lang: str) -> str:
    """The other language's name, the text's short forms and where the English came from:
    available, but folded, out of the reader's way."""
    t, other = UI[lang], "en" if lang == "zh" else "zh"
    rows = [f"{t['other_name']}{colon(lang)}{esc(name(department, other))}"]
    if department.also:
        rows.append(f"{t['also_called']}{colon(lang)}{esc('、'.join(department.also))}")
    rows.append(f"{t['en_source']}{colon(lang)}{source_link(department.en_source)}")
    return (
        f'<details class="provenance"><summary>{esc(t["provenance"])}</summary>'
        f"<p>{'<br>'.join(rows)}</p></details>"
    )


def _hotline_sources(lang: str) -> str:
    from assessor.contacts import contacts

    t = UI[lang]
    items = "".join(
        f"<li>{esc(h.number)} {esc(h.name[lang])}{colon(lang)}"
        f"{esc(('；' if lang == 'zh' else '; ').join(s.cited(lang) for s in h.sources))}</li>"
        for h in contacts().hotlines
    )
    return f'<details class="provenance"><summary>{esc(t["hotlines"])}</summary><ul>{items}</ul></details>'


def departments_page(policy: Policy, lang: str) -> str:
    t = UI[lang]
    out = [
        f"# {t['departments']} {{ #departments }}",
        "",
        fill(t["departments_intro"], count=len(policy.departments)),
        "",
        _hotline_sources(lang),
        "",
    ]
    for department in policy.departments.values():
        roles = policy.roles(department.id)
        out += [f"## {md(name(department, lang))} {{ #{department.id} }}", ""]
        # English readers keep the Chinese name in view: it is the name on the office's door.
        if lang == "en":
            out += [f"{t['other_name']}{colon(lang)}{md(department.zh)}", ""]
        out += [f"**{t['contact']}**", "", _contact_html(department, lang), ""]
        for role, heading in (("lead", t["leads"]), ("cooperating", t["cooperates"])):
            if roles[role]:
                out += [f"**{heading}**", ""]
                out += [f"- {item_link(item, lang, '')}" for item in roles[role]]
                out.append("")
        out += [_provenance_html(department, lang), ""]
    return "\n".join(out)


def matrix_page(policy: Policy, lang: str) -> str:
    """One card per measure: its lead and its co-operating departments.

    Cards, not a departments × measures table: on a 360 px phone a table of seven
    measure columns showed two of them, and its search snippet read as table soup.
    Each card is a heading and two sentences, so it reads (and searches) as text.
    """
    t = UI[lang]
    separator = "、" if lang == "zh" else "; "  # English names may hold commas

    def role(kind: str, departments: Iterable[Department]) -> str:
        # A sentence ("Lead: A; B.") for search snippets and screen readers; on
        # screen each department stands on its own line (the separators are hidden).
        names = f'<span class="sep">{separator}</span>'.join(
            f'<a href="departments.html#{d.id}" data-department="{d.id}" data-role="{kind}">'
            f"{esc(name(d, lang))}</a>"
            for d in departments
        )
        end = "。" if lang == "zh" else "."
        return (
            f'<p class="matrix-{kind}"><span class="role role-{kind}">{esc(t["legend_" + kind])}</span>'
            f'<span class="sep">{colon(lang)}</span>{names}<span class="sep">{end}</span></p>'
        )

    cards = []
    for measure in policy.measures:
        cards += [
            f'<section class="matrix-card" data-measure="{measure.id}">',
            f'<h2 id="matrix-{measure.id}"><a href="measures/{measure.id}.html">'
            f"{esc(measure_heading(measure, lang))}</a></h2>",
            role("lead", measure.lead),
            role("cooperating", measure.cooperating) if measure.cooperating else "",
            "</section>",
        ]
    return "\n".join(
        [
            f"# {t['matrix']} {{ #matrix }}",
            "",
            t["matrix_intro"],
            "",
            f'<p class="matrix-legend" id="legend">{esc(t["legend"])}{colon(lang)}'
            f'<span class="role role-lead">{esc(t["legend_lead"])}</span> '
            f'<span class="role role-cooperating">{esc(t["legend_cooperating"])}</span></p>',
            "",
            '<div class="matrix">',
            *cards,
            "</div>",
            "",
        ]
    )


def source_text(source: TermSource, lang: str) -> str:
    """A source as readers see it: publisher, title and date; a link only to an original."""
    parts = [esc(source.publisher_zh if lang == "zh" else source.publisher_en)]
    if source.title:
        parts.append(f"“{esc(source.title)}”")
    if source.date:
        parts.append(esc(date(source.date, lang)))
    text = ("，" if lang == "zh" else ", ").join(parts)
    if source.copy:  # a copy on an aggregator site: kept in the data for maintainers, never linked
        return text
    return f'<a href="{esc(source.url)}" rel="noreferrer">{text}</a>'


def glossary_page(policy: Policy, lang: str) -> str:
    """One entry per term: the term, what it means in plain words, and, folded away,
    where the English rendering comes from (for translators and the curious)."""
    t = UI[lang]
    entries = []
    for term in policy.terms:
        main, other = (term.zh, term.en) if lang == "zh" else (term.en, term.zh)
        # The Chinese page shows only Chinese notes; English notes are about English wording.
        note = term.note_zh if lang == "zh" else (term.note_en or term.note_zh)
        provenance = [
            f'<p>{esc(t["status"])}{colon(lang)}<span class="status-{term.status}">'
            f"{esc(t['status_' + term.status])}</span></p>"
        ]
        if note:
            provenance.append(f"<p>{esc(t['note'])}{colon(lang)}{esc(note)}</p>")
        if term.sources:
            provenance.append(f"<p>{esc(t['sources'])}{colon(lang)}</p>")
            items = "".join(f"<li>{source_text(source, lang)}</li>" for source in term.sources)
            provenance.append(f"<ul>{items}</ul>")
        entries += [
            f'<section class="glossary-entry" id="term-{term.id}">',
            # No id on the heading: search keeps the glossary one result, after the pages
            # that answer the question (a term's title would outrank every measure page).
            f'<h2 class="glossary-term"><span lang="{lang}">{esc(main)}</span> '
            f'<span class="glossary-other" lang="{"en" if lang == "zh" else "zh"}">{esc(other)}</span></h2>',
            f'<p class="glossary-plain">{esc(term.plain_zh if lang == "zh" else term.plain_en)}</p>',
            f'<details class="glossary-provenance"><summary>{esc(t["glossary_provenance"])}</summary>',
            *provenance,
            "</details>",
            "</section>",
        ]
    return "\n".join(
        [
            "---",
            f"search:\n  boost: {GLOSSARY_SEARCH_BOOST}",
            "---",
            "",
            f"# {t['glossary']} {{ #glossary }}",
            "",
            t["glossary_intro"],
            "",
            '<div class="glossary">',
            *entries,
            "</div>",
            "",
            f'<p class="glossary-status-note">{esc(t["status_explained"])}</p>',
            "",
        ]
    )


def generated_pages(policy: Policy, lang: str) -> dict[str, str]:
    """Source path → Markdown of every page generated from the data."""
    pages = {
        "fulltext.md": fulltext_page(policy, lang),
        "departments.md": departments_page(policy, lang),
        "matrix.md": matrix_page(policy, lang),
        "glossary.md": glossary_page(policy, lang),
    }
    for measure in policy.measures:
        pages[f"measures/{measure.id}.md"] = measure_page(policy, measure, lang)
    return pages


# ── parts of hand-written pages: <!-- policy:NAME --> markers ───────────────


def validity_note(policy: Policy, lang: str) -> str:
    t, doc = UI[lang], policy.document
    text = fill(t["validity"], signed=date(doc["signed"], lang), target=doc["target_year"])
    return f'!!! warning "{t["validity_title"]}"\n    <span id="validity"></span>{md(text)}'


def document_summary(policy: Policy, lang: str) -> str:
    doc = policy.document
    return (
        f"**{md(doc['title_' + lang])}**（{md(doc['document_number'])}）"
        if lang == "zh"
        else f"**{md(doc['title_' + lang])}** ({md(doc['document_number'])})"
    ) + f"  \n{md(doc['issuer_' + lang])} · {date(doc['signed'], lang)}"


def goal_quote(policy: Policy, lang: str) -> str:
    """The overall goal as the text words it, then the two outcomes it defines (脱困, 解困)."""
    goal = policy.goal.clause
    out = [f"> {md(goal.zh if lang == 'zh' else goal.en)}", ">"]
    for task in policy.key_tasks:
        term, text = (task.term_zh, task.zh) if lang == "zh" else (task.term_en, task.en)
        out.append(f"> - **{md(term)}**{colon(lang)}{md(text)}")
    out.append(">")
    section = policy.clauses["1"]
    heading = section.zh if lang == "zh" else section.en
    out.append(f"> [{md(fill(UI[lang]['goal_more'], label=heading))}](fulltext.md#{section.anchor})")
    return "\n".join(out)


def measures_at_a_glance(policy: Policy, lang: str) -> str:
    t = UI[lang]
    lines = []
    for m in policy.measures:
        who = m.for_zh if lang == "zh" else m.for_en
        leads = joined((name(d, lang) for d in m.lead), lang)
        lines.append(
            f"{m.number}. **[{md(title(m, lang))}](measures/{m.id}.md)** — {md(who)}  \n"
            f"    {t['measure_lead']}{colon(lang)}{md(leads)}"
        )
    return "\n".join(lines)


def source_facts(policy: Policy, lang: str) -> str:
    from assessor.restore import SCRAPED_FILE, SCRAPED_SHA256, SPAM_COUNT, SPAM_REPLACES

    doc = policy.document
    if lang == "zh":
        return "\n".join(
            [
                f"- 文件：{md(doc['title_zh'])}（{md(doc['document_number'])}）",
                f"- 来源：{md(doc['source_note_zh'])}",
                f"- 原始抓取文件：`{SCRAPED_FILE}`，sha256 `{SCRAPED_SHA256}`",
                f"- 被替换的“{SPAM_REPLACES}”：{SPAM_COUNT} 处",
                f"- 还原后的段落数：{len(policy.blocks)}",
                f'- 还原后的全文（纯文本，每段一行）：<a href="{RESTORED_TEXT}" download>下载</a>',
            ]
        )
    return "\n".join(
        [
            f"- Document: {md(doc['title_en'])} ({md(doc['document_number'])})",
            f"- Source: {md(doc['source_note_en'])}",
            f"- Scraped file: `{SCRAPED_FILE}`, sha256 `{SCRAPED_SHA256}`",
            f"- Occurrences of “{SPAM_REPLACES}” that had been replaced: {SPAM_COUNT}",
            f"- Paragraphs in the restored text: {len(policy.blocks)}",
            "- The restored Chinese text (plain text, one paragraph a line): "
            f'<a href="../{RESTORED_TEXT}" download>download</a>',
        ]
    )


MARKERS: dict[str, Callable[[Policy, str], str]] = {
    "validity": validity_note,
    "document": document_summary,
    "goal": goal_quote,
    "measures": measures_at_a_glance,
    "source": source_facts,
}
