"""Fixtures shared by every test tier."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from core.workspace import open_workspace  # noqa: E402


@pytest.fixture
def workspace():
    """A fresh in-memory workspace with the canonical schema."""
    ws = open_workspace()
    yield ws
    ws.close()


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """Point file workspaces at a temporary folder."""
    folder = tmp_path / "workspaces"
    monkeypatch.setenv("JTBD_DATA_DIR", str(folder))
    return folder
