"""Upload-check benchmark (issues 9.1 and 10.6): the app's check of an upload, before and after.

For the 5,000-respondent × 150-outcome canonical workbook and the Qualtrics export of the same
size (bench/out/, made by bench/import_bench.py's generators), in this process, median of
--repeats:

  before    detect_mapping + import_survey: the file read twice, in the server process
  one read  core.intake.upload_check.check_in_process: read once, no child
  app       core.intake.upload_check.check_upload: read once, in a child with memory and time limits

and prints each ratio to ``before`` (goal: app ≤ 1.0×, the isolation's cost smaller than the
second read it saves). A long table (the long-table benchmark's CSV of the same size) is read by
columns by both; its figures are followed by the app's check as it was before 1 Dec 2026 (every
line a row of Python cells). Then the worst cases: each hostile file through check_upload, its time
and the peak memory of this process and of the reading child.

    python -m bench.upload_check_bench [--respondents 5000] [--outcomes 150] [--repeats 3]
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from bench.harness import OUT, timed
from bench.import_bench import qualtrics_export
from bench.workbooks import canonical_workbook

GOAL_RATIO = 1.0


def nothing_saved(proposal):
    return None, None


def compare(path: Path, repeats: int, label: str, goal: float | None = GOAL_RATIO) -> None:
    from core.intake.importers import import_survey
    from core.intake.importers.pipeline import detect_mapping
    from core.intake.upload_check import check_in_process, check_upload

    content, name = path.read_bytes(), path.name

    def before() -> None:
        detect_mapping(content, name)
        import_survey(content, name)

    check_upload(content, name, nothing_saved)  # a first child: the forkserver or page cache warm
    old = timed(before, repeats)
    once = timed(lambda: check_in_process(content, name, nothing_saved), repeats)
    app = timed(lambda: check_upload(content, name, nothing_saved), repeats)
    found = check_upload(content, name, nothing_saved)
    print(f"{label}: {name} ({len(content) / 2**20:.1f} MiB)")
    print(f"  before    detect_mapping + import_survey   {old:6.2f} s")
    print(f"  one read  check_in_process                 {once:6.2f} s   {once / old:.2f}×")
    print(f"  app       check_upload (bounded child)     {app:6.2f} s   {app / old:.2f}×", end="")
    if goal is None:  # "before" read the file once too: the ratio is the isolation's cost alone
        print(" (no goal: the file was read once before too)")
    else:
        print(f" (goal ≤ {goal}×): {'OK' if app / old <= goal else 'MISSED'}")
    print(f"  isolation costs {app - once:+.2f} s; slowest step: {found.slowest()}")


def long_table(respondents: int) -> Path:
    """``bench/out/long_<respondents>x150.csv``: the long-table benchmark's CSV (cached)."""
    from bench.long_import_bench import generate

    path = OUT / f"long_{respondents}x150.csv"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        print(f"generating {path.name} …", flush=True)
        generate(path, respondents)
    return path


def row_reader(path: Path, repeats: int) -> None:
    """The app's check of a long table as it was before 1 Dec 2026: every line a row of Python
    cells (read_source), then the proposal and the import from those rows."""
    from core.intake.importers import import_source
    from core.intake.importers.options import ImportOptions
    from core.intake.importers.pipeline import propose_source
    from core.intake.importers.reading import read_source
    from core.intake.report import ValidationReport

    content, name = path.read_bytes(), path.name

    def rows() -> None:
        file = read_source(content, name)
        propose_source(file, ImportOptions())
        import_source(file, ImportOptions(), ValidationReport(file_name=name))

    print(f"  rows      the app's check before 1 Dec      {timed(rows, repeats):6.2f} s (each line a row of cells)")


def zip_bomb() -> Path:
    """The probe's zip bomb: 1 GiB of shared strings in about 1 MB (cached: 30 s to write)."""
    from tests.hostile_files import shared_strings_bomb

    path = OUT / "zip_bomb_1GiB.xlsx"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        print(f"generating {path.name} …", flush=True)
        path.write_bytes(shared_strings_bomb(1024, level=9))
    return path


def worst_cases() -> None:
    from core.intake.upload_check import check_upload
    from tests.hostile_files import dimension_bomb, unique_count_bomb

    print("worst cases through check_upload (the app's upload check):")
    cases = [
        ("dimension bomb (A1 + XFD1048576)", dimension_bomb("truth")),
        ("dimension bomb, dimension undeclared", dimension_bomb("none")),
        ("dimension bomb, dimension lying (A1:B2)", dimension_bomb("lie")),
        ("zip bomb, 1 GiB of shared strings", zip_bomb().read_bytes()),
        ("shared strings declaring 10^9 texts", unique_count_bomb()),
    ]
    for label, data in cases:
        start = time.perf_counter()
        found = check_upload(data, "bomb.xlsx", nothing_saved)
        seconds = time.perf_counter() - start
        error = found.result.report.errors[0].text if found.result and found.result.report.errors else "ACCEPTED?"
        child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        mine = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  {label:42s} {seconds:6.2f} s  peak: this process {mine:5.0f} MiB, children {child:5.0f} MiB")
        print(f"      → {error[:150]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=5000)
    parser.add_argument("--outcomes", type=int, default=150)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    compare(canonical_workbook(args.respondents, args.outcomes), args.repeats, "canonical workbook")
    compare(qualtrics_export(args.respondents, args.outcomes), args.repeats, "Qualtrics export")
    compare(long := long_table(args.respondents), args.repeats, "long table (read by columns)", goal=None)
    row_reader(long, args.repeats)
    worst_cases()


if __name__ == "__main__":
    main()
