"""Storing a checked survey off the script thread (issue 12.4): what other sessions feel, and
whether handing the check child's tables over as Parquet would help.

For a survey of --respondents × --outcomes (a CSV from the sample generator, read once), in this
process:

  store           core.intake.store_job.store_cancellable from the DataFrames the check child
                  pickles back (what the app does), median of --repeats
  via Parquet     the alternative: write the tables to a Parquet file (in the child, so its cost
                  is on the child's side), then insert with DuckDB's read_parquet
  handover        pickling / unpickling the checked import (what crossing the pipe costs)
  other session   a fixed piece of Python work (a stand-in for another session's rerun, which
                  needs the GIL) repeated on this thread while the store runs on a worker
                  thread: its median time, as a ratio to the same work on an idle process

    python -m bench.store_off_thread_bench [--respondents 20000] [--outcomes 150] [--repeats 3]
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import tempfile
import threading
import time
from pathlib import Path

from bench.harness import timed


def python_work() -> float:
    """Seconds for a fixed amount of pure-Python work (dict and string churn, like a rerun's)."""
    start = time.perf_counter()
    total = 0
    for i in range(40_000):
        total += len({f"k{i % 97}": i, "v": str(i)})
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--respondents", type=int, default=20_000)
    parser.add_argument("--outcomes", type=int, default=150)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    import os

    import pyarrow as pa
    import pyarrow.parquet as pq

    from core.intake.importers import import_survey
    from core.intake.store_job import store_cancellable
    from core.workspace.database import create_workspace
    from sample_surveys.generate import build_survey, synthetic_spec

    folder = Path(tempfile.mkdtemp(prefix="store-bench-"))
    os.environ["JTBD_DATA_DIR"] = str(folder / "workspaces")
    frames = build_survey(synthetic_spec(n_steps=12, n_outcomes=args.outcomes, seed=3), args.respondents, seed=3)
    csv = folder / "survey.csv"
    frames.responses.to_csv(csv, index=False)
    result = import_survey(csv)
    survey, content = result.survey, csv.read_bytes()
    ratings = len(survey.ratings)
    print(f"survey: {args.respondents:,} respondents × {args.outcomes} outcomes = {ratings:,} ratings")

    def store() -> None:
        workspace = create_workspace()
        store_cancellable(workspace, survey, content, cancelled=lambda: False)
        workspace.close()

    parquet = folder / "ratings.parquet"

    def write_parquet() -> None:
        pq.write_table(pa.Table.from_pandas(survey.ratings, preserve_index=False), parquet)

    def insert_parquet() -> None:
        workspace = create_workspace()
        with workspace.transaction() as cur:
            cur.execute(
                "INSERT INTO ratings SELECT respondent_id, outcome_id, importance, satisfaction "
                "FROM read_parquet($path)",
                {"path": str(parquet)},
            )
        workspace.close()

    def insert_frame() -> None:
        workspace = create_workspace()
        with workspace.transaction() as cur:
            cur.register("incoming", pa.Table.from_pandas(survey.ratings, preserve_index=False))
            cur.execute("INSERT INTO ratings SELECT respondent_id, outcome_id, importance, satisfaction FROM incoming")
        workspace.close()

    whole = timed(store, args.repeats)
    frame_insert = timed(insert_frame, args.repeats)
    write = timed(write_parquet, args.repeats)
    from_parquet = timed(insert_parquet, args.repeats)
    dumped = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    dump = timed(lambda: pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), args.repeats)
    load = timed(lambda: pickle.loads(dumped), args.repeats)
    print(f"store (whole survey, from the DataFrames)   {whole:6.2f} s")
    print(f"ratings insert from the DataFrame           {frame_insert:6.2f} s  (baseline)")
    print(
        f"ratings insert from Parquet                 {from_parquet:6.2f} s  ({from_parquet / frame_insert:.2f}×), "
        f"plus {write:.2f} s to write the file in the child"
    )
    print(
        f"handover through the pipe: pickle {dump:.2f} s (child), unpickle {load:.3f} s (server), "
        f"{len(dumped) / 2**20:,.0f} MiB"
    )

    idle = statistics.median(python_work() for _ in range(20))
    busy: list[float] = []
    worker = threading.Thread(target=store)
    worker.start()
    while worker.is_alive():
        busy.append(python_work())
    worker.join()
    during = statistics.median(busy)
    print(
        f"other session's Python work: idle {idle * 1000:.1f} ms, during the store {during * 1000:.1f} ms "
        f"({during / idle:.2f}×, {len(busy)} samples, {os.cpu_count()} cores)"
    )


if __name__ == "__main__":
    main()
