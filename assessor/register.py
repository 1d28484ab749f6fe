"""The register page's boundary: a union's register screened in steps, in the browser.

Like `assessor.api.handle`, one function takes a JSON string and returns one, and
never raises; the page's worker calls it again and again:

    {"action": "open", "path": "...", "work": "...", "as_of": "YYYY-MM-DD"?, "labels": {...}?}
    {"action": "step", "ms": 100}      screen rows for about that long, then report
    {"action": "export", "format": "csv" | "xlsx", "ms": 200?}   the results file under `work`
                                       (.xlsx in steps when ms is given: repeat until finished)
    {"action": "close"}                forget the register and delete what was written

The rows go through `batch.screened_records`, the CLI's own code path, so a file
gives the same results here as with `python -m assessor batch`. Nothing is held
whole: the register is read as it is screened (a CSV line by line, an .xlsx with
openpyxl's read-only parser), each result row is written at once to one CSV file
under `work`, and only counts and the first MAX_ERRORS errors stay in memory. An
.xlsx download is made from that CSV when asked for, with openpyxl's write-only
mode. Steps of about 100 ms keep the worker free to hear "stop" between them.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from .api import dumps, parse_date
from .batch import Header, Record, UnusableRegister, csv_rows, neutralised, read_register, screened_records
from .policy import policy
from .xlsx import Workbook, XlsxWriter, is_xlsx

# Result columns after the register's own: (id, default label). The page passes labels in its language.
RESULT_COLUMNS = ("in_scope", "measures", "lead_departments", "support", "dibao_standing", "error")
MAX_ERRORS = 1000  # listed on the page; the downloads have every one
RESULTS = "results.csv"
CHECK_CLOCK_EVERY = 32  # rows between looks at the clock

_session: Session | None = None


class Session:
    """One register being screened."""

    def __init__(self, path: str, work: str, as_of: dt.date, labels: dict[str, str]):
        self.work = Path(work)
        self.work.mkdir(parents=True, exist_ok=True)
        self.labels = labels
        self.book = self.file = None
        with open(path, "rb") as head:
            xlsx = is_xlsx(head.read(4))
        if xlsx:
            self.book = Workbook(path)
            self.total = self.book.row_count()
            rows = self.book.rows()
        else:
            self.total = _line_count(path)
            self.file = open(path, "rb")  # noqa: SIM115 (open across steps; closed by close())
            rows = csv_rows(read_register(self.file))
        self.kind = "xlsx" if xlsx else "csv"
        self.records = screened_records(rows, as_of)
        # utf-8-sig: Excel and WPS open a CSV as UTF-8 only when it starts with a BOM.
        self.out = open(self.work / RESULTS, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
        self.writer = csv.writer(self.out, lineterminator="\r\n")
        self.width = 0
        self.done = 0  # the spreadsheet row reached
        self.rows = self.bad = self.in_scope = 0
        self.measures: Counter[str] = Counter()
        self.leads: Counter[str] = Counter()
        self.standing: Counter[str] = Counter()
        self.errors: list[dict[str, Any]] = []
        self.finished = False
        self.written = 0  # rows in the results file, header rows included
        self.exporting: tuple | None = None  # an .xlsx being written, between steps

    def step(self, ms: float) -> dict[str, Any]:
        deadline = time.monotonic() + ms / 1000
        for count, record in enumerate(self.records, start=1):
            if isinstance(record, Header):
                self._header(record)
            else:
                self._record(record)
            if count % CHECK_CLOCK_EVERY == 0 and time.monotonic() >= deadline:
                break
        else:
            self.finished = True
            self.out.flush()
            self._close_input()
        answer = {"ok": True, "kind": self.kind, "done": self.done, "total": self.total, "rows": self.rows}
        answer["finished"] = self.finished
        if self.finished:
            answer["summary"] = self.summary()
        return answer

    def _header(self, header: Header) -> None:
        self.width = header.width
        self.done = len(header.rows)
        labels = [self.labels.get(name, name) for name in RESULT_COLUMNS]
        first = [*_fit(header.rows[0], self.width), *labels]
        self.writer.writerow([neutralised(cell) for cell in first])
        self.written = len(header.rows)
        for ids in header.rows[1:]:
            self.writer.writerow([neutralised(cell) for cell in (*_fit(ids, self.width), *RESULT_COLUMNS)])

    def _record(self, record: Record) -> None:
        self.done = record.number
        self.rows += 1
        outcome = record.outcome
        if outcome is None:
            self.bad += 1
            if len(self.errors) < MAX_ERRORS:
                text = record.error_text or {"zh": record.error, "en": record.error}
                self.errors.append({"row": record.number, "household_id": record.household_id, **text})
            results = ["", "", "", "", "", record.error]
        else:
            self.in_scope += outcome.in_scope
            self.measures.update(outcome.measures)
            self.leads.update(outcome.leads)
            if outcome.standing:
                self.standing[outcome.standing] += 1
            results = [
                "true" if outcome.in_scope else "false",
                ";".join(outcome.measures),
                ";".join(outcome.leads),
                ";".join(outcome.support),
                outcome.standing,
                "",
            ]
        self.writer.writerow([neutralised(cell) for cell in (*_fit(record.cells, self.width), *results)])
        self.written += 1

    def summary(self) -> dict[str, Any]:
        data = policy()
        measures = [
            {"number": m.number, "zh": m.title_zh, "en": m.title_en, "count": self.measures[str(m.number)]}
            for m in data.measures
        ]
        departments = [
            {"id": d.id, "zh": d.zh, "en": d.en, "count": count}
            for d in data.departments.values()
            if (count := self.leads[d.id])
        ]
        departments.sort(key=lambda d: -d["count"])
        return {
            "rows": self.rows,
            "errors_count": self.bad,
            "in_scope": self.in_scope,
            "out_of_scope": self.rows - self.bad - self.in_scope,
            "measures": measures,
            "departments": departments,
            "standing": dict(self.standing),
            "errors": self.errors,
        }

    def export(self, kind: str, ms: float | None) -> dict[str, Any]:
        """The results file: the CSV at once; an .xlsx written in steps of about `ms` (None:
        at once), so that a worker making one for 50,000 rows still answers between steps."""
        self.out.flush()
        if kind == "csv":
            return {"ok": True, "finished": True, "path": str(self.work / RESULTS)}
        if self.exporting is None:
            writer = XlsxWriter(self.work / "results.xlsx", self.labels.get("sheet", "results")[:31])
            source = open(self.work / RESULTS, encoding="utf-8-sig", newline="")  # noqa: SIM115
            self.exporting = (source, csv.reader(source), writer, [0])
        source, reader, writer, written = self.exporting
        deadline = None if ms is None else time.monotonic() + ms / 1000
        for row in reader:
            writer.append(row)
            written[0] += 1
            if deadline and written[0] % CHECK_CLOCK_EVERY == 0 and time.monotonic() >= deadline:
                return {"ok": True, "finished": False, "done": written[0], "total": self.written}
        writer.close()
        source.close()
        self.exporting = None
        return {"ok": True, "finished": True, "path": str(writer.path)}

    def _close_input(self) -> None:
        if self.book is not None:
            self.book.close()
        if self.file is not None:
            self.file.close()
        self.book = self.file = None

    def close(self) -> None:
        self._close_input()
        if self.exporting is not None:
            self.exporting[0].close()
            self.exporting = None
        self.out.close()
        for name in (RESULTS, "results.xlsx"):
            (self.work / name).unlink(missing_ok=True)


def _fit(cells: list[str], width: int) -> list[str]:
    """The register's own cells under its header (a row's extra cells are its error)."""
    return [*cells[:width], *[""] * (width - len(cells))]


def _line_count(path: str) -> int:
    """Lines in the file (the progress bar's total), counted in 1 MB pieces."""
    lines, last = 0, b"\n"
    with open(path, "rb") as file:
        while piece := file.read(1 << 20):
            lines += piece.count(b"\n")
            last = piece[-1:]
    return lines + (last != b"\n")


def _problem(zh: str, en: str) -> dict[str, Any]:
    return {"ok": False, "error": {"zh": zh, "en": en}}


def _handle(request: dict[str, Any]) -> dict[str, Any]:
    global _session
    action = request.get("action")
    if action == "open":
        if _session is not None:
            _session.close()
            _session = None
        as_of = parse_date(request["as_of"]) if request.get("as_of") else dt.date.today()
        if as_of is None:
            return _problem("日期无效", "Bad date")
        _session = Session(request["path"], request["work"], as_of, request.get("labels") or {})
        return {"ok": True, "kind": _session.kind, "total": _session.total}
    if action == "close":
        if _session is not None:
            _session.close()
        _session = None
        return {"ok": True}
    if _session is None:
        return _problem("没有打开的登记表", "No register is open")
    if action == "step":
        return _session.step(float(request.get("ms", 100)))
    if action == "export":
        ms = request.get("ms")
        return _session.export(
            "xlsx" if request.get("format") == "xlsx" else "csv", None if ms is None else float(ms)
        )
    return _problem("未知的操作", "Unknown action")


def handle(request_json: str) -> str:
    """One JSON request in, one JSON answer out; never raises. A register that cannot be
    screened row for row answers {"ok": false, "error": {"zh", "en"}} and is closed."""
    global _session
    request: Any = None
    try:
        request = json.loads(request_json)
        return dumps(_handle(request))
    except UnusableRegister as problem:
        answer = _problem(problem.zh, problem.en)
    except Exception as problem:  # the page shows it; the worker stays usable
        name = type(problem).__name__
        answer = _problem(f"出错了：{name}", f"Something went wrong: {name}")
    # A failed export leaves the results as they are (the CSV can still be had); a register
    # that cannot be screened is closed.
    if _session is not None and not (isinstance(request, dict) and request.get("action") == "export"):
        _session.close()
        _session = None
    return dumps(answer)
