"""After a pull, the next push sends only what changed here (issue 17, item 3): a pulled big table
(ratings, competitor ratings) is recorded with the fingerprint a push computes for it, so it is
not sent back to the store by the first card move that follows."""

from __future__ import annotations

from core.strategy import jobmap, scenarios
from core.strategy.focus import DIFFERENTIATE
from core.workspace.store_sync import open_stored_workspace, refresh
from tests.unit.workspace.test_store import sample_file, store, stored_sample  # noqa: F401  (fixtures)


def test_a_move_after_pulling_big_tables_sends_only_the_move(store, sample_file, tmp_path, monkeypatch):  # noqa: F811
    first = stored_sample(store, sample_file, tmp_path / "a", monkeypatch)
    plan = scenarios.active_scenario(first)
    monkeypatch.setenv("JTBD_DATA_DIR", str(tmp_path / "b"))
    second = open_stored_workspace(first.token, store)

    jobmap.rename_step(first, 2, "Receive and log supplier invoices")  # the survey signature changes:
    pulled = store.changes_since(first.token, store.revision(first.token) - 1)  # the big tables go too
    assert pulled is not None
    big = {"ratings", "competitor_ratings"} & {t.name for t in pulled.tables}
    assert big, [t.name for t in pulled.tables]
    assert refresh(second) is True

    before = store.revision(first.token)
    scenarios.set_choice(second, plan, 3, DIFFERENTIATE)
    sent = store.changes_since(first.token, before)
    assert sent is not None
    names = {t.name for t in sent.tables}
    assert "decisions" in names
    assert not big & names, sorted(names)
    second.close()
    first.close()
