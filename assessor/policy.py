"""The policy as data: 包府发〔2019〕47号 read from assessor/data/ into plain objects.

This is the one source of truth: the site's generated pages and the assessor
both read it through `load_policy()`. The Chinese text always comes from the
restored source (assessor/restore.py); the data files add structure, our
English translation and the assignments of departments, and the loader checks
that every Chinese phrase the data quotes really is in the clause it cites.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from .canonical import RestoredDocument, canonical_document
from .datafile import DataError, Table, read_toml, unique_ids
from .sources import Source, read_source

ZH_NUMERALS = "一二三四五六七八九十"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
BLOCK_KINDS = (
    "title",
    "addressees",
    "paragraph",
    "date",
    "note",
    "plan-title",
    "section",
    "subsection",
    "item",
    "subsection-paragraph",
)


def clause_number(block_id: str) -> list[int]:
    """The numeric part of a block id: "2-3-5" → [2, 3, 5]; "1-goal" → [1]."""
    numbers = []
    for part in block_id.split("-"):
        if not part.isdigit():
            break
        numbers.append(int(part))
    return numbers


def clause_label(block_id: str, lang: str) -> str:
    """How the plan refers to a clause: 二（三）5 in Chinese, II(3)5 in English."""
    numbers = clause_number(block_id)
    if not numbers:
        return ""
    if lang == "zh":
        label = ZH_NUMERALS[numbers[0] - 1]
        if len(numbers) > 1:
            label += f"（{ZH_NUMERALS[numbers[1] - 1]}）"
    else:
        label = ROMAN[numbers[0] - 1]
        if len(numbers) > 1:
            label += f"({numbers[1]})"
    if len(numbers) > 2:
        label += str(numbers[2])
    return label


def anchor(block_id: str) -> str:
    """The HTML id of a block, the same on the Chinese and English pages."""
    return f"clause-{block_id}"


@dataclass(frozen=True)
class Block:
    id: str
    kind: str
    zh: str
    en: str

    @property
    def anchor(self) -> str:
        return anchor(self.id)


@dataclass(frozen=True)
class Clause:
    """A clause the data cites: its heading block and the paragraph under it."""

    id: str
    blocks: tuple[Block, ...]

    @property
    def zh(self) -> str:
        return "".join(block.zh for block in self.blocks)

    @property
    def en(self) -> str:
        return " ".join(block.en for block in self.blocks)

    @property
    def anchor(self) -> str:
        return anchor(self.id)

    def label(self, lang: str) -> str:
        return clause_label(self.id, lang)


@dataclass(frozen=True)
class Department:
    id: str
    zh: str
    en: str
    also: tuple[str, ...]
    en_source: str


@dataclass(frozen=True)
class SupportItem:
    id: str
    zh: str  # the phrase of the clause that names the support
    en: str
    for_zh: str  # whom the clause grants it to, quoted
    for_en: str
    plain_zh: str = ""  # a short plain explanation of the quote, for every reader
    plain_en: str = ""


@dataclass(frozen=True)
class Measure:
    id: str
    number: int
    clause: Clause
    title_zh: str
    title_en: str
    for_zh: str
    for_en: str
    lead: tuple[Department, ...]
    cooperating: tuple[Department, ...]
    support: tuple[SupportItem, ...]
    plain_zh: str = ""  # a short plain explanation of the measure
    plain_en: str = ""


@dataclass(frozen=True)
class WorkItem:
    id: str
    clause: Clause
    title_zh: str
    title_en: str
    summary_en: str
    lead: tuple[Department, ...]
    cooperating: tuple[Department, ...]


@dataclass(frozen=True)
class Goal:
    """一's overall goal; its clause carries the text in both languages."""

    clause: Clause
    zh: str  # the goal itself, quoted from the clause


@dataclass(frozen=True)
class KeyTask:
    """One of the two outcomes the plan defines in 一: 脱困 or 解困."""

    id: str
    clause: Clause
    term_zh: str
    term_en: str
    zh: str  # quoted from the clause
    en: str


@dataclass(frozen=True)
class Safeguard:
    """An organisational safeguard of 三; `lead` only where the text names one."""

    id: str
    clause: Clause
    title_zh: str
    title_en: str
    lead: tuple[Department, ...]
    lead_zh: str  # the sentence that assigns the lead, quoted
    lead_en: str
    cooperating: tuple[Department, ...] = ()


@dataclass(frozen=True)
class TermSource:
    """Where an English rendering was found: shown to readers as publisher, title and date."""

    id: str
    publisher_zh: str
    publisher_en: str
    title: str | None
    date: dt.date | None
    url: str
    copy: bool  # the url is a copy on an aggregator site: for maintainers, never linked


