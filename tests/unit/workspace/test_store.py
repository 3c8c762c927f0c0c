"""The PostgreSQL workspace store (issue 17, item 3) against a real PostgreSQL (tests/postgres_server.py):
every table round-trips, only changed tables are pushed, two working copies see each other's
changes, a missing copy is rebuilt, an unreachable store loses nothing."""

from __future__ import annotations

import shutil
from datetime import date

import psycopg
import pytest

from core.analysis.segment_store import rename_segment
from core.intake.loading import load_sample
from core.strategy import jobmap, scenarios
from core.strategy.focus import DIFFERENTIATE, MEET
from core.workspace.database import WorkspaceNotFound, new_token, open_workspace
from core.workspace.store import store_from_url
from core.workspace.store_snapshots import columns_of, table_infos
from core.workspace.store_sync import (
    WorkspaceDeleted,
    attach,
    open_stored_workspace,
    refresh,
    stored_workspace_exists,
    sync_of,
)

LITERALS = {
    "VARCHAR": "'x'",
    "INTEGER": "1",
    "BIGINT": "1",
    "SMALLINT": "1",
    "DOUBLE": "1.5",
    "FLOAT": "1.5",
    "BOOLEAN": "true",
    "TIMESTAMP": "TIMESTAMP '2026-01-02 03:04:05.678'",
    "DATE": "DATE '2026-01-02'",
    "JSON": '\'{"a": [1, "b"]}\'',
    "BLOB": "'\\x00\\xFFbytes'::BLOB",
}
CHECKED = {("votes", "choice"): "'meet'"}  # columns with a CHECK constraint: a value it allows


def table_rows(workspace, name: str) -> list[tuple]:
    return sorted(workspace.cursor().execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)


def column_types(workspace) -> dict[str, str]:
    cur = workspace.cursor()
    return columns_of(cur, list(table_infos(cur)))


def fill_empty_tables(workspace) -> None:
    """One row of typed values in every table the workshop work left empty (so every table is
    tested), written as the app writes tables: inside a transaction."""
    with workspace.transaction() as cur:
        for name in table_infos(cur):
            if cur.execute(f'SELECT count(*) FROM "{name}"').fetchall()[0][0]:
                continue
            columns = cur.execute(
                "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = $t ORDER BY column_index",
                {"t": name},
            ).fetchall()
            values = ", ".join(CHECKED.get((name, column), LITERALS.get(kind, "NULL")) for column, kind in columns)
            cur.execute(f'INSERT INTO "{name}" VALUES ({values})')


@pytest.fixture
def store(store_url):
    opened = store_from_url(store_url)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory):
    """The first sample imported once into a plain workspace file (copied per test)."""
    folder = tmp_path_factory.mktemp("store_sample")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JTBD_DATA_DIR", str(folder))
        workspace = open_workspace(new_token(), create=True)
        load_sample(workspace)
        workspace.close()
    return workspace.path


def stored_sample(store, sample_file, folder, monkeypatch):
    """A copy of the sample under a new token in ``folder``, adopted by ``store``."""
    monkeypatch.setenv("JTBD_DATA_DIR", str(folder))
    folder.mkdir(parents=True, exist_ok=True)
    token = new_token()
    shutil.copy(sample_file, folder / f"{token}.duckdb")
    return open_stored_workspace(token, store)


def test_every_table_round_trips_through_the_store(store, sample_file, tmp_path, monkeypatch):
    original = stored_sample(store, sample_file, tmp_path / "first", monkeypatch)
    plan = scenarios.active_scenario(original)
    scenarios.set_choice(original, plan, 1, DIFFERENTIATE)
    scenarios.set_note(original, plan, 1, "=SUM(A1) and “quotes”")
    jobmap.rename_step(original, 2, "Renamed step")
    fill_empty_tables(original)
    expected = {name: table_rows(original, name) for name in column_types(original)}
    types = column_types(original)
    assert all(expected.values()), [name for name, rows in expected.items() if not rows]
    assert {"ratings", "decisions", "settings", "capabilities", "source_files"} <= set(expected)

    monkeypatch.setenv("JTBD_DATA_DIR", str(tmp_path / "second"))
    rebuilt = open_stored_workspace(original.token, store)
    assert column_types(rebuilt) == types
    for name, rows in expected.items():
        if name == "settings":  # the copy's revision counter is set above the store's on a pull
            rows = [r for r in rows if r[0] != "revision"]
            assert [r for r in table_rows(rebuilt, name) if r[0] != "revision"] == rows
        else:
            assert table_rows(rebuilt, name) == rows, name
    assert rebuilt.revision > original.revision - 1
    original.close()
    rebuilt.close()


