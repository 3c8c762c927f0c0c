"""Deleting workspaces and expiring untouched ones (issue 17.6)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from core.intake.loading import sample_files
from core.workspace.database import WorkspaceNotFound, create_workspace
from core.workspace.housekeeping import (
    EXPIRY_ENV,
    delete_workspace,
    expiry_setting,
    last_touched,
    sweep_expired,
)
from core.workspace.link_index import FileLinkIndex
from core.workspace.links import Role, link, open_for, reissue, resolve
from core.workspace.samples import build_sample

DAY = 24 * 3600


def _workspace() -> str:
    workspace = create_workspace()
    workspace.set_setting("probe", 1)
    workspace.close()
    assert workspace.token is not None
    return workspace.token


def _age(data_dir: Path, workspace_id: str, days: float) -> None:
    when = time.time() - days * DAY
    for file in data_dir.glob(f"{workspace_id}.duckdb*"):
        os.utime(file, (when, when))


def test_delete_removes_the_files_and_every_link(data_dir: Path) -> None:
    doomed, kept = _workspace(), _workspace()
    view, edit = link(doomed, Role.VIEW), reissue(doomed, Role.EDIT)
    kept_view = link(kept, Role.VIEW)
    delete_workspace(doomed)
    assert not list(data_dir.glob(f"{doomed}*"))
    for token in (doomed, view, edit):
        with pytest.raises(WorkspaceNotFound):
            resolve(token)
    assert all(value.get("workspace") != doomed for _, value in FileLinkIndex().items())
    assert resolve(kept_view).workspace_id == kept and (data_dir / f"{kept}.duckdb").exists()


def test_deleting_a_missing_workspace_says_so(data_dir: Path) -> None:
    with pytest.raises(WorkspaceNotFound, match="no longer exists"):
        delete_workspace("a" * 24)


def test_the_sweep_removes_only_workspaces_untouched_for_longer_than_the_expiry(data_dir: Path) -> None:
    old, fresh = _workspace(), _workspace()
    old_view = link(old, Role.VIEW)
    _age(data_dir, old, 31)
    _age(data_dir, fresh, 29)
    assert sweep_expired(30) == [old]
    assert not (data_dir / f"{old}.duckdb").exists() and (data_dir / f"{fresh}.duckdb").exists()
    with pytest.raises(WorkspaceNotFound):
        resolve(old_view)


def test_a_change_counts_as_a_touch(data_dir: Path) -> None:
    workspace_id = _workspace()
    _age(data_dir, workspace_id, 40)
    before = last_touched(workspace_id)
    workspace, _ = open_for(workspace_id)
    workspace.set_setting("probe", 2)
    workspace.cursor().execute("CHECKPOINT")
    workspace.close()
    assert last_touched(workspace_id) > before + 30 * DAY
    assert sweep_expired(30) == []


def test_the_bundled_sample_never_expires(data_dir: Path) -> None:
    built = build_sample(sample_files()[0])
    when = time.time() - 400 * DAY
    os.utime(built, (when, when))
    assert sweep_expired(1) == []
    assert built.exists()


def test_without_an_expiry_nothing_is_swept(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workspace_id = _workspace()
    _age(data_dir, workspace_id, 4000)
    monkeypatch.delenv(EXPIRY_ENV, raising=False)
    assert sweep_expired() == []
    monkeypatch.setenv(EXPIRY_ENV, "2")
    assert sweep_expired() == [workspace_id]


@pytest.mark.parametrize(
    ("raw", "days", "problem"),
    [("", None, False), ("0", None, False), ("30", 30.0, False), (" 7.5 ", 7.5, False), ("-3", None, True),
     ("thirty", None, True), ("nan", None, True), ("inf", None, True)],
)  # fmt: skip
def test_the_expiry_setting_is_read_or_reported(raw: str, days: float | None, problem: bool) -> None:
    setting = expiry_setting({EXPIRY_ENV: raw})
    assert setting.days == days
    assert (setting.problem is not None) is problem
    if problem:
        assert raw.strip() in setting.problem and EXPIRY_ENV in setting.problem
