"""Import benchmark: `python -m core score` vs a bare calamine read of the same workbook.

Generates a 5,000-respondent × 150-outcome canonical workbook (cached in bench/out/), then
in the same run times, each as a fresh Python process (median of --repeats):

  baseline  python -c "pandas.read_excel(path, sheet_name=None, engine='calamine')"
  score     python -m core score path --format csv

and prints the ratio score / baseline and each process's peak memory.
Goal (issue #2): ratio ≤ 1.5 and peak memory < 1 GiB.

    python bench/import_bench.py [--respondents 5000] [--outcomes 150] [--repeats 3]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import median_run
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=5000)
    parser.add_argument("--outcomes", type=int, default=150)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    compare(canonical_workbook(args.respondents, args.outcomes), args.repeats, "canonical workbook")


if __name__ == "__main__":
    main()
