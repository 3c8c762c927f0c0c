"""One way for the CLI's commands to read a survey file or a workspace .xlsx into a fresh
in-memory workspace (``methods``, ``waves``, ``report``): both kinds of file are read in the
bounded child process (core.intake.upload_check, core.workspace.restore_read), so no file can
abort a command (issue 9.1); what the import had to assume is said on stderr.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI's parser loads this module with every command: DuckDB loads on use
    from core.workspace.database import Workspace


class FileFailed(Exception):
    """A file that cannot be read or imported: print ``str(error)``, exit ``code``."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


def read_file(path: str) -> bytes:
    """The bytes of ``path``; :class:`FileFailed` (exit 2) when it is missing, a folder or unreadable."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise FileFailed(f"error: No such file: {path}", 2) from None
    except IsADirectoryError:
        raise FileFailed(f"error: {path} is a folder, not a survey file", 2) from None
    except PermissionError:
        raise FileFailed(f"error: {path} cannot be read (permission denied)", 2) from None


def load_file(path: str, scale=None) -> tuple[Workspace, bool]:
    """A fresh in-memory workspace holding ``path``'s survey, and True when ``path`` was a
    workspace file (restored whole, its settings included). :class:`FileFailed` (exit 1) when the
    file is refused, with the validation report or the restore's message."""
    from core.cli_import import warn_assumptions
    from core.intake.store import store_survey
    from core.intake.upload_check import import_bounded
    from core.workspace.database import open_workspace
    from core.workspace.restore import WorkspaceFileError, is_workspace_file, restore
    from core.workspace.restore_read import read_bounded

    data = read_file(path)
    name = path.rsplit("/", 1)[-1]
    workspace = open_workspace()
    if is_workspace_file(data):
        try:
            restore(workspace, read_bounded(data, name), name)
        except WorkspaceFileError as exc:
            raise FileFailed(f"error: {exc}", 1) from None
        return workspace, True
    result = import_bounded(data, name, scale=scale, direction="warn")
    if not result.ok or result.survey is None:
        raise FileFailed(result.report.to_text(), 1)
    warn_assumptions(result)
    store_survey(workspace, result.survey)
    return workspace, False
