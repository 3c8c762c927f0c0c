"""Links and deletion with the PostgreSQL store (issues 17.1, 17.3, 17.6): the link index lives in
the store's key-value table, so a view link still opens its workspace after the local disk is
wiped; deleting a workspace removes its rows from the store too."""

from __future__ import annotations

import shutil

import pytest

from core.workspace.database import WorkspaceNotFound
from core.workspace.housekeeping import delete_workspace
from core.workspace.link_index import StoreLinkIndex
from core.workspace.links import Role, link, resolve, set_link_index, token_key
from core.workspace.store_sync import open_stored_workspace, stored_workspace_exists
from tests.unit.workspace.test_store import sample_file, store, stored_sample  # noqa: F401  (fixtures)


@pytest.fixture
def store_links(store):  # noqa: F811
    set_link_index(StoreLinkIndex(store), lambda workspace_id: stored_workspace_exists(workspace_id, store))
    yield store
    set_link_index(None)


def test_a_view_link_outlives_a_wiped_disk(store_links, sample_file, tmp_path, monkeypatch):  # noqa: F811
    workspace = stored_sample(store_links, sample_file, tmp_path / "first", monkeypatch)
    view = link(workspace.token, Role.VIEW)
    assert store_links.kv_get(StoreLinkIndex.NAMESPACE, token_key(view)) is not None  # kept in the store
    workspace.close()
    shutil.rmtree(tmp_path / "first")  # the hosted disk is gone: no file, no local link index

    monkeypatch.setenv("JTBD_DATA_DIR", str(tmp_path / "after-restart"))
    resolved = resolve(view)
    assert resolved.role is Role.VIEW and resolved.workspace_id == workspace.token
    assert resolve(workspace.token).role is Role.EDIT  # the first (edit) link too
    rebuilt = open_stored_workspace(resolved.workspace_id, store_links)
    assert rebuilt.get_setting("revision") is not None
    rebuilt.close()


def test_deleting_a_workspace_deletes_its_store_rows(store_links, sample_file, tmp_path, monkeypatch):  # noqa: F811
    workspace = stored_sample(store_links, sample_file, tmp_path / "first", monkeypatch)
    token = workspace.token
    view = link(token, Role.VIEW)
    workspace.close()
    assert store_links.revision(token) is not None
    delete_workspace(token, store_links)
    assert store_links.revision(token) is None
    with pytest.raises(WorkspaceNotFound):
        resolve(view)
    shutil.rmtree(tmp_path / "first")
    with pytest.raises(WorkspaceNotFound):  # nothing left to rebuild from
        open_stored_workspace(token, store_links)


def test_a_participants_vote_reaches_the_store_at_once(store_links, sample_file, tmp_path, monkeypatch):  # noqa: F811
    from core.strategy.votes import cast_vote, my_votes
    from core.workspace.database import open_workspace
    from core.workspace.store_sync import attach

    editor = stored_sample(store_links, sample_file, tmp_path / "first", monkeypatch)
    voter = attach(open_workspace(editor.token, refuse_writes=True, votes=True), store_links)
    cast_vote(voter, "participant-0001", 1, "differentiate", name="Ana")
    voter.close()
    editor.close()

    monkeypatch.setenv("JTBD_DATA_DIR", str(tmp_path / "second-server"))
    elsewhere = open_stored_workspace(editor.token, store_links)
    kept = my_votes(elsewhere, "participant-0001")
    elsewhere.close()
    assert kept == {1: "differentiate"}
