"""The assessor's command line.

    python -m assessor questions               the question schema, as JSON
    python -m assessor assess [--as-of DATE]   answers (JSON object) on stdin → result JSON
    python -m assessor batch REGISTER.csv      screen a household register → CSV on stdout

Exit codes: 0 done; 1 (batch) some rows had errors, the others were screened;
2 unusable input (bad JSON or answers, a missing file, an unknown column).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import sys

from .api import dumps, failure
from .batch import UnusableRegister, decode, screen_register
from .questions import schema
from .result import assess
from .validation import InvalidAnswers, error


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m assessor", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("questions", help="print the question schema as JSON")
    assess_parser = commands.add_parser("assess", help="read answers (JSON) on stdin, print the result")
    assess_parser.add_argument(
        "--as-of", type=_date, default=None, help="assess as on this date (default today)"
    )
    batch = commands.add_parser("batch", help="screen a household register (CSV) to CSV on stdout")
    batch.add_argument("register", help="CSV file: a header row of question ids, one household a row")
    batch.add_argument("--as-of", type=_date, default=None, help="screen as on this date (default today)")
    return parser


def _print(text: str) -> None:
    sys.stdout.write(text + "\n")


def _assess(as_of: dt.date | None) -> int:
    try:
        answers = json.loads(sys.stdin.read())
    except (ValueError, RecursionError) as problem:
        _print(dumps(failure([error("malformed_json", None, detail=str(problem)[:80])])))
        return 2
    try:
        _print(dumps(assess(answers, as_of)))
    except InvalidAnswers as invalid:
        _print(dumps(failure(invalid.errors)))
        return 2
    return 0


def _batch(path: str, as_of: dt.date | None) -> int:
    try:
        with open(path, "rb") as file:
            text = decode(file.read())
        rows, bad = screen_register(io.StringIO(text, newline=""), sys.stdout, as_of or dt.date.today())
    except OSError as problem:
        sys.stderr.write(f"cannot read the register: {problem.strerror or problem}: {path}\n")
        return 2
    except UnusableRegister as problem:
        sys.stderr.write(f"unusable register {path}: {problem}\n")
        return 2
    if bad:
        sys.stderr.write(f"{bad} of {rows} rows had errors; the others were screened\n")
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    if arguments.command == "questions":
        _print(dumps(schema()))
        return 0
    if arguments.command == "assess":
        return _assess(arguments.as_of)
    return _batch(arguments.register, arguments.as_of)


if __name__ == "__main__":
    sys.exit(main())
