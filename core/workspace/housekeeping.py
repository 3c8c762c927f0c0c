"""Deleting workspaces, on request or when untouched for too long (issue 17.6).

Decisions:

* :func:`delete_workspace` removes the workspace's files (``<id>.duckdb`` and DuckDB's ``.wal``)
  and every link to it (core.workspace.links.forget). Sessions that still hold a connection keep
  reading the unlinked file until their next run, which finds no workspace and says so.
* A hosted deployment may set ``JTBD_WORKSPACE_EXPIRY_DAYS``: :func:`sweep_expired` deletes the
  workspaces whose files were last written longer ago than that. "Touched" is the newest
  modification time of the database and its WAL: every stored change writes one of them, opening
  a workspace does not. Unset, empty, zero or unreadable values mean "never expire" (an
  unreadable value is reported, never guessed at). The bundled sample (``<data dir>/.samples``)
  is not a workspace and never expires; only ``<data dir>/<id>.duckdb`` files are considered.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from core.workspace.database import WorkspaceNotFound, is_valid_token, workspace_path
from core.workspace.links import forget
from core.workspace.paths import data_dir

EXPIRY_ENV = "JTBD_WORKSPACE_EXPIRY_DAYS"
_DAY = 24 * 3600


def _files(workspace_id: str) -> list[Path]:
    path = workspace_path(workspace_id)
    return [path, path.with_name(path.name + ".wal")]


def delete_workspace(workspace_id: str) -> None:
    """Delete the workspace ``workspace_id``: its files and its links. Raises WorkspaceNotFound
    when there is no such workspace."""
    if not is_valid_token(workspace_id) or not workspace_path(workspace_id).exists():
        raise WorkspaceNotFound("That workspace no longer exists; it may have been deleted already.")
    for file in _files(workspace_id):
        file.unlink(missing_ok=True)
    forget(workspace_id)


@dataclass(frozen=True)
class ExpirySetting:
    """The expiry read from the environment: ``days`` (None: never) and a problem, if any."""

    days: float | None
    problem: str | None = None


def expiry_setting(environ: dict[str, str] | None = None) -> ExpirySetting:
    """``JTBD_WORKSPACE_EXPIRY_DAYS`` as a number of days; never expire when unset, empty or 0."""
    raw = (os.environ if environ is None else environ).get(EXPIRY_ENV, "").strip()
    if not raw:
        return ExpirySetting(None)
    try:
        days = float(raw)
    except ValueError:
        days = float("nan")
    if not days >= 0 or days == float("inf"):
        return ExpirySetting(
            None,
            f"{EXPIRY_ENV} is “{raw[:40]}”, which is not a number of days; no workspace expires. "
            "Set it to a positive number (e.g. 30), or leave it empty to keep workspaces forever.",
        )
    return ExpirySetting(days or None)


def last_touched(workspace_id: str) -> float:
    """When the workspace's data last changed (seconds since the epoch)."""
    return max((f.stat().st_mtime for f in _files(workspace_id) if f.exists()), default=0.0)


def sweep_expired(days: float | None = None, *, now: float | None = None) -> list[str]:
    """Delete every workspace untouched for longer than ``days`` (default: the environment's
    expiry); returns the deleted ids. Does nothing when no expiry is set."""
    days = expiry_setting().days if days is None else days
    if not days:
        return []
    cutoff = (time.time() if now is None else now) - days * _DAY
    deleted = []
    for path in sorted(data_dir().glob("*.duckdb")):
        workspace_id = path.stem
        if is_valid_token(workspace_id) and last_touched(workspace_id) < cutoff:
            try:
                delete_workspace(workspace_id)
            except WorkspaceNotFound:  # another process swept it a moment ago
                continue
            deleted.append(workspace_id)
    return deleted
