"""Fixtures shared by every test tier."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from core.intake.loading import load_sample  # noqa: E402
from core.workspace.database import create_workspace, new_token, open_workspace  # noqa: E402


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


@pytest.fixture(scope="module")
def sample_workspace_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace file holding the first sample, built once per module (importing it takes a while)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JTBD_DATA_DIR", str(tmp_path_factory.mktemp("sample_workspace")))
        workspace = create_workspace()
        load_sample(workspace)
        workspace.close()
    return workspace.path


@pytest.fixture
def sample_token(data_dir: Path, sample_workspace_file: Path) -> str:
    """The token of a fresh copy of ``sample_workspace_file`` in ``data_dir`` (one per test)."""
    token = new_token()
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(sample_workspace_file, data_dir / f"{token}.duckdb")
    return token
