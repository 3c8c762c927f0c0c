"""Load a survey into a workspace in one go: from an upload or a bundled sample.

The two-step form (validate, then store after the user confirms) is :mod:`core.intake.replace`;
loading here is the same two steps without the pause.
"""

from __future__ import annotations

from pathlib import Path

from core.intake.importers import ImportResult
from core.intake.progress import Progress, quiet
from core.intake.replace import commit, prepare
from core.intake.scales import Scale
from core.workspace.database import Workspace
from core.workspace.paths import sample_files


def load_file(
    workspace: Workspace,
    content: bytes,
    file_name: str,
    *,
    scale: Scale | None = None,
    progress: Progress = quiet,
    isolated: bool = True,
) -> ImportResult:
    """Import ``content`` and, when it can be imported, make it the workspace's survey.
    ``isolated`` as in :func:`core.intake.replace.prepare` (False only for files the app ships)."""
    workspace.require_writable()  # a view link: refused before the (long) read
    replacement = prepare(content, file_name, scale=scale, progress=progress, isolated=isolated)
    if replacement.ok:
        commit(workspace, replacement, progress=progress)
    return replacement.result


def sample_title(path: Path) -> str:
    """``b2b_invoice_processing.xlsx`` → ``B2b invoice processing``."""
    return path.stem.replace("_", " ").capitalize()


def load_sample(workspace: Workspace, path: Path | None = None, *, progress: Progress = quiet) -> ImportResult:
    """Load a bundled sample (the first one by default), in this process: the app ships it."""
    path = path or sample_files()[0]
    return load_file(workspace, path.read_bytes(), path.name, progress=progress, isolated=False)
