"""The CLI's one way to import a survey file (``validate``, ``score``, ``segment``, ``tradeoffs``; and
the shared loader of core/cli_files.py): the bytes read with a usage error for a missing file, the
import in the bounded child (core.intake.upload_check.import_bounded, so no file can crash the
CLI), and what the import had to assume said on stderr.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from core.intake.importers import ImportResult
from core.intake.upload_check import import_bounded

if TYPE_CHECKING:  # DuckDB loads on use: see import_into_workspace
    from core.workspace.database import Workspace


class UsageError(Exception):
    """A mistake in the command line; exit code 2."""


def read_file(path: str, what: str = "survey file") -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise UsageError(f"No such file: {path}") from None
    except IsADirectoryError:
        raise UsageError(f"{path} is a folder, not a {what}") from None
    except PermissionError:
        raise UsageError(f"{path} cannot be read (permission denied)") from None


def import_file(
    path: str, scale, args: argparse.Namespace | None = None, meanwhile: Callable[[], object] | None = None
) -> ImportResult:
    """Import ``path``; numeric codes of unknown direction are read as exported with a warning unless
    ``--reverse`` or ``--codebook`` says otherwise. ``meanwhile()`` runs while the child reads."""
    from core.intake.importers.codebook import CodebookError, load_codebook

    data = read_file(path)
    codebook = None
    codebook_path = getattr(args, "codebook", None)
    if codebook_path:
        try:
            codebook = load_codebook(read_file(codebook_path, "codebook"), codebook_path.rsplit("/", 1)[-1])
        except CodebookError as exc:
            raise UsageError(f"{exc.problem} {exc.fix}") from None
    return import_bounded(  # in a child process with a memory and time limit: no file can crash the CLI
        data,
        path.rsplit("/", 1)[-1],
        scale=scale,
        direction="reverse" if getattr(args, "reverse", False) else "warn",
        keep_partial=getattr(args, "keep_partial", False),
        codebook=codebook,
        meanwhile=meanwhile,
    )


def import_into_workspace(path: str, scale, args: argparse.Namespace | None = None) -> tuple[ImportResult, Workspace]:
    """:func:`import_file`, and the in-memory workspace the survey is stored in, opened while the child
    reads the file: DuckDB's import, the schema and the modules that store and score (0.1 s) are
    paid on the other core, not after the read (they are imported after the child has forked, so
    the child starts without them)."""
    opened: list[Workspace] = []

    def open_meanwhile() -> None:
        from core.workspace.database import open_workspace

        importlib.import_module("core.intake.store")
        importlib.import_module("core.analysis.scoring")
        opened.append(open_workspace())

    result = import_file(path, scale, args, meanwhile=open_meanwhile)
    return result, opened[0]


def warn_assumptions(result: ImportResult) -> None:
    """Say on stderr what the import had to assume (the direction of numeric codes)."""
    for message in result.report.warnings:
        if message.text.startswith("ASSUMED"):
            print(f"warning: {message.where}: {message.text}\n  → {message.fix}", file=sys.stderr)
