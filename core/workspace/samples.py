"""The bundled sample as a shared, read-only workspace that becomes a real one on the first change.

Decision (issue 9.6): a first visit no longer creates a workspace file. The sample survey is
imported once into ``<data dir>/.samples/<key>.duckdb`` (``key`` = a digest of the sample file and
of the code that imports it, so a new release rebuilds it) and every first visit opens that file
read-only through :func:`open_sample`. The handle is *copy on write*
(:class:`core.workspace.database.Workspace`): the first write of any kind copies the sample file
to a fresh ``<token>.duckdb`` and the write lands there. Workspaces therefore exist only for
people who changed something, and all first visits share one database (and every cache keyed
by its :data:`SAMPLE_PREFIX` token).

The build writes to a temporary file and renames it into place, so no process ever sees a
half-built file, and one build runs at a time: a second builder waits for the first
(:mod:`core.workspace.sample_builds`, which also starts the server's build in a child process).
Read-only connections from several processes may share the finished file.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from core.intake.loading import load_sample
from core.strategy.communication import ensure_touchpoints
from core.strategy.scenarios import active_scenario
from core.workspace.database import (
    Workspace,
    connect_file,
    initialise,
    new_token,
    open_workspace,
    workspace_path,
)
from core.workspace.sample_builds import HANDED_OVER, build_lock, built_path, sample_key

SAMPLE_PREFIX = "sample-"  # + 24 hex digits: the token of a sample handle; no workspace file has that name


def sample_token(sample: Path) -> str:
    """The token a sample handle carries until its first write (``sample-<key>``)."""
    return SAMPLE_PREFIX + sample_key(sample)


def is_sample_token(token: str | None) -> bool:
    return bool(token) and token.startswith(SAMPLE_PREFIX)


def build_sample(sample: Path, *, locked: bool = False) -> Path:
    """The sample's workspace file, imported on first use and reused afterwards (by any process).
    A build under way elsewhere is waited for (core.workspace.sample_builds.build_lock); ``locked``:
    this process holds the lock already (the child of ``start_in_child``)."""
    target = built_path(sample)
    if target.exists():
        return target
    if locked:
        return _build(sample, target)
    with build_lock(target):
        if target.exists():  # the builder it waited for has built it
            return target
        return _build(sample, target)


def _build(sample: Path, target: Path) -> Path:
    part = target.with_name(f"{target.stem}.{os.getpid()}.{new_token()}.part")
    connection = connect_file(part)
    initialise(connection)
    workspace = Workspace(connection, None, part)
    try:
        load_sample(workspace, sample)
        active_scenario(workspace)  # the Focus matrix's "Scenario 1", so visiting it is not a change
        ensure_touchpoints(workspace)  # the Communication page's default touchpoints, likewise
        workspace.cursor().execute("CHECKPOINT")
    finally:
        workspace.close()
    os.replace(part, target)
    return target


def materialise(built: Path) -> Workspace:
    """A new workspace holding a copy of the built sample file ``built``, under a fresh token."""
    token = new_token()
    path = workspace_path(token)
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f"{token}.part")
    shutil.copyfile(built, part)
    os.replace(part, path)
    return open_workspace(token)


def open_sample(
    sample: Path,
    on_first_write: Callable[[Path], Workspace] = materialise,
    shared: Workspace | None = None,
) -> Workspace:
    """A copy-on-write handle on the built ``sample``: reads come from the shared sample file, the
    first write calls ``on_first_write(built_file)`` and continues in the workspace it returns.

    ``shared``: a read-only handle on the built file to reuse (the app keeps one per process);
    the new handle borrows its connection and never closes it.
    """
    owns = shared is None
    shared = shared or open_built_sample(sample)
    built = shared.path
    assert built is not None  # a built sample is a file (open_built_sample), never in memory
    return Workspace(
        shared._connection,
        shared.token,
        built,
        read_only=True,
        on_first_write=lambda: on_first_write(built),
        owns_connection=owns,
    )


def open_built_sample(sample: Path) -> Workspace:
    """A plain read-only handle on the built ``sample``: refuses writes; shared by copy-on-write handles."""
    built = build_sample(sample)
    return Workspace(connect_file(built, read_only=True), sample_token(sample), built, read_only=True)


def main(argv: list[str] | None = None) -> int:
    """``python -m core.workspace.samples --locked-fd N SAMPLE``: build ``SAMPLE`` under the build
    lock the parent handed over as descriptor ``N`` (core.workspace.sample_builds.start_in_child);
    the lock ends when this process does."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 3 or args[0] != HANDED_OVER:
        print(f"usage: python -m core.workspace.samples {HANDED_OVER} N SAMPLE", file=sys.stderr)
        return 2
    build_sample(Path(args[2]), locked=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
