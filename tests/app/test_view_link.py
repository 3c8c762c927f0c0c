"""View links in the app (issue 17.1): every page opens, nothing stored changes, write widgets are
gone; the facilitator's Share menu shows, revokes and re-issues links (and deletes, issue 17.6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.strategy.scenarios import active_scenario, create_scenario
from core.workspace.database import WorkspaceNotFound, open_workspace
from core.workspace.links import Role, link, resolve, revoke
from tests.app.app_helpers import new_app, texts

PAGES = [
    "pages/data.py",
    "pages/job_map.py",
    "pages/opportunities.py",
    "pages/segments.py",
    "pages/competitors.py",
    "pages/focus_matrix.py",
    "pages/capabilities.py",
    "pages/trade_offs.py",
    "pages/communication.py",
    "pages/customers.py",
    "pages/metrics.py",
    "pages/waves.py",
    "pages/method.py",
    "pages/export.py",
]
# Write widgets that must not be there for a viewer, by page (label of a button, or a widget type).
NO_WRITES = {
    "pages/data.py": {"buttons": {"Load this sample", "Hide the guide"}, "file_uploader": 0},
    "pages/job_map.py": {
        "buttons": {"Up", "Down", "Delete step", "Move", "Undo the last bulk change"},
        "file_uploader": 0,
    },
    "pages/segments.py": {"buttons": {"Run segmentation", "Delete this segmentation"}},
    "pages/focus_matrix.py": {"buttons": {"Suggest", "Reset", "Save copy", "Start an empty scenario"}},
    "pages/export.py": {"file_uploader": 0},
}


def _fingerprint(token: str) -> dict[str, tuple]:
    workspace = open_workspace(token, refuse_writes=True)
    cur = workspace.cursor()
    tables = [row[0] for row in cur.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
    found = {t: cur.execute(f'SELECT count(*), bit_xor(hash(t)) FROM "{t}" t').fetchone() for t in tables}
    workspace.close()
    return found  # type: ignore[return-value]


@pytest.fixture
def edit_token(sample_token: str) -> str:
    """A workspace holding the sample and a scenario (the facilitator opened the Focus matrix)."""
    workspace = open_workspace(sample_token)
    active_scenario(workspace)
    workspace.close()
    return sample_token


def test_a_view_link_shows_every_page_without_write_widgets_and_changes_nothing(edit_token: str) -> None:
    view = link(edit_token, Role.VIEW)
    before = _fingerprint(edit_token)
    app = new_app(view, timeout=120)
    app.run()
    assert not app.exception
    for page in PAGES:
        app.switch_page(page).run(timeout=120)
        assert not app.exception, (page, app.exception)
        assert any("View-only link" in str(i.value) for i in app.sidebar.info), page
        assert not {"Revoke view link", "Re-issue edit link"} & {b.label for b in app.button}, page  # no Share menu
        assert not [e for e in app.error], (page, texts(app.error))
        forbidden = NO_WRITES.get(page, {})
        labels = {b.label for b in app.button}
        assert not labels & forbidden.get("buttons", set()), (page, labels & forbidden["buttons"])
        if "file_uploader" in forbidden:
            assert len(app.get("file_uploader")) == 0, page
    assert _fingerprint(edit_token) == before


def test_the_viewer_switches_scenarios_for_itself_only(edit_token: str) -> None:
    editor = open_workspace(edit_token)
    first = active_scenario(editor)
    second = create_scenario(editor, "Plan B")
    editor.close()
    app = new_app(link(edit_token, Role.VIEW), timeout=120)
    app.run()
    app.switch_page("pages/focus_matrix.py").run(timeout=120)
    picker = app.selectbox(key="focus_scenario_pick")
    picker.set_value(second).run(timeout=120)
    assert not app.exception
    assert app.selectbox(key="focus_scenario_pick").value == second
    editor = open_workspace(edit_token)
    assert active_scenario(editor) == first  # stored: unchanged
    editor.close()


def _share_codes(app: AppTest) -> list[str]:
    return [str(c.value) for c in app.sidebar.code]


def test_the_facilitator_sees_both_links_and_can_revoke_and_reissue_them(edit_token: str) -> None:
    app = new_app(edit_token, timeout=120)
    app.run()
    assert not app.exception
    assert {"Revoke view link", "Re-issue edit link"} <= {b.label for b in app.button}  # the Share menu
    view = link(edit_token, Role.VIEW)
    codes = _share_codes(app)
    assert any(code.endswith(f"?ws={view}") for code in codes)
    assert any(code.endswith(f"?ws={edit_token}") for code in codes)

    app.button(key="share_revoke_view").click().run(timeout=120)
    assert not app.exception
    with pytest.raises(WorkspaceNotFound):
        resolve(view)
    new_view = link(edit_token, Role.VIEW)
    assert new_view != view and any(code.endswith(f"?ws={new_view}") for code in _share_codes(app))

    app.button(key="share_reissue_edit").click().run(timeout=120)
    assert not app.exception
    new_edit = app.query_params["ws"][0] if isinstance(app.query_params["ws"], list) else app.query_params["ws"]
    assert new_edit != edit_token and resolve(new_edit).role is Role.EDIT
    with pytest.raises(WorkspaceNotFound):
        resolve(edit_token)
    assert resolve(new_view).role is Role.VIEW  # the view link survives a new edit link


def test_a_revoked_link_stops_at_its_next_run(edit_token: str) -> None:
    view = link(edit_token, Role.VIEW)
    app = new_app(view, timeout=120)
    app.run()
    assert not app.exception
    revoke(edit_token, Role.VIEW)
    app.run(timeout=120)
    assert not app.exception
    assert "does not match any workspace" in texts(app.error)


def test_the_facilitator_deletes_the_workspace_after_confirming(edit_token: str, data_dir: Path) -> None:
    app = new_app(edit_token, timeout=120)
    app.run()
    app.button(key="share_delete").click().run(timeout=120)
    assert not app.exception
    assert (data_dir / f"{edit_token}.duckdb").exists()  # only asked so far
    app.button(key="share_delete_yes").click().run(timeout=120)
    assert not app.exception
    assert not (data_dir / f"{edit_token}.duckdb").exists()
    with pytest.raises(WorkspaceNotFound):
        resolve(edit_token)
