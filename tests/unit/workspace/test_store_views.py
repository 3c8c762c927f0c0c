"""View links and the PostgreSQL store (issue 17, item 3): a process that serves a workspace only
through view links pulls the facilitator's changes at the start of each run, never pushes, and
still refuses every write; beside an edit session of the same process (one DuckDB instance, one
sync state) nothing is applied twice, nothing deadlocks, and a pull never overwrites a local
change that has not reached the store yet.

Two data directories stand for two app processes on one store (as in test_store.py)."""

from __future__ import annotations

import threading
from dataclasses import replace

import psycopg
import pytest

from core.analysis.scoring import load_settings, save_settings
from core.strategy import jobmap, scenarios
from core.strategy.focus import DIFFERENTIATE, MEET
from core.workspace.database import WorkspaceReadOnly, open_workspace
from core.workspace.store import store_from_url
from core.workspace.store_sync import attach, open_stored_workspace, refresh, sync_of
from tests.unit.workspace.test_store import sample_file, store, stored_sample  # noqa: F401  (fixtures)


def step_name(workspace, step_id: int) -> str:
    return workspace.cursor().execute("SELECT name FROM steps WHERE step_id = $s", {"s": step_id}).fetchall()[0][0]


def two_processes(store, sample_file, tmp_path, monkeypatch):  # noqa: F811
    """The facilitator's workspace in process A (data dir ``a``) with an active scenario, and process
    B's working copy of it (data dir ``b``, built as ui/session.py builds it for a view link).
    Returns A's edit handle and the scenario; JTBD_DATA_DIR is left on B."""
    editor = stored_sample(store, sample_file, tmp_path / "a", monkeypatch)
    plan = scenarios.active_scenario(editor)
    monkeypatch.setenv("JTBD_DATA_DIR", str(tmp_path / "b"))
    open_stored_workspace(editor.token, store).close()
    return editor, plan


def view_of(token: str, store):  # noqa: F811
    """A view link's handle, attached as ui/session.py::_session_view attaches it."""
    return attach(open_workspace(token, refuse_writes=True), store)


def test_a_view_opened_before_the_change_sees_it_after_refresh(store, sample_file, tmp_path, monkeypatch):  # noqa: F811
    editor, plan = two_processes(store, sample_file, tmp_path, monkeypatch)
    view = view_of(editor.token, store)
    revision_seen = view.revision

    scenarios.set_choice(editor, plan, 2, DIFFERENTIATE)  # a focus board move in process A
    save_settings(editor, replace(load_settings(editor), extreme=17.0))  # a setting
    assert scenarios.assignment(view, plan).get(2) != DIFFERENTIATE  # B's copy is still the old one

    assert refresh(view) is True
    assert scenarios.assignment(view, plan)[2] == DIFFERENTIATE
    assert load_settings(view).extreme == 17.0
    assert view.revision > revision_seen  # nothing cached under the old revision is served
    assert refresh(view) is False  # nothing newer: one cheap query
    view.close()
    editor.close()


def test_a_view_pulls_but_never_pushes_and_still_refuses_every_write(store, sample_file, tmp_path, monkeypatch):  # noqa: F811
    editor, plan = two_processes(store, sample_file, tmp_path, monkeypatch)
    view = view_of(editor.token, store)
    stored = store.revision(editor.token)
    with pytest.raises(WorkspaceReadOnly):
        scenarios.set_choice(view, plan, 3, MEET)
    with pytest.raises(WorkspaceReadOnly):
        view.set_setting("scoring", {"extreme": 1})
    with pytest.raises(WorkspaceReadOnly):
        view.touch()
    sync = sync_of(view)
    assert sync is not None and not sync.pushes
    sync(view, None)  # even called as a write listener, it sends nothing
    assert store.revision(editor.token) == stored

    # a local change in B's copy that the store never got (written past every handle) is not
    # adopted by the viewer: only an edit handle puts things into the store
    writer = open_workspace(editor.token)
    writer.cursor().execute("UPDATE steps SET name = 'Only on this disk' WHERE step_id = 1")
    assert refresh(view) is False
    assert store.revision(editor.token) == stored
    writer.close()
    view.close()
    editor.close()


