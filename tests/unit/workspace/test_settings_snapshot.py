"""A script run reads the settings once (Workspace.settings_snapshot): one query however many
settings it reads, its own writes read at once, a change made elsewhere at its next run."""

from __future__ import annotations

import threading

from core.strategy import scenarios
from core.workspace.database import Workspace, create_workspace, open_workspace
from core.workspace.store_sync import open_stored_workspace, refresh
from tests.unit.workspace.test_store import sample_file, store, stored_sample  # noqa: F401  (fixtures)

KEYS = ("scoring", "focus", "competition", "revision", "missing")


class Counting:
    """A cursor that counts the statements run on it (passed through to the real one)."""

    def __init__(self, real, counts: list[str]):
        self._real, self._counts = real, counts

    def execute(self, sql, *args, **kwargs):
        self._counts.append(sql)
        return self._real.execute(sql, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._real, name)


def counted(workspace: Workspace, monkeypatch) -> list[str]:
    """The statements run from now on through ``workspace.cursor()``."""
    counts: list[str] = []
    real = workspace.cursor
    monkeypatch.setattr(workspace, "cursor", lambda: Counting(real(), counts))
    return counts


def read_all(workspace: Workspace) -> list:
    return [workspace.get_setting(key, "default") for key in KEYS * 5]


def test_a_block_reads_every_setting_with_one_query(data_dir, monkeypatch):
    ws = create_workspace()
    ws.set_setting("scoring", {"method": "mean"})
    ws.set_setting("focus", {"focus_limit": 3})
    outside = read_all(ws)
    statements = counted(ws, monkeypatch)
    with ws.settings_snapshot():
        inside = read_all(ws)
        assert len(statements) == 1, statements
    assert inside == outside
    assert inside[:5] == [{"method": "mean"}, {"focus_limit": 3}, "default", ws.revision, "default"]
    read_all(ws)  # after the block: one query per read again
    assert len(statements) == 1 + len(KEYS) * 5 + 1
    ws.close()


def test_a_write_through_the_handle_is_read_at_once(data_dir, monkeypatch):
    ws = create_workspace()
    ws.set_setting("focus", {"focus_limit": 3})
    with ws.settings_snapshot():
        before = ws.revision
        assert ws.get_setting("focus") == {"focus_limit": 3}
        ws.set_setting("focus", {"focus_limit": 4})
        assert ws.get_setting("focus") == {"focus_limit": 4}
        assert ws.revision == before + 1
        ws.touch()
        assert ws.revision == before + 2
        plan = scenarios.active_scenario(ws)  # a transaction that changes settings (the active scenario)
        assert ws.get_setting(scenarios.ACTIVE_KEY) == plan
        with ws.transaction() as cur:
            cur.execute("UPDATE settings SET value = '7' WHERE key = 'revision'")
        assert ws.revision == 7
    ws.close()


def test_a_change_made_elsewhere_shows_at_the_next_block(data_dir):
    ws = create_workspace()
    ws.set_setting("focus", {"focus_limit": 3})
    other = open_workspace(ws.token)  # another session's handle on the same workshop
    with ws.settings_snapshot():
        assert ws.get_setting("focus") == {"focus_limit": 3}
        other.set_setting("focus", {"focus_limit": 5})
        other.set_setting("scoring", {"method": "mean"})
        assert ws.get_setting("focus") == {"focus_limit": 3}  # one moment's settings for the whole run
        assert ws.get_setting("scoring") is None
    assert ws.get_setting("focus") == {"focus_limit": 5}
    with ws.settings_snapshot():
        assert ws.get_setting("scoring") == {"method": "mean"}
    other.close()
    ws.close()


def test_blocks_nest_and_other_threads_read_the_table(data_dir, monkeypatch):
    ws = create_workspace()
    other = open_workspace(ws.token)
    statements = counted(ws, monkeypatch)
    seen: list = []
    with ws.settings_snapshot():
        ws.get_setting("focus")
        with ws.settings_snapshot():  # a fragment inside the page's run
            ws.get_setting("focus")
        other.set_setting("focus", {"focus_limit": 6})
        assert ws.get_setting("focus") is None  # the outer block's snapshot outlived the inner one
        thread = threading.Thread(target=lambda: seen.append(ws.get_setting("focus")))
        thread.start()
        thread.join()
    assert seen == [{"focus_limit": 6}]  # another thread is not in this thread's block
    assert len(statements) == 2  # the block's one read and the other thread's
    other.close()
    ws.close()


def test_a_pull_from_the_store_is_read_at_once(store, sample_file, tmp_path, monkeypatch):  # noqa: F811
    first = stored_sample(store, sample_file, tmp_path / "a", monkeypatch)
    monkeypatch.setenv("JTBD_DATA_DIR", str(tmp_path / "b"))
    second = open_stored_workspace(first.token, store)
    with second.settings_snapshot():
        assert second.get_setting("focus") is None
        first.set_setting("focus", {"focus_limit": 2})  # another laptop's change, pushed to the store
        assert second.get_setting("focus") is None
        assert refresh(second) is True
        assert second.get_setting("focus") == {"focus_limit": 2}
    second.close()
    first.close()