@dataclass(frozen=True)
class Term:
    id: str
    zh: str
    en: str
    status: str
    sources: tuple[TermSource, ...]
    note_zh: str
    note_en: str
    plain_zh: str = ""  # what the term means, in plain words (checked non-empty by the loader)
    plain_en: str = ""


@dataclass(frozen=True)
class DatedValue:
    start: dt.date
    value: float
    source: str  # for maintainers
    cited: Source | None = None  # what readers see: publisher, title, date


@dataclass(frozen=True)
class Parameter:
    id: str
    description_zh: str
    description_en: str
    unit: str
    values: tuple[DatedValue, ...]
    label_zh: str = ""
    label_en: str = ""
    reference: str = ""

    def on(self, date: dt.date) -> DatedValue | None:
        """The value in force on `date`: the latest that started on or before it."""
        current = None
        for dated in self.values:
            if dated.start <= date:
                current = dated
        return current


@dataclass(frozen=True)
class Policy:
    document: dict[str, Any]
    blocks: tuple[Block, ...]
    clauses: dict[str, Clause]
    departments: dict[str, Department]
    goal: Goal
    key_tasks: tuple[KeyTask, ...]
    work_items: tuple[WorkItem, ...]
    measures: tuple[Measure, ...]
    safeguards: tuple[Safeguard, ...]
    terms: tuple[Term, ...]
    parameters: dict[str, Parameter]
    dibao_local: Parameter

    def measure(self, measure_id: str) -> Measure:
        return next(m for m in self.measures if m.id == measure_id)

    def roles(self, department_id: str) -> dict[str, list[Measure | WorkItem | Safeguard]]:
        """What a department leads and what it co-operates on, in the plan's order."""
        items = [*self.work_items, *self.measures, *self.safeguards]
        return {
            "lead": [i for i in items if any(d.id == department_id for d in i.lead)],
            "cooperating": [i for i in items if any(d.id == department_id for d in i.cooperating)],
        }


# ── reading each file ──────────────────────────────────────────────────────


def _read_blocks(folder: Any, restored: RestoredDocument) -> tuple[Block, ...]:
    file = "fulltext.toml"
    tables = Table(read_toml(file, folder), file, "").tables("blocks")
    if len(tables) != len(restored.paragraphs):
        raise DataError(
            f"{file}: {len(tables)} blocks, but the restored text has {len(restored.paragraphs)} paragraphs"
        )
    blocks = []
    for table, zh in zip(tables, restored.paragraphs, strict=True):
        block_id, starts = table.text("id"), table.text("starts")
        if not zh.startswith(starts):
            raise DataError(f"{file}: {table.where}.starts {starts!r} does not begin paragraph {zh[:20]!r}…")
        kind = table.text("kind")
        if kind not in BLOCK_KINDS:
            raise DataError(f"{file}: {table.where}.kind {kind!r} is not one of {', '.join(BLOCK_KINDS)}")
        blocks.append(Block(id=block_id, kind=kind, zh=zh, en=table.text("en")))
        table.done()
    unique_ids(blocks, file, "block")
    return tuple(blocks)


def _clauses(blocks: tuple[Block, ...]) -> dict[str, Clause]:
    """Every block is citable; a heading block also takes the paragraph under it."""
    by_id = {block.id: block for block in blocks}
    clauses = {}
    for block in blocks:
        parts = [block]
        if f"{block.id}-text" in by_id:
            parts.append(by_id[f"{block.id}-text"])
        clauses[block.id] = Clause(id=block.id, blocks=tuple(parts))
    return clauses


def _read_departments(folder: Any) -> dict[str, Department]:
    file = "departments.toml"
    departments = []
    for table in Table(read_toml(file, folder), file, "").tables("departments"):
        departments.append(
            Department(
                id=table.text("id"),
                zh=table.text("zh"),
                en=table.text("en"),
                also=tuple(table.texts("also", [])),
                en_source=table.text("en_source"),
            )
        )
        table.done()
    return unique_ids(departments, file, "department")


class _Context:
    """What the readers of measures need to resolve references."""

    def __init__(self, file: str, clauses: dict[str, Clause], departments: dict[str, Department]):
        self.file, self.clauses, self.departments = file, clauses, departments

    def clause(self, table: Table) -> Clause:
        clause_id = table.text("clause")
        if clause_id not in self.clauses:
            raise DataError(f"{self.file}: {table.where}.clause {clause_id!r} is not a clause of the text")
        return self.clauses[clause_id]

    def departments_of(self, table: Table, key: str) -> tuple[Department, ...]:
        found = []
        for department_id in table.texts(key):
            if department_id not in self.departments:
                raise DataError(
                    f"{self.file}: {table.where}.{key} names undefined department {department_id!r}"
                )
            found.append(self.departments[department_id])
        return tuple(found)

    def quoted(self, table: Table, key: str, clause: Clause) -> str:
        phrase = table.text(key)
        if phrase not in clause.zh:
            raise DataError(
                f"{self.file}: {table.where}.{key} {phrase!r} is not in clause {clause.label('zh')}"
            )
        return phrase


