"""Read-only and copy-on-write workspace handles; opening errors as messages (issues 9.4, 9.6)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import duckdb
import pytest

from core.intake.loading import sample_files
from core.intake.store import survey_info
from core.strategy.scenarios import active_scenario, rename_scenario
from core.workspace.database import WorkspaceReadOnly, new_token, open_workspace
from core.workspace.opening_errors import WorkspaceUnreadable
from core.workspace.samples import build_sample, is_sample_token, open_built_sample, open_sample


@pytest.fixture(scope="module")
def samples_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory whose sample is built once for the module."""
    folder = tmp_path_factory.mktemp("data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JTBD_DATA_DIR", str(folder))
        build_sample(sample_files()[0])
    return folder


@pytest.fixture
def home(samples_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("JTBD_DATA_DIR", str(samples_home))
    for file in samples_home.glob("*.duckdb*"):
        file.unlink()
    return samples_home


def test_a_read_only_handle_refuses_every_write(sample_token: str):
    workspace = open_workspace(sample_token, read_only=True)
    try:
        assert survey_info(workspace).outcomes == 80
        with pytest.raises(WorkspaceReadOnly):
            workspace.set_setting("scoring", {"method": "mean"})
        with pytest.raises(WorkspaceReadOnly):
            workspace.touch()
        with pytest.raises(WorkspaceReadOnly), workspace.transaction():
            pass
        with pytest.raises(duckdb.Error, match="read-only"):
            workspace.cursor().execute("DELETE FROM ratings")
    finally:
        workspace.close()


def test_the_sample_is_built_once_and_shared(home: Path):
    built = build_sample(sample_files()[0])
    stamp = built.stat().st_mtime_ns
    first, second = open_sample(sample_files()[0]), open_sample(sample_files()[0])
    assert built.parent == home / ".samples" and build_sample(sample_files()[0]).stat().st_mtime_ns == stamp
    assert is_sample_token(first.token) and first.token == second.token and first.read_only
    assert survey_info(first).respondents == survey_info(second).respondents == 600
    assert list(home.glob("*.duckdb")) == []
    first.close()
    second.close()


def test_the_first_write_copies_the_sample_and_lands_in_the_copy(home: Path):
    shared = open_built_sample(sample_files()[0])
    handle = open_sample(sample_files()[0], shared=shared)
    scenario = active_scenario(handle)  # built into the sample: reading it writes nothing
    assert handle.copy_on_write and list(home.glob("*.duckdb")) == []
    rename_scenario(handle, scenario, "Bold bet")
    assert not handle.read_only and not is_sample_token(handle.token)
    assert [p.name for p in home.glob("*.duckdb")] == [f"{handle.token}.duckdb"]
    handle.close()
    reopened = open_workspace(handle.token)
    assert reopened.cursor().execute("SELECT name FROM scenarios").fetchall() == [("Bold bet",)]
    reopened.close()
    assert shared.cursor().execute("SELECT name FROM scenarios").fetchall() == [("Scenario 1",)]  # untouched
    survey_info(shared)  # the shared connection stays open after the handle closed
    shared.close()


def test_a_plain_read_only_sample_handle_refuses_writes(home: Path):
    shared = open_built_sample(sample_files()[0])
    with pytest.raises(WorkspaceReadOnly):
        shared.set_setting("x", 1)
    shared.close()
    assert list(home.glob("*.duckdb")) == []


@pytest.mark.parametrize("content", [b"", b"hello" * 100, os.urandom(20000), b"sqlite"])
def test_a_damaged_file_raises_a_message_without_the_path(data_dir: Path, content: bytes):
    token = new_token()
    data_dir.mkdir(parents=True)
    path = data_dir / f"{token}.duckdb"
    if content == b"sqlite":  # DuckDB would otherwise try to download its SQLite reader
        connection = sqlite3.connect(path)
        connection.execute("CREATE TABLE t (x)")
        connection.commit()
        connection.close()
    else:
        path.write_bytes(content)
    with pytest.raises(WorkspaceUnreadable) as caught:
        open_workspace(token)
    assert str(data_dir) not in str(caught.value) and "Export page" in str(caught.value)
    assert "download" not in caught.value.detail.lower() and "http" not in caught.value.detail  # nothing fetched
