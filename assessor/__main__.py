"""The assessor's command line.

    python -m assessor questions               the question schema, as JSON
    python -m assessor assess [--as-of DATE]   answers (JSON object) on stdin → result JSON
    python -m assessor batch REGISTER.csv      screen a household register → CSV on stdout
                                               (.xlsx too, with the extra: pip install '.[xlsx]')

Exit codes: 0 done; 1 (batch) some rows had errors, the others were screened;
2 unusable input (bad JSON or answers, a missing file, an unknown column, a
register that cannot be screened row for row). A reader that closes the pipe
early (`| head`) ends the program quietly, as it would any Unix tool.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile

from .api import MAX_REQUEST_BYTES, dumps, failure, load_request, parse_date
from .batch import UnusableRegister, cli_rows, csv_rows, read_register, write_rows
from .questions import schema
from .result import assess
from .validation import InvalidAnswers
from .xlsx import is_xlsx, xlsx_rows

# The status a shell reports for a program stopped by SIGPIPE (128 + 13).
BROKEN_PIPE = 141
# Screened rows are held here until the whole register has been read: a register refused
# at line 5,000 must not leave 4,998 rows on stdout that look like a complete result.
SPOOL_IN_MEMORY = 8 * 1024 * 1024


def _date(text: str) -> dt.date:
    date = parse_date(text)
    if date is None:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text[:40]!r}")
    return date


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m assessor", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("questions", help="print the question schema as JSON")
    assess_parser = commands.add_parser("assess", help="read answers (JSON) on stdin, print the result")
    assess_parser.add_argument(
        "--as-of", type=_date, default=None, help="assess as on this date (default today)"
    )
    batch = commands.add_parser("batch", help="screen a household register (CSV or .xlsx) to CSV on stdout")
    batch.add_argument(
        "register", help="CSV or .xlsx file: a header row of question ids or labels, one household a row"
    )
    batch.add_argument("--as-of", type=_date, default=None, help="screen as on this date (default today)")
    return parser


def _print(text: str) -> None:
    # Always UTF-8, whatever the locale: the JSON holds Chinese text.
    sys.stdout.buffer.write(text.encode("utf-8") + b"\n")
    sys.stdout.flush()


def _assess(as_of: dt.date | None) -> int:
    # One byte over the limit is enough to refuse: a 48 MB request is never read whole.
    answers, errors = load_request(sys.stdin.buffer.read(MAX_REQUEST_BYTES + 1))
    if errors:
        _print(dumps(failure(errors)))
        return 2
    try:
        _print(dumps(assess(answers, as_of)))
    except InvalidAnswers as invalid:
        _print(dumps(failure(invalid.errors)))
        return 2
    return 0


def _batch(path: str, as_of: dt.date | None) -> int:
    try:
        with (
            open(path, "rb") as file,
            tempfile.SpooledTemporaryFile(SPOOL_IN_MEMORY, mode="w+", encoding="utf-8", newline="") as out,
        ):
            # An .xlsx needs openpyxl, imported only now; anything else is read as CSV.
            xlsx = is_xlsx(file.peek(4)[:4])
            numbered = xlsx_rows(file) if xlsx else csv_rows(read_register(file))
            rows, bad = write_rows(cli_rows(numbered, as_of or dt.date.today()), out)
            out.seek(0)
            shutil.copyfileobj(out, sys.stdout)
            sys.stdout.flush()
    except UnusableRegister as problem:
        sys.stderr.write(f"unusable register {path}: {problem}\n")
        return 2
    except BrokenPipeError:
        raise
    except OSError as problem:
        sys.stderr.write(f"cannot read the register: {problem.strerror or problem}: {path}\n")
        return 2
    if bad:
        sys.stderr.write(f"{bad} of {rows} rows had errors; the others were screened\n")
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    try:
        if arguments.command == "questions":
            _print(dumps(schema()))
            return 0
        if arguments.command == "assess":
            return _assess(arguments.as_of)
        return _batch(arguments.register, arguments.as_of)
    except BrokenPipeError:
        # The reader went away: nothing more to say. Point stdout at /dev/null so that
        # Python's own flush at exit does not complain a second time.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return BROKEN_PIPE


if __name__ == "__main__":
    sys.exit(main())
