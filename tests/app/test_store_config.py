"""The app with a workspace store configured (issue 17, item 3), through AppTest: a workspace only
the store holds opens, a deleted or unknown one is refused, a misconfigured or unreachable store
says so without revealing the password."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.strategy import capabilities
from core.workspace.database import new_token
from core.workspace.store import ENVIRONMENT_KEY, store_from_url
from core.workspace.store_sync import open_stored_workspace
from tests.app.app_helpers import new_app, texts
from tests.postgres_server import free_port


def page_text(app) -> str:
    return "\n".join(texts(elements) for elements in (app.error, app.markdown, app.caption, app.warning))


def test_a_workspace_only_the_store_holds_opens(store_url, data_dir: Path, sample_token: str, monkeypatch):
    store = store_from_url(store_url)
    workspace = open_stored_workspace(sample_token, store)
    capabilities.add_capability(workspace, "Kept in PostgreSQL")
    workspace.close()
    (data_dir / f"{sample_token}.duckdb").unlink()
    monkeypatch.setenv(ENVIRONMENT_KEY, store_url)

    app = new_app(sample_token)
    app.switch_page("pages/capabilities.py").run()
    assert not app.exception and not app.error, page_text(app)
    assert (data_dir / f"{sample_token}.duckdb").exists()  # the working copy, rebuilt
    assert [m.value for m in app.metric if m.label == "Capabilities"] == ["1"]

    store.delete_workspace(sample_token)  # deleted from another copy of the app
    app.run()
    assert "does not match any workspace" in page_text(app)
    assert not app.exception

    unknown = new_app(new_token())
    unknown.run()
    assert "does not match any workspace" in page_text(unknown)
    store.close()


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("mysql://admin:hunter2@db.example/jtbd", "'mysql'"),
        (f"postgresql://admin:hunter2@127.0.0.1:{free_port()}/jtbd", "cannot be reached"),
    ],
    ids=["unknown-kind", "unreachable"],  # the port is random: ids stay the same on every xdist worker
)
def test_a_store_that_cannot_be_used_stops_with_a_message(url, said, data_dir, sample_token, monkeypatch):
    monkeypatch.setenv(ENVIRONMENT_KEY, url)
    app = new_app(sample_token)
    app.run()
    assert not app.exception
    shown = page_text(app)
    assert "The workspace store cannot be used" in shown and said in shown
    assert "hunter2" not in shown and "admin" not in shown
