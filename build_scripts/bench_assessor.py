"""Benchmark: screen a generated register of 100,000 households and print households per second.

    python -m build_scripts.bench_assessor [--households N] [--profile]

The register is made in memory (seeded, so every run screens the same
households), written as CSV the way a union's spreadsheet export would be, and
screened end to end on one core: CSV parsing, validation, the rules and the
output row. The rate is per second of the process's CPU time, so other programs
on a busy machine do not lower it. Goal: at least 20,000 households per second on the project's
machines. A benchmark, not a test: the figure depends on the machine.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import datetime as dt
import io
import pstats
import random
import time

from assessor.batch import screen_register
from assessor.questions import questions

AS_OF = dt.date(2026, 1, 1)


def _answer(question, rng: random.Random) -> str:
    if question.id == "in_baotou_urban":
        return "是" if rng.random() < 0.95 else "否"
    if question.id == "is_worker":
        return "是" if rng.random() < 0.95 else "否"
    if question.id == "dibao_standard":
        return "" if rng.random() < 0.9 else str(rng.randint(700, 1000))
    kind = question.type
    if kind == "boolean":
        return rng.choice(("是", "否", "否"))
    if kind == "integer":
        high = min(question.max, 12 if question.id == "months_above_standard" else 6)
        return str(rng.randint(max(question.min, 1), high))
    if kind == "number":
        return str(rng.randint(0, 9000))
    if kind == "choice":
        return rng.choice(question.options).value
    chosen = [o.value for o in question.options if rng.random() < 0.2]
    return ";".join(chosen)


def make_register(households: int, seed: int = 2019) -> str:
    """A register of `households` rows; every question has a column, as an export would."""
    rng = random.Random(seed)
    columns = [q for q in questions().questions]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["household_id", *(q.id for q in columns)])
    for number in range(households):
        writer.writerow([f"H{number:06d}", *(_answer(q, rng) for q in columns)])
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--profile", action="store_true", help="print where the time goes")
    arguments = parser.parse_args()
    register = make_register(arguments.households)
    screen_register(io.StringIO(make_register(200)), io.StringIO(), AS_OF)  # load data files first
    out = io.StringIO()
    profiler = cProfile.Profile() if arguments.profile else None
    # CPU time of this process: on a shared machine, wall time also counts other programs' turns.
    start, wall = time.process_time(), time.perf_counter()
    if profiler:
        profiler.enable()
    rows, bad = screen_register(io.StringIO(register), out, AS_OF)
    if profiler:
        profiler.disable()
    seconds, wall = time.process_time() - start, time.perf_counter() - wall
    print(
        f"screened {rows:,} households ({bad:,} with errors) in {seconds:.2f} s of CPU time "
        f"on one core ({wall:.2f} s elapsed)"
    )
    print(f"{rows / seconds:,.0f} households per second (goal: 20,000)")
    if profiler:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