def test_a_card_move_pushes_only_the_small_tables_it_changed(store, sample_file, tmp_path, monkeypatch):
    workspace = stored_sample(store, sample_file, tmp_path / "copy", monkeypatch)
    plan = scenarios.active_scenario(workspace)
    before = store.revision(workspace.token)
    scenarios.set_choice(workspace, plan, 2, MEET)
    changes = store.changes_since(workspace.token, before)
    # one push: the move bumps the revision inside its own transaction (its change mark, issue 17.4)
    assert changes is not None and changes.revision == before + 1
    assert {t.name for t in changes.tables} == {"decisions", "scenario_history", "settings", "change_marks"}
    assert sync_of(workspace).problem is None
    workspace.close()


def test_two_copies_see_each_others_changes(store, sample_file, tmp_path, monkeypatch):
    first = stored_sample(store, sample_file, tmp_path / "one", monkeypatch)
    monkeypatch.setenv("JTBD_DATA_DIR", str(tmp_path / "two"))
    second = open_stored_workspace(first.token, store)
    plan = scenarios.active_scenario(second)

    monkeypatch.setenv("JTBD_DATA_DIR", str(tmp_path / "one"))
    assert refresh(first) is True  # the scenario the second copy created (the app refreshes every run)
    jobmap.rename_step(first, 3, "Changed in the first copy")
    scenarios.set_choice(first, plan, 3, DIFFERENTIATE)
    revision_before = second.revision
    assert refresh(second) is True
    assert second.cursor().execute("SELECT name FROM steps WHERE step_id = 3").fetchall() == [
        ("Changed in the first copy",)
    ]
    assert scenarios.assignment(second, plan)[3] == DIFFERENTIATE
    assert second.revision > max(revision_before, first.revision - 1)
    assert refresh(second) is False  # nothing newer: one cheap query

    scenarios.set_choice(second, plan, 3, MEET)
    assert refresh(first) is True
    assert scenarios.assignment(first, plan)[3] == MEET
    first.close()
    second.close()


def test_a_missing_working_copy_is_rebuilt_and_unknown_tokens_stay_unknown(store, sample_file, tmp_path, monkeypatch):
    workspace = stored_sample(store, sample_file, tmp_path / "copy", monkeypatch)
    token = workspace.token
    scenarios.set_choice(workspace, scenarios.active_scenario(workspace), 4, DIFFERENTIATE)
    workspace.close()
    (tmp_path / "copy" / f"{token}.duckdb").unlink()
    assert stored_workspace_exists(token, store)
    rebuilt = open_stored_workspace(token, store)
    assert scenarios.assignment(rebuilt, scenarios.active_scenario(rebuilt))[4] == DIFFERENTIATE
    rebuilt.close()

    unknown = new_token()
    assert not stored_workspace_exists(unknown, store)
    with pytest.raises(WorkspaceNotFound):
        open_stored_workspace(unknown, store)
    assert not (tmp_path / "copy" / f"{unknown}.duckdb").exists()


def test_a_workspace_deleted_elsewhere_says_so(store, sample_file, tmp_path, monkeypatch):
    workspace = stored_sample(store, sample_file, tmp_path / "copy", monkeypatch)
    assert store.delete_workspace(workspace.token) is True
    assert store.delete_workspace(workspace.token) is False
    with pytest.raises(WorkspaceDeleted, match="deleted"):
        refresh(workspace)
    assert store.changes_since(workspace.token, 0) is None
    workspace.close()