@dataclass(frozen=True)
class _Structure:
    goal: Goal
    key_tasks: tuple[KeyTask, ...]
    work_items: tuple[WorkItem, ...]
    measures: tuple[Measure, ...]
    safeguards: tuple[Safeguard, ...]


def _read_goal(root: Table, context: _Context) -> tuple[Goal, tuple[KeyTask, ...]]:
    table = root.table("goal")
    clause = context.clause(table)
    goal = Goal(clause=clause, zh=context.quoted(table, "quote", clause))
    table.done()
    key_tasks = []
    for table in root.tables("key_tasks"):
        clause = context.clause(table)
        key_tasks.append(
            KeyTask(
                id=table.text("id"),
                clause=clause,
                term_zh=context.quoted(table, "term_zh", clause),
                term_en=table.text("term_en"),
                zh=context.quoted(table, "quote", clause),
                en=table.text("en"),
            )
        )
        table.done()
    return goal, tuple(key_tasks)


def _read_safeguards(root: Table, context: _Context) -> tuple[Safeguard, ...]:
    safeguards = []
    for table in root.tables("safeguards"):
        clause = context.clause(table)
        lead = context.departments_of(table, "lead")
        safeguards.append(
            Safeguard(
                id=table.text("id"),
                clause=clause,
                title_zh=context.quoted(table, "title_zh", clause),
                title_en=table.text("title_en"),
                lead=lead,
                lead_zh=context.quoted(table, "lead_quote", clause) if lead else "",
                lead_en=table.text("lead_en") if lead else "",
            )
        )
        table.done()
    return tuple(safeguards)


def _read_structure(folder: Any, context: _Context) -> _Structure:
    file = context.file
    root = Table(read_toml(file, folder), file, "")
    goal, key_tasks = _read_goal(root, context)
    safeguards = _read_safeguards(root, context)
    work_items = []
    for table in root.tables("work_items"):
        clause = context.clause(table)
        work_items.append(
            WorkItem(
                id=table.text("id"),
                clause=clause,
                title_zh=context.quoted(table, "title_zh", clause),
                title_en=table.text("title_en"),
                summary_en=table.text("summary_en"),
                lead=context.departments_of(table, "lead"),
                cooperating=context.departments_of(table, "cooperating"),
            )
        )
        table.done()
    measures = []
    for table in root.tables("measures"):
        clause = context.clause(table)
        support = []
        for item in table.tables("support"):
            support.append(
                SupportItem(
                    id=item.text("id"),
                    zh=context.quoted(item, "quote", clause),
                    en=item.text("en"),
                    for_zh=context.quoted(item, "for_zh", clause),
                    for_en=item.text("for_en"),
                    plain_zh=item.text("plain_zh"),
                    plain_en=item.text("plain_en"),
                )
            )
            item.done()
        measures.append(
            Measure(
                id=table.text("id"),
                number=table.get("number", int),
                clause=clause,
                title_zh=context.quoted(table, "title_zh", clause),
                title_en=table.text("title_en"),
                for_zh=context.quoted(table, "for_zh", clause),
                for_en=table.text("for_en"),
                lead=context.departments_of(table, "lead"),
                cooperating=context.departments_of(table, "cooperating"),
                support=tuple(support),
                plain_zh=table.text("plain_zh"),
                plain_en=table.text("plain_en"),
            )
        )
        table.done()
    root.done()
    unique_ids([*key_tasks, *work_items, *measures, *safeguards], file, "item")
    unique_ids([s for m in measures for s in m.support], file, "support item")
    numbers = [m.number for m in measures]
    if numbers != list(range(1, len(measures) + 1)):
        raise DataError(f"{file}: measures must be numbered 1, 2, 3 … in order, got {numbers}")
    return _Structure(goal, key_tasks, tuple(work_items), tuple(measures), safeguards)


def _read_sources(root: Table, file: str) -> dict[str, TermSource]:
    sources = []
    for table in root.tables("sources"):
        date = table.get("date", dt.date, None)
        if isinstance(date, dt.datetime):
            raise DataError(f"{file}: {table.where}.date must be a date, not a date and time")
        sources.append(
            TermSource(
                id=table.text("id"),
                publisher_zh=table.text("publisher_zh"),
                publisher_en=table.text("publisher_en"),
                title=table.text("title", None),
                date=date,
                url=table.text("url"),
                copy=table.get("copy", bool, False),
            )
        )
        table.done()
    return unique_ids(sources, file, "source")