def test_a_view_beside_an_edit_session_of_the_same_process_applies_each_change_once(
    store,  # noqa: F811
    sample_file,  # noqa: F811
    tmp_path,
    monkeypatch,
):
    editor, plan = two_processes(store, sample_file, tmp_path, monkeypatch)
    local_editor = open_stored_workspace(editor.token, store)  # another session in process B, editing
    view = view_of(editor.token, store)

    jobmap.rename_step(editor, 4, "Renamed in process A")
    assert refresh(view) is True
    assert step_name(local_editor, 4) == "Renamed in process A"  # one DuckDB instance: seen at once
    assert refresh(local_editor) is False  # the same sync state: not applied a second time

    scenarios.set_choice(editor, plan, 4, MEET)
    assert refresh(local_editor) is True
    assert refresh(view) is False
    assert scenarios.assignment(view, plan)[4] == MEET

    scenarios.set_choice(local_editor, plan, 5, DIFFERENTIATE)  # B's own change: pushed, not pulled back
    assert refresh(view) is False
    monkeypatch.setenv("JTBD_DATA_DIR", str(tmp_path / "a"))
    assert refresh(editor) is True
    assert scenarios.assignment(editor, plan)[5] == DIFFERENTIATE
    for handle in (view, local_editor, editor):
        handle.close()


def test_a_view_never_overwrites_an_edit_the_store_has_not_got(postgres_server, sample_file, tmp_path, monkeypatch):  # noqa: F811
    url = postgres_server.create_database()
    name = url.rsplit("/", 1)[1]
    own_store = store_from_url(url)
    editor, _ = two_processes(own_store, sample_file, tmp_path, monkeypatch)
    local_editor = open_stored_workspace(editor.token, own_store)
    view = view_of(editor.token, own_store)

    admin = psycopg.connect(postgres_server.url(), autocommit=True)
    admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
    admin.execute(f'ALTER DATABASE "{name}" RENAME TO "{name}_away"')
    try:  # the store is away while B's facilitator changes a setting: kept locally, not yet pushed
        save_settings(local_editor, replace(load_settings(local_editor), extreme=18.0))
        assert "not yet in the workspace store" in sync_of(local_editor).problem
    finally:
        admin.execute(f'ALTER DATABASE "{name}_away" RENAME TO "{name}"')
        admin.close()
    monkeypatch.setenv("JTBD_DATA_DIR", str(tmp_path / "a"))
    jobmap.rename_step(editor, 2, "Renamed in process A")  # settings changed in the store too
    monkeypatch.setenv("JTBD_DATA_DIR", str(tmp_path / "b"))

    assert refresh(view) is False  # B's settings differ from what B last synced: wait for its push
    assert load_settings(view).extreme == 18.0
    refresh(local_editor)  # the edit session's next run pushes, then pulls
    assert sync_of(local_editor).problem is None
    assert refresh(view) is False  # the edit session's pull brought the shared copy up to date
    assert (step_name(view, 2), load_settings(view).extreme) == ("Renamed in process A", 18.0)

    monkeypatch.setenv("JTBD_DATA_DIR", str(tmp_path / "elsewhere"))
    rebuilt = open_stored_workspace(editor.token, own_store)  # what the store holds: both changes
    assert (step_name(rebuilt, 2), load_settings(rebuilt).extreme) == ("Renamed in process A", 18.0)
    for handle in (rebuilt, view, local_editor, editor):
        handle.close()
    own_store.close()


def test_views_and_an_edit_session_of_one_process_pull_and_push_at_once_without_deadlock(
    store,  # noqa: F811
    sample_file,  # noqa: F811
    tmp_path,
    monkeypatch,
):
    editor, plan = two_processes(store, sample_file, tmp_path, monkeypatch)
    local_editor = open_stored_workspace(editor.token, store)
    views = [view_of(editor.token, store) for _ in range(3)]
    for step in (1, 2, 3):  # changes in process A, waiting in the store
        scenarios.set_choice(editor, plan, step, MEET)
    errors: list[BaseException] = []

    def run(work) -> None:
        try:
            work()
        except BaseException as error:  # reported below, with the others
            errors.append(error)

    def viewer(handle) -> None:
        for _ in range(10):
            refresh(handle)

    def facilitator() -> None:
        for step in (6, 7, 8):  # one run each: the refresh at its start, then the move
            refresh(local_editor)
            scenarios.set_choice(local_editor, plan, step, DIFFERENTIATE)

    threads = [threading.Thread(target=run, args=(lambda h=h: viewer(h),)) for h in views]
    threads.append(threading.Thread(target=run, args=(facilitator,)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a pull or push is stuck"
    assert errors == []
    for handle in (*views, local_editor):
        refresh(handle)
    expected = {1: MEET, 2: MEET, 3: MEET, 6: DIFFERENTIATE, 7: DIFFERENTIATE, 8: DIFFERENTIATE}
    assert {s: c for s, c in scenarios.assignment(views[0], plan).items() if s in expected} == expected
    monkeypatch.setenv("JTBD_DATA_DIR", str(tmp_path / "a"))
    refresh(editor)
    assert {s: c for s, c in scenarios.assignment(editor, plan).items() if s in expected} == expected
    for handle in (*views, local_editor, editor):
        handle.close()
