"""What goes wrong opening a workspace file, as messages for the user (no server paths in them)."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>\S+)(?: \(PID (?P<pid>\d+)\))?")


class WorkspaceUnreadable(RuntimeError):
    """The workspace file exists but is not a readable DuckDB database (empty, truncated, corrupt).

    ``str(error)`` is a message for the user (no server path); ``detail`` is DuckDB's own text, for the log.
    """

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.detail = detail


class WorkspaceInUse(RuntimeError):
    """Another process holds the workspace file's lock; ``holder`` names its program (no path)."""

    def __init__(self, message: str, holder: str, detail: str = ""):
        super().__init__(message)
        self.holder = holder
        self.detail = detail


def opening_error(error: duckdb.Error) -> WorkspaceInUse | WorkspaceUnreadable:
    """The user's message for DuckDB's ``error`` on opening a workspace file (no paths in it)."""
    detail = str(error)
    held = _LOCK_HOLDER.search(detail)
    if held:
        program = Path(held["program"]).name or "another program"
        return WorkspaceInUse(
            f"This workspace is in use by another program on the server ({program}): another copy of "
            "the app has it open, and a workspace can be open in only one of them at a time. Close that "
            "copy (or use its address instead), then reload this page.",
            holder=program,
            detail=detail,
        )
    return WorkspaceUnreadable(
        "This workspace's file on the server cannot be read: it is empty, cut short or damaged, or it "
        "is not a workspace file at all. Nothing in it can be shown. Restore the workshop from a "
        "workspace file (.xlsx) you downloaded earlier (Export page), or start a fresh workspace.",
        detail=detail,
    )
