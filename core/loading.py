"""Load a survey into a workspace: from an upload, a bundled sample, or the stored file again.

``progress(fraction, message)`` is called between the stages so a UI can show a bar.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from core.importers import ImportResult, import_survey
from core.paths import SAMPLE_DIR
from core.scales import Scale
from core.store import latest_source_file, store_survey
from core.workspace import Workspace

Progress = Callable[[float, str], None]


def _silent(fraction: float, message: str) -> None:
    """The default progress callback: says nothing."""


def load_file(
    workspace: Workspace,
    content: bytes,
    file_name: str,
    *,
    scale: Scale | None = None,
    progress: Progress = _silent,
) -> ImportResult:
    """Import ``content`` and, when it can be imported, make it the workspace's survey."""
    progress(0.05, f"Reading {file_name}…")
    result = import_survey(content, file_name, scale=scale)
    if not result.ok:
        progress(1.0, "The file cannot be imported.")
        return result
    progress(0.7, f"Storing {result.report.respondents} respondents × {result.report.outcomes} outcomes…")
    store_survey(workspace, result.survey, content)
    progress(1.0, "Done.")
    return result


def sample_files() -> list[Path]:
    """The bundled sample workbooks, by name."""
    return sorted(SAMPLE_DIR.glob("*.xlsx"))


def sample_title(path: Path) -> str:
    """``b2b_invoice_processing.xlsx`` → ``B2b invoice processing``."""
    return path.stem.replace("_", " ").capitalize()


def load_sample(workspace: Workspace, path: Path | None = None, *, progress: Progress = _silent) -> ImportResult:
    """Load a bundled sample (the first one by default)."""
    path = path or sample_files()[0]
    return load_file(workspace, path.read_bytes(), path.name, progress=progress)


def reload_with_scale(workspace: Workspace, scale: Scale, *, progress: Progress = _silent) -> ImportResult | None:
    """Read the stored source file again with a declared scale; None when no file is stored."""
    stored = latest_source_file(workspace)
    if stored is None:
        return None
    file_name, content = stored
    return load_file(workspace, content, file_name, scale=scale, progress=progress)
