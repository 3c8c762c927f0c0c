"""Long-table import at scale (issue 12): `score` on a long CSV against DuckDB alone, same run.

For each size (respondents × 150 outcomes), a long CSV (respondent_id, outcome_id, importance,
satisfaction) is generated into a temporary folder — vectorised, never committed — and timed:

- ``score``: ``python -m core score FILE --format csv``, end to end, in a child process;
- baseline: a child process that imports pandas and DuckDB and runs DuckDB's ``read_csv`` with
  the same GROUP BY (n, mean and top-two-box share per outcome) — start-up on both sides.

Printed per size: both wall times (medians of ``--repeats`` runs, alternated after one untimed run
of each), their ratio, the child's peak memory, the cost per rating (µs) with the marginal cost
between sizes, which should stay flat, and the lowest and highest ratio of one run to the baseline
run just before it. Goals (issue 12): ≤ 2× at
750,000 ratings, ≤ 3× and ≤ 2 GiB at 20 M ratings.

    python bench/long_import_bench.py                       # 100k, 750k, 2M, 5M, 10M ratings
    python bench/long_import_bench.py --ratings 750000 20000000
    python bench/long_import_bench.py --layout wide --ratings 750000 7500000 20000000

``--layout wide`` measures the same ratings as a responses table (one row per respondent,
``imp_``/``sat_`` columns), which is read by columns too since stop 30; its baseline is DuckDB's
``read_csv`` with the same statistics per rating column (``COLUMNS``), start-up on both sides.

Sizes are a parameter because an import size limit (respondents, rating pairs) may refuse the
largest files; raise the limit to measure past it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
OUTCOMES = 150
BASELINE = """
import sys, time
import duckdb, pandas
duckdb.sql('''
SELECT outcome_id, count(importance) AS n, avg(importance) AS mean_importance,
       avg(CASE WHEN importance >= 4 THEN 1 ELSE 0 END) FILTER (WHERE importance IS NOT NULL) AS t2b_importance,
       avg(CASE WHEN satisfaction >= 4 THEN 1 ELSE 0 END) FILTER (WHERE satisfaction IS NOT NULL) AS t2b_satisfaction
FROM read_csv(?) GROUP BY outcome_id ORDER BY outcome_id
''', params=[sys.argv[1]]).df()
"""


WIDE_BASELINE = """
import sys, time
import duckdb, pandas
duckdb.sql('''
SELECT count(COLUMNS('^imp_')), avg(COLUMNS('^imp_')),
       avg(CASE WHEN COLUMNS('^imp_') >= 4 THEN 1 ELSE 0 END) FILTER (WHERE COLUMNS('^imp_') IS NOT NULL),
       avg(CASE WHEN COLUMNS('^sat_') >= 4 THEN 1 ELSE 0 END) FILTER (WHERE COLUMNS('^sat_') IS NOT NULL)
FROM read_csv(?)
''', params=[sys.argv[1]]).df()
"""


def generate_wide(path: Path, respondents: int, outcomes: int = OUTCOMES, seed: int = 7) -> None:
    """A responses table of ``respondents × outcomes`` ratings (imp_/sat_ pairs), written in blocks."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    rng = np.random.default_rng(seed)
    names = ["respondent_id"] + [f"{m}_O{k:03d}" for k in range(1, outcomes + 1) for m in ("imp", "sat")]
    schema = pa.schema([(names[0], pa.string())] + [(n, pa.int8()) for n in names[1:]])
    block = max(1, 2_000_000 // outcomes)
    with pacsv.CSVWriter(str(path), schema, write_options=pacsv.WriteOptions(quoting_style="none")) as writer:
        for start in range(0, respondents, block):
            count = min(block, respondents - start)
            ids = np.char.add("R", np.char.zfill(np.arange(start + 1, start + count + 1).astype(str), 7))
            columns = [pa.array(ids)] + [pa.array(rng.integers(1, 6, count, dtype=np.int8)) for _ in names[1:]]
            writer.write_table(pa.table(columns, schema=schema))


def generate(path: Path, respondents: int, outcomes: int = OUTCOMES, seed: int = 7) -> None:
    """A long CSV of ``respondents × outcomes`` ratings, written in blocks of respondents (vectorised)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    rng = np.random.default_rng(seed)
    outcome_ids = pa.array([f"O{k:03d}" for k in range(1, outcomes + 1)])
    schema = pa.schema(
        [(n, pa.string()) for n in ("respondent_id", "outcome_id")]
        + [(n, pa.int8()) for n in ("importance", "satisfaction")]
    )
    block = max(1, 2_000_000 // outcomes)
    with pacsv.CSVWriter(str(path), schema, write_options=pacsv.WriteOptions(quoting_style="none")) as writer:
        for start in range(0, respondents, block):
            count = min(block, respondents - start)
            ids = np.char.add("R", np.char.zfill(np.arange(start + 1, start + count + 1).astype(str), 7))
            rows = count * outcomes
            writer.write_table(
                pa.table(
                    {
                        "respondent_id": pa.array(np.repeat(ids, outcomes)),
                        "outcome_id": outcome_ids.take(pa.array(np.tile(np.arange(outcomes), count))),
                        "importance": pa.array(rng.integers(1, 6, rows, dtype=np.int8)),
                        "satisfaction": pa.array(rng.integers(1, 6, rows, dtype=np.int8)),
                    },
                    schema=schema,
                )
            )


def run(args: list[str]) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MiB) and CPU seconds (user + system) of ``python args…`` from the repository root."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, *args], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark step failed: {' '.join(args)}\n{process.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def alternated(base_args: list[str], score_args: list[str], repeats: int) -> tuple[list, list]:
    """``repeats`` runs of each, alternated (baseline, score, baseline, …) after one untimed run of
    each: the first read of a file just written, and the memory the generator just gave back, slow
    whichever side runs first (a single run at 20 M ratings gave 2.1–3.4× on this machine)."""
    run(base_args), run(score_args)  # warm: page cache, the interpreter's files, the allocator
    base_runs, score_runs = [], []
    for _ in range(repeats):
        base_runs.append(run(base_args))
        score_runs.append(run(score_args))
    return base_runs, score_runs


def median(runs: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs), statistics.median(r[2] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ratings", type=int, nargs="+", default=[100_000, 750_000, 2_000_000, 5_000_000, 10_000_000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--layout", choices=("long", "wide"), default="long")
    options = parser.parse_args()
    write, baseline = (generate, BASELINE) if options.layout == "long" else (generate_wide, WIDE_BASELINE)
    one, five, _ = os.getloadavg()
    print(f"load {one:.1f} / {five:.1f} on {os.cpu_count()} cores; CPU = user + system seconds (steadier under load)")
    print(
        f"{'ratings':>11} {'resp.':>8} {'score s':>8} {'duckdb s':>9} {'ratio':>6} {'CPU ratio':>9} {'peak MiB':>9} "
        f"{'µs/rating':>10} {'marginal µs':>12} {'pair ratios':>14}"
    )
    previous = None
    with tempfile.TemporaryDirectory() as folder:
        for ratings in options.ratings:
            respondents = max(1, ratings // OUTCOMES)
            path = Path(folder) / f"{options.layout}_{respondents}.csv"
            write(path, respondents)
            base_runs, score_runs = alternated(
                ["-c", baseline, str(path)], ["-m", "core", "score", str(path), "--format", "csv"], options.repeats
            )
            (base, _, base_cpu), (score, peak, score_cpu) = median(base_runs), median(score_runs)
            n = respondents * OUTCOMES
            marginal = "" if previous is None else f"{(score - previous[1]) / (n - previous[0]) * 1e6:12.2f}"
            pairs = sorted(s[0] / b[0] for b, s in zip(base_runs, score_runs, strict=True))
            print(
                f"{n:>11,} {respondents:>8,} {score:8.2f} {base:9.2f} {score / base:6.2f} {score_cpu / base_cpu:9.2f} "
                f"{peak:9.0f} {score / n * 1e6:10.2f} {marginal:>12} {pairs[0]:6.2f}–{pairs[-1]:.2f}",
                flush=True,
            )
            previous = (n, score)
            path.unlink()


if __name__ == "__main__":
    main()
