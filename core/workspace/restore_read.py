"""Reading a workspace file to restore, in a child process with a memory and time limit.

:func:`core.workspace.restore.read_workspace_file` checks the file's limits and reads it; the app
calls it through :func:`read_bounded`, so that a hostile file (a dimension bomb, a zip bomb)
costs the user who uploaded it a clear message, never the server (:mod:`core.intake.isolation`).
The file's bytes are not sent back from the child: the parent already holds them. A read stopped
for memory is measured sheet by sheet in a second child, so that a sheet whose declared size lied
is refused with the size it really spans (``refusal_after_abort``), as a survey upload is.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from core.intake.importers.spreadsheet_limits import refusal_after_abort
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
    except ReadAborted as exc:  # a sheet that lies about its size is named with its size, as in an upload
        problem, fix = refusal_after_abort(exc, content, file_name) or (exc.problem, exc.fix)
        raise WorkspaceFileError(f"{problem} {fix}") from None
    if isinstance(found, WorkspaceFileError):
        raise found
    return replace(found, content=content)