def test_a_big_table_is_pushed_when_the_survey_changes_and_not_on_a_card_move(
    store, sample_file, tmp_path, monkeypatch
):
    monkeypatch.setenv("JTBD_DATA_DIR", str(tmp_path / "copy"))
    (tmp_path / "copy").mkdir()
    token = new_token()
    shutil.copy(sample_file, tmp_path / "copy" / f"{token}.duckdb")
    workspace = open_workspace(token)
    with workspace.transaction() as cur:
        cur.execute("INSERT INTO segmentations VALUES ('s1', 'Needs', TIMESTAMP '2026-01-02 03:04:05', 2, 0.3, '{}')")
        cur.execute(
            "INSERT INTO segments SELECT respondent_id, 's1', CASE WHEN respondent_id < 'R0200' THEN 'A' ELSE 'B' END "
            "FROM respondents"
        )
    workspace.close()
    workspace = attach(open_workspace(token), store, big_rows=10)  # every survey table counts as big
    before = store.revision(token)
    scenarios.set_choice(workspace, scenarios.active_scenario(workspace), 2, MEET)
    assert "ratings" not in {t.name for t in store.changes_since(token, before).tables}
    before = store.revision(token)
    rename_segment(workspace, "s1", "A", "Renamed in place")  # an UPDATE that keeps the row count
    assert "segments" in {t.name for t in store.changes_since(token, before).tables}
    workspace.close()


def test_an_unreachable_store_keeps_the_change_and_sends_it_later(postgres_server, sample_file, tmp_path, monkeypatch):
    url = postgres_server.create_database()
    name = url.rsplit("/", 1)[1]
    store = store_from_url(url)
    workspace = stored_sample(store, sample_file, tmp_path / "copy", monkeypatch)
    plan = scenarios.active_scenario(workspace)
    admin = psycopg.connect(postgres_server.url(), autocommit=True)
    admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
    admin.execute(f'ALTER DATABASE "{name}" RENAME TO "{name}_away"')
    try:
        scenarios.set_choice(workspace, plan, 5, DIFFERENTIATE)  # the local change succeeds
        assert scenarios.assignment(workspace, plan)[5] == DIFFERENTIATE
        assert "not yet in the workspace store" in sync_of(workspace).problem
    finally:
        admin.execute(f'ALTER DATABASE "{name}_away" RENAME TO "{name}"')
        admin.close()
    refresh(workspace)  # pushes what the store missed before pulling
    assert sync_of(workspace).problem is None
    monkeypatch.setenv("JTBD_DATA_DIR", str(tmp_path / "elsewhere"))
    rebuilt = open_stored_workspace(workspace.token, store)
    assert scenarios.assignment(rebuilt, plan)[5] == DIFFERENTIATE
    rebuilt.close()
    workspace.close()
    store.close()


def test_key_values_are_kept_by_namespace(store, data_dir):
    local = store_from_url(None)
    for kv in (store, local):
        assert kv.kv_get("links", "abc") is None
        kv.kv_put("links", "abc", {"token": "t1", "role": "view", "at": str(date(2026, 1, 2))})
        kv.kv_put("links", "abd", {"token": "t2", "nested": {"n": [1, 2]}})
        kv.kv_put("votes", "abc", {"other": True})
        assert kv.kv_get("links", "abc") == {"token": "t1", "role": "view", "at": "2026-01-02"}
        assert kv.kv_items("links") == {
            "abc": {"token": "t1", "role": "view", "at": "2026-01-02"},
            "abd": {"token": "t2", "nested": {"n": [1, 2]}},
        }
        kv.kv_put("links", "abc", {"token": "t3"})
        assert kv.kv_get("links", "abc") == {"token": "t3"}
        assert kv.kv_delete("links", "abc") is True
        assert kv.kv_delete("links", "abc") is False
        assert list(kv.kv_items("links")) == ["abd"]
        assert kv.kv_items("votes") == {"abc": {"other": True}}


def test_the_store_reconnects_after_its_connection_was_closed(store, store_url):
    store.kv_put("ns", "k", {"v": 1})
    name = store_url.rsplit("/", 1)[1]
    with psycopg.connect(store_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
    assert store.kv_get("ns", "k") == {"v": 1}
