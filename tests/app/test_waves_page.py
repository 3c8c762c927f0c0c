"""The Waves page through AppTest: a checked wave is confirmed and stored, the comparison shows,
the sidebar's "Scores from wave" is persisted and followed by the other pages, text is literal."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.analysis.scoring import load_settings
from core.analysis.waves import list_waves
from core.analysis.waves_intake import check_wave
from core.workspace.database import open_workspace
from tests.app.app_helpers import new_app, switch_to, texts, visit
from tests.unit.survey_builders import canonical_workbook
from tests.wave_files import second_wave
from ui.wave_picker import PICKER_KEY
from ui.waves_import import PENDING

PAGE = "pages/waves.py"


@pytest.fixture
def at(sample_token) -> AppTest:
    return visit(new_app(sample_token), PAGE)


@pytest.fixture
def checked(sample_token, tmp_path: Path):
    """The second wave, checked the way the page's background job checks it."""
    ws = open_workspace(sample_token)
    try:
        content = second_wave(tmp_path / "wave 2.xlsx", rename="O10", drop="O11").read_bytes()
        return check_wave(ws, content, "wave 2.xlsx")
    finally:
        ws.close()


def stored_waves(token: str):
    ws = open_workspace(token)
    try:
        return list_waves(ws), load_settings(ws)
    finally:
        ws.close()


def confirm(at: AppTest, label: str) -> AppTest:
    at.text_input[0].set_value(label)
    next(b for b in at.button if b.label == "Add this wave").click().run()
    assert not at.exception, at.exception
    return at


def test_with_one_wave_the_page_offers_an_import(at):
    assert "Only the base wave so far" in texts(at.info)
    assert not any(s.key == PICKER_KEY for s in at.sidebar.selectbox)


def test_a_checked_wave_shows_its_report_and_unmatched_outcomes_then_is_stored_on_confirm(at, checked, sample_token):
    assert checked.ok, checked.problem
    at.session_state[PENDING] = checked
    at.run()
    warnings = texts(at.warning)
    assert "N99" in warnings and "O10" in warnings and "O11" in warnings  # unmatched and missing, named
    assert len(stored_waves(sample_token)[0]) == 1  # nothing stored before the confirmation
    confirm(at, "**Q3** <b>2026</b>")
    waves, _ = stored_waves(sample_token)
    assert list(waves["label"]) == ["Wave 1", "**Q3** <b>2026</b>"]
    assert "**Q3** <b>2026</b>" in texts(at.success)  # literal, not bold
    assert any(m.label == "Satisfaction rose (sig.)" and int(m.value) >= 3 for m in at.main.metric)
    assert "two-proportion z-test" in texts(at.caption)
    assert at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")


def test_scores_from_wave_is_persisted_and_other_pages_say_so(at, checked, sample_token):
    at.session_state[PENDING] = checked
    at.run()
    confirm(at, "Autumn")
    wave_id = int(stored_waves(sample_token)[0]["wave_id"].iloc[-1])
    picker = next(s for s in at.sidebar.selectbox if s.key == PICKER_KEY)
    picker.set_value(wave_id).run()
    assert not at.exception, at.exception
    assert stored_waves(sample_token)[1].wave == wave_id
    switch_to(at, "pages/opportunities.py")
    assert "from wave “Autumn”" in texts(at.caption)
    switch_to(at, "pages/segments.py")
    assert "stay on the base wave" in texts(at.caption)
    switch_to(at, "pages/data.py")
    assert "Survey waves: “Wave 1” (600 respondents, base), “Autumn” (600 respondents)" in texts(at.caption)


def test_a_wave_that_matches_nothing_is_refused_with_a_message(at, sample_token, tmp_path: Path):
    outcomes = {f"Z{i}": ("Cook", f"Minimize the time it takes to cook dish {i}") for i in range(4)}
    ratings = {o: [(5, 1), (4, 2), (2, 4)] * 12 for o in outcomes}
    content = canonical_workbook(tmp_path / "meals.xlsx", outcomes, ratings).read_bytes()
    ws = open_workspace(sample_token)
    try:
        refused = check_wave(ws, content, "meals.xlsx")
    finally:
        ws.close()
    at.session_state[PENDING] = refused
    at.run()
    assert "No outcome of meals.xlsx matches" in texts(at.error)
    assert not any(b.label == "Add this wave" for b in at.button)


def test_deleting_a_wave(at, checked, sample_token):
    at.session_state[PENDING] = checked
    at.run()
    confirm(at, "Gone soon")
    next(b for b in at.button if b.key == "waves_delete").click().run()
    assert not at.exception, at.exception
    assert len(stored_waves(sample_token)[0]) == 1
    assert "Deleted the wave “Gone soon”" in texts(at.success)
