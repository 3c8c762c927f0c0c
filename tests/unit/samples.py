"""The sample surveys for unit tests: their files, their planted truth, and real workspaces holding them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

from core.intake.loading import load_sample, sample_files
from core.workspace.database import Workspace, open_workspace

SAMPLES = {path.stem: path for path in sample_files()}


def truth(name: str) -> dict:
    """The structure planted in sample ``name`` (its ``.truth.json``)."""
    return json.loads(SAMPLES[name].with_suffix(".truth.json").read_text(encoding="utf-8"))


@contextmanager
def loaded_samples() -> Iterator[dict[str, Workspace]]:
    """Each sample loaded into its own in-memory workspace: {name: workspace}; closed afterwards."""
    opened = {}
    for name, path in SAMPLES.items():
        workspace = open_workspace()
        load_sample(workspace, path)
        opened[name] = workspace
    yield opened
    for workspace in opened.values():
        workspace.close()
