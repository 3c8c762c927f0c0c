"""Workspace-store benchmark (issue 17, item 3): what keeping workspaces in PostgreSQL adds to a
focus-board move and to a survey import, against the same work on a plain local file in the same run.

A *move* is ``core.strategy.scenarios.set_choice`` (what a drag on the board writes: the choice,
its undo entry, the revision); with the store it also pushes the changed tables (decisions,
scenario_history, settings), synchronously. An *import* is ``core.intake.loading.load_file`` of a
canonical workbook into a fresh workspace; with the store it pushes every survey table.
Each is timed on a local workspace (the baseline) and on a stored one; the ratio stored / local
is what the store costs. A *refresh* (the revision check at the start of every script run, when
nothing changed elsewhere) is timed too.

PostgreSQL: ``--store-url`` (e.g. a hosted database, to see the network's share), else a
throw-away local cluster from Debian's postgresql package (tests/postgres_server.py), on loopback.

    python -m bench.store_bench [--runs 30] [--respondents 2000] [--outcomes 120] [--store-url URL]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench.workbooks import canonical_workbook


def _median_ms(function, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _import_ms(path: Path, store, runs: int) -> float:
    from core.intake.loading import load_file
    from core.workspace.database import create_workspace
    from core.workspace.store_sync import attach

    content = path.read_bytes()
    samples = []
    for _ in range(runs):
        workspace = create_workspace()
        if store is not None:
            attach(workspace, store)
        start = time.perf_counter()
        result = load_file(workspace, content, path.name)
        samples.append((time.perf_counter() - start) * 1000)
        assert result.ok, result.report.to_text()
        workspace.close()
    return statistics.median(samples)


def _move_ms(path: Path, store, runs: int) -> tuple[float, float]:
    """Median ms of a card move, and of a refresh with nothing new (0 without a store)."""
    from core.intake.loading import load_file
    from core.strategy import scenarios
    from core.strategy.focus import DIFFERENTIATE, UNASSIGNED
    from core.workspace.database import create_workspace
    from core.workspace.store_sync import attach, refresh

    workspace = create_workspace()
    assert load_file(workspace, path.read_bytes(), path.name).ok
    if store is not None:
        attach(workspace, store)
    plan = scenarios.active_scenario(workspace)
    choices = iter([DIFFERENTIATE, UNASSIGNED] * runs * 2)
    scenarios.set_choice(workspace, plan, 1, next(choices))  # warm
    move = _median_ms(lambda: scenarios.set_choice(workspace, plan, 1, next(choices)), runs)
    check = _median_ms(lambda: refresh(workspace), runs) if store is not None else 0.0
    workspace.close()
    return move, check


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--imports", type=int, default=3)
    parser.add_argument("--respondents", type=int, default=2000)
    parser.add_argument("--outcomes", type=int, default=120)
    parser.add_argument("--store-url")
    args = parser.parse_args()

    from core.workspace.store import store_from_url

    os.environ["JTBD_DATA_DIR"] = tempfile.mkdtemp(prefix="store-bench-")
    server = None
    url = args.store_url
    if url is None:
        from tests.postgres_server import PostgresServer, postgres_bindir

        bindir = postgres_bindir()
        if bindir is None:
            raise SystemExit("No PostgreSQL here: install Debian's postgresql package or pass --store-url.")
        server = PostgresServer(bindir).start()
        url = server.create_database()
    store = store_from_url(url)
    try:
        path = canonical_workbook(args.respondents, args.outcomes)
        print(f"survey: {args.respondents} respondents × {args.outcomes} outcomes; store: {store.describe()}")
        local_move, _ = _move_ms(path, None, args.runs)
        stored_move, check = _move_ms(path, store, args.runs)
        ratio = stored_move / local_move
        print(f"card move      local {local_move:7.1f} ms   stored {stored_move:7.1f} ms   ratio {ratio:5.2f}")
        print(f"run refresh    nothing newer: {check:.2f} ms (one revision query)")
        local_import = _import_ms(path, None, args.imports)
        stored_import = _import_ms(path, store, args.imports)
        print(
            f"survey import  local {local_import:7.0f} ms   stored {stored_import:7.0f} ms   "
            f"ratio {stored_import / local_import:5.2f}"
        )
    finally:
        store.close()
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
