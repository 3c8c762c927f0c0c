"""Reading a workspace file to restore, in a child process with a memory and time limit.

:func:`core.workspace.restore.read_workspace_file` checks the file's limits and reads it; the app
calls it through :func:`read_bounded`, so that a hostile file (a dimension bomb, a zip bomb)
costs the user who uploaded it a clear message, never the server (:mod:`core.intake.isolation`).
The file's bytes are not sent back from the child: the parent already holds them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from core.intake.isolation import Budget, ReadAborted, run_bounded
from core.workspace.file import WorkspaceFileError
from core.workspace.restore import WorkspaceFile, read_workspace_file


def _read(content: bytes, file_name: str, *, channel: Any) -> WorkspaceFile | WorkspaceFileError:
    try:
        return replace(read_workspace_file(content, file_name), content=b"")
    except WorkspaceFileError as exc:
        return exc


def read_bounded(content: bytes, file_name: str = "workspace.xlsx", *, budget: Budget | None = None) -> WorkspaceFile:
    """:func:`~core.workspace.restore.read_workspace_file` in a bounded child; raises
    :class:`~core.workspace.file.WorkspaceFileError` for a file that cannot be restored, also when
    reading it went beyond the child's memory or time."""
    try:
        found = run_bounded(_read, content, file_name, what=f"Reading {file_name}", budget=budget)
    except ReadAborted as exc:
        raise WorkspaceFileError(f"{exc.problem} {exc.fix}") from None
    if isinstance(found, WorkspaceFileError):
        raise found
    return replace(found, content=content)
