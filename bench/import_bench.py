"""Import benchmark: `python -m core score` vs a bare calamine read of the same workbook.

Generates a 5,000-respondent × 150-outcome canonical workbook and a Qualtrics export of the
same size (choice text, three header rows, previews and unfinished responses to filter; made
by tests/platform_exports), both cached in bench/out/, then in the same run times, each as a
fresh Python process (median of --repeats):

  baseline  python -c "pandas.read_excel(path, sheet_name=None, engine='calamine')"
  score     python -m core score path --format csv

and prints the ratio score / baseline and each process's peak memory.
Goal (issues #2 and #4): ratio ≤ 1.5 and peak memory < 1 GiB, for both files.

    python -m bench.import_bench [--respondents 5000] [--outcomes 150] [--repeats 3] [--case all|canonical|qualtrics]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.harness import OUT, median_run
from bench.workbooks import canonical_workbook

GOAL_RATIO = 1.5
GOAL_MIB = 1024


def compare(path: Path, repeats: int, label: str) -> float:
    baseline = median_run(
        ["-c", f"import pandas as pd; pd.read_excel({str(path)!r}, sheet_name=None, engine='calamine')"], repeats
    )
    score = median_run(["-m", "core", "score", str(path), "--format", "csv"], repeats)
    ratio = score.seconds / baseline.seconds
    print(f"{label}: {path.name} ({path.stat().st_size / 2**20:.1f} MiB)")
    print(f"  baseline  pandas.read_excel(calamine)  {baseline.seconds:6.2f} s   peak {baseline.peak_mib:6.0f} MiB")
    print(f"  score     python -m core score         {score.seconds:6.2f} s   peak {score.peak_mib:6.0f} MiB")
    verdict = "OK" if ratio <= GOAL_RATIO and score.peak_mib < GOAL_MIB else "MISSED"
    print(f"  ratio     {ratio:.2f}× (goal ≤ {GOAL_RATIO}×, < {GOAL_MIB} MiB): {verdict}")
    return ratio


def qualtrics_export(respondents: int, outcomes: int, *, steps: int = 10, seed: int = 7) -> Path:
    """``bench/out/qualtrics_<respondents>x<outcomes>.xlsx``: choice text, 1 % previews, 1 % unfinished."""
    from tests.platform_exports.model import make_survey
    from tests.platform_exports.qualtrics import qualtrics

    path = OUT / f"qualtrics_{respondents}x{outcomes}.xlsx"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        print(f"generating {path.name} …", flush=True)
        extra = max(1, respondents // 100)
        survey = make_survey(
            seed,
            respondents=respondents - 2 * extra,
            steps=steps,
            per_step=-(-outcomes // steps),
            statuses={"preview": extra, "partial": extra},
        )
        survey.outcomes = survey.outcomes[:outcomes]
        path.write_bytes(qualtrics(survey, fmt="xlsx", seed=seed).data)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=5000)
    parser.add_argument("--outcomes", type=int, default=150)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--case", choices=("all", "canonical", "qualtrics"), default="all")
    args = parser.parse_args()
    if args.case in ("all", "canonical"):
        compare(canonical_workbook(args.respondents, args.outcomes), args.repeats, "canonical workbook")
    if args.case in ("all", "qualtrics"):
        compare(qualtrics_export(args.respondents, args.outcomes), args.repeats, "Qualtrics export")


if __name__ == "__main__":
    main()
