"""The Communication page's touchpoint table (all or nothing), its tolerant settings and the
coverage heat map's builder (pure: names are data)."""

from __future__ import annotations

import pandas as pd
import pytest

from core.strategy import communication as comm
from core.strategy.communication import CommunicationError
from core.strategy.communication_checks import NO_MESSAGE, NO_PROOF, PROVEN
from core.strategy.communication_messages import set_message
from core.strategy.communication_rows import apply_touchpoint_table
from core.workspace.database import create_workspace, open_workspace
from ui.charts.communication import column_label, coverage_chart


@pytest.fixture
def ws():
    workspace = open_workspace()
    comm.ensure_touchpoints(workspace)
    yield workspace
    workspace.close()


def table(ws) -> pd.DataFrame:
    frame = comm.touchpoints(ws)[["touchpoint_id", "name", "stage"]].copy()
    frame["order"] = range(1, len(frame) + 1)
    return frame.astype(object)


def names(ws) -> list[str]:
    return comm.touchpoints(ws)["name"].tolist()


def test_moving_a_row_down_puts_it_after_the_row_it_lands_on(ws):
    edited = table(ws)
    edited.loc[0, "order"] = 3  # Website → third
    assert apply_touchpoint_table(ws, edited) == ["New order of the touchpoints"]
    assert names(ws)[:4] == ["Advertising", "Sales conversation", "Website", "Demo"]


def test_a_bad_row_changes_nothing(ws):
    edited = table(ws)
    edited.loc[1, "name"] = "WEBSITE"
    edited.loc[2, "stage"] = "launch"
    with pytest.raises(CommunicationError, match="Rows 1 and 2 are both called “WEBSITE”"):
        apply_touchpoint_table(ws, edited)
    edited.loc[1, "name"] = "Ads"
    with pytest.raises(CommunicationError, match="Stage “launch”"):
        apply_touchpoint_table(ws, edited)
    assert names(ws)[1] == "Advertising"


def test_a_row_holding_messages_is_not_deleted_from_the_table(ws):
    element = comm.add_element(ws, "text", "One inbox")
    demo = comm.touchpoints(ws)["touchpoint_id"].iloc[3]
    set_message(ws, element, demo, text="See it live")
    edited = table(ws).drop(index=[3, 4])  # Demo (1 message) and Proposal (none)
    with pytest.raises(CommunicationError, match="“Demo” holds 1 message"):
        apply_touchpoint_table(ws, edited)
    assert len(names(ws)) == 8
    assert apply_touchpoint_table(ws, table(ws).drop(index=[4])) == ["Deleted Proposal"]


def test_tampered_settings_take_their_defaults(ws):
    ws.set_setting(comm.SETTINGS_KEY, {"min_touchpoints": "lots", "targets": "x", "not_for": "Big firms"})
    settings = comm.load_communication_settings(ws)
    assert settings == comm.CommunicationSettings(min_touchpoints=3, not_for="Big firms", targets=())
    ws.set_setting(comm.SETTINGS_KEY, [1, 2])
    assert comm.load_communication_settings(ws) == comm.CommunicationSettings()


def test_a_read_only_workspace_is_not_seeded(tmp_path, monkeypatch):
    monkeypatch.setenv("JTBD_DATA_DIR", str(tmp_path))
    workspace = create_workspace()
    token = workspace.token
    workspace.close()
    read_only = open_workspace(token, read_only=True)
    assert comm.ensure_touchpoints(read_only) is False
    assert comm.touchpoints(read_only).empty
    read_only.close()


def test_the_heat_map_takes_names_as_data_in_map_order():
    columns = pd.DataFrame({"element_id": ["a", "b"], "name": ["**Bold** [x](http://e.org)", "Close the books fast"]})
    points = pd.DataFrame({"touchpoint_id": ["t1", "t2"], "name": ["=Web", "Demo"]})
    coverage = pd.DataFrame(
        {"touchpoint_id": ["t1", "t1", "t2", "t2"], "element_id": ["a", "b", "a", "b"], "messages": [2, 0, 1, 0],
         "proven": [2, 0, 0, 0], "status": [PROVEN, NO_MESSAGE, NO_PROOF, NO_MESSAGE]}
    )  # fmt: skip
    spec = coverage_chart(coverage, columns, points)
    cells = spec["datasets"]["cells"]
    assert [(c["touchpoint"], c["column"], c["text"]) for c in cells] == [
        ("=Web", column_label("**Bold** [x](http://e.org)"), "2"),
        ("=Web", "Close the books\nfast", "–"),
        ("Demo", column_label("**Bold** [x](http://e.org)"), "1"),
        ("Demo", "Close the books\nfast", "–"),
    ]
    layer = spec["layer"][0]["encoding"]
    assert layer["y"]["sort"] == ["=Web", "Demo"] and layer["x"]["sort"][1] == "Close the books\nfast"
    assert spec["height"] == 2 * 34
    assert column_label("A very long element name that goes on and on and on").count("\n") <= 2
