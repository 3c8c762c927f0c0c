"""Fixtures shared by every test tier."""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import settings

from core.intake.loading import load_sample
from core.workspace.database import create_workspace, new_token, open_workspace

# Property tests draw new examples on every run on a developer's machine (that is how they find
# bugs) but are reproducible under CI: the "ci" profile derandomizes them (examples come from a
# fixed seed derived from each test) and keeps no example database between runs.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("dev")


def hypothesis_profile(environ: Mapping[str, str]) -> str:
    """The hypothesis profile for an environment: "ci" when CI=true (as .ci/run sets it), else "dev"."""
    return "ci" if environ.get("CI", "").lower() == "true" else "dev"


settings.load_profile(hypothesis_profile(os.environ))


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


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL on a free loopback port for the whole session (tests/postgres_server.py);
    skipped when Debian's postgresql is missing, failed under CI=true."""
    from tests.postgres_server import PostgresServer, require_postgres

    server = PostgresServer(require_postgres()).start()
    yield server
    server.stop()


@pytest.fixture
def store_url(postgres_server) -> str:
    """The URL of a fresh, empty PostgreSQL database (one per test)."""
    return postgres_server.create_database()


@pytest.fixture(autouse=True)
def _default_link_index():
    """Every test starts with the file link index: an app run with a PostgreSQL store plugs the
    store's index into core.workspace.links for its process (ui/store_config.py)."""
    yield
    from core.workspace.links import set_link_index

    set_link_index(None)
