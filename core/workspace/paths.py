"""Where things live on disk."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
REFERENCE_DIR = REPO_ROOT / "data" / "reference"
SAMPLE_DIR = REPO_ROOT / "sample_surveys"


def data_dir() -> Path:
    """Where workspace files live: ``$JTBD_DATA_DIR`` when set, else ``data/workspaces``."""
    return Path(os.environ.get("JTBD_DATA_DIR") or REPO_ROOT / "data" / "workspaces")


def sample_files() -> list[Path]:
    """The bundled sample workbooks, by name (the first is the one a new workspace opens)."""
    return sorted(SAMPLE_DIR.glob("*.xlsx"))