def _read_terms(folder: Any) -> tuple[Term, ...]:
    file = "glossary.toml"
    root = Table(read_toml(file, folder), file, "")
    sources = _read_sources(root, file)
    terms, cited = [], set()
    for table in root.tables("terms"):
        status = table.text("status")
        if status not in ("attested", "suggested"):
            raise DataError(f"{file}: {table.where}.status must be 'attested' or 'suggested'")
        named = table.texts("sources")
        for source_id in named:
            if source_id not in sources:
                raise DataError(f"{file}: {table.where}.sources names an unknown source {source_id!r}")
        cited.update(named)
        terms.append(
            Term(
                id=table.text("id"),
                zh=table.text("zh"),
                en=table.text("en"),
                status=status,
                sources=tuple(sources[source_id] for source_id in named),
                note_zh=table.text("note_zh", ""),
                note_en=table.text("note_en", ""),
                plain_zh=table.text("plain_zh"),  # required and non-empty: the worker's definition
                plain_en=table.text("plain_en"),
            )
        )
        table.done()
    root.done()
    if set(sources) - cited:
        raise DataError(f"{file}: sources no term cites: {sorted(set(sources) - cited)}")
    return tuple(unique_ids(terms, file, "term").values())


def _dated_values(table: Table, key: str = "values") -> tuple[DatedValue, ...]:
    values = []
    for entry in table.tables(key):
        value = entry.get("value", (int, float))
        cited = read_source(entry.table("cited")) if "cited" in entry.data else None
        entry.texts("copies", [])  # low-credibility copies: for maintainers, never shown
        values.append(
            DatedValue(
                start=entry.get("from", dt.date), value=value, source=entry.text("source"), cited=cited
            )
        )
        entry.done()
    starts = [v.start for v in values]
    if starts != sorted(set(starts)):
        raise DataError(f"{table.file}: {table.where}.{key} must be in date order, each date once")
    return tuple(values)


def _read_parameters(folder: Any) -> tuple[dict[str, Parameter], Parameter]:
    file = "parameters.toml"
    root = Table(read_toml(file, folder), file, "")
    parameters = {}
    local = None
    for parameter_id in root.data:
        table = root.table(parameter_id)
        common = dict(
            id=parameter_id,
            description_zh=table.text("description_zh"),
            description_en=table.text("description_en"),
            unit=table.text("unit"),
        )
        if parameter_id == "dibao_standard":
            default, local_table = table.table("default"), table.table("local")
            parameters[parameter_id] = Parameter(
                **common,
                values=_dated_values(default),
                label_zh=default.text("label_zh"),
                label_en=default.text("label_en"),
            )
            local = Parameter(
                **common,
                values=_dated_values(local_table),
                label_zh=local_table.text("label_zh"),
                label_en=local_table.text("label_en"),
            )
            for sub in (default, local_table):
                sub.done()
        else:
            table.text("quote")
            parameters[parameter_id] = Parameter(
                **common,
                values=_dated_values(table),
                reference=table.text("reference"),
            )
        table.done()
    root.done()
    if local is None:
        raise DataError(f"{file}: dibao_standard is missing")
    return parameters, local


def _read_document(folder: Any, restored: RestoredDocument) -> dict[str, Any]:
    file = "document.toml"
    table = Table(read_toml(file, folder), file, "")
    document = {key: table.get(key, (str, int, dt.date)) for key in table.data}
    page = restored.metadata
    for key, page_key in (
        ("title_zh", "title"),
        ("document_number", "document_number"),
        ("index_number", "index_number"),
        ("issuer_zh", "issuer"),
    ):
        if document.get(key) != page.get(page_key):
            raise DataError(
                f"{file}: {key} {document.get(key)!r} differs from the page's {page.get(page_key)!r}"
            )
    if str(document.get("published")) != page.get("publication_date"):
        raise DataError(f"{file}: published differs from the page's {page.get('publication_date')!r}")
    return document


def load_policy(folder: Any = None) -> Policy:
    """Read and check every data file. `folder` defaults to assessor/data."""
    restored = canonical_document()
    blocks = _read_blocks(folder, restored)
    clauses = _clauses(blocks)
    departments = _read_departments(folder)
    structure = _read_structure(folder, _Context("measures.toml", clauses, departments))
    parameters, dibao_local = _read_parameters(folder)
    return Policy(
        document=_read_document(folder, restored),
        blocks=blocks,
        clauses=clauses,
        departments=departments,
        goal=structure.goal,
        key_tasks=structure.key_tasks,
        work_items=structure.work_items,
        measures=structure.measures,
        safeguards=structure.safeguards,
        terms=_read_terms(folder),
        parameters=parameters,
        dibao_local=dibao_local,
    )


@cache
def policy() -> Policy:
    """The shipped policy data, read once."""
    return load_policy()
