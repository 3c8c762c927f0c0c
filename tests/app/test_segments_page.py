"""The Segments page in the real app (AppTest): run, profile, rename, need clusters, bad input."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core.analysis.segment_store import list_segmentations, segment_sizes
from core.intake.loading import load_file
from tests.app.app_helpers import finish_jobs, switch_to, texts
from tests.unit.survey_builders import canonical_workbook

RUN = "FormSubmitter:seg_run-Run segmentation"
TIMEOUT = 90


@pytest.fixture
def segments(app: AppTest) -> AppTest:
    return switch_to(app, "pages/segments.py", TIMEOUT)


def run_segmentation(at: AppTest) -> AppTest:
    """Click Run, then rerun while the background job shows its panel (as the page's polling
    fragment does in a browser) until the page has taken the outcome."""
    at.button(key=RUN).click()
    at.run(timeout=TIMEOUT)
    return finish_jobs(at, TIMEOUT)


def test_renders_before_any_segmentation(segments):
    assert segments.title[0].value == "Segments"
    assert "No segmentation yet" in texts(segments.info)
    assert [t.label for t in segments.tabs] == ["Segments", "Need clusters"]


def test_running_a_segmentation_saves_it_and_shows_the_profile(segments, stored):
    run_segmentation(segments)
    assert "Segmentation saved" in texts(segments.success)
    metrics = {m.label: m.value for m in segments.main.metric}
    assert metrics["Segments"] == "4" and metrics["Respondents segmented"] == "600"
    saved = list_segmentations(stored)
    assert [s.name for s in saved] == ["Segmentation 1 (4 segments)"]
    assert segments.selectbox(key="seg_selected").value == saved[0].segmentation_id
    profile = segments.selectbox(key=f"seg_profile_{saved[0].segmentation_id}")
    assert profile.value.startswith("Underserved on: ") and len(profile.options) == 4
    assert "respondents (40%)" in texts(segments.markdown)
    assert "Would underserved segments pay more?" in texts(segments.subheader)
    assert "most underserved segment" in texts(segments.markdown)
    assert len(segments.dataframe) >= 2

    # Its segments are now a group filter on the Opportunities page.
    segments.switch_page("pages/opportunities.py").run(timeout=TIMEOUT)
    by = segments.selectbox(key="opportunities_by")
    assert "Segments: Segmentation 1 (4 segments)" in by.options
    by.select(f"segmentation:{saved[0].segmentation_id}").run(timeout=TIMEOUT)
    assert not segments.exception, segments.exception
    assert segments.selectbox(key="opportunities_grp").value.startswith("Underserved on: ")
    assert "240 respondents in this group." in texts(segments.info)


def test_a_fixed_k_a_name_and_renames_persist(segments, stored):
    segments.text_input(key="seg_name").input("Workshop cut")
    segments.radio(key="seg_mode").set_value("Fixed")
    segments.slider(key="seg_k").set_value(3)
    run_segmentation(segments)
    saved = list_segmentations(stored)[0]
    assert saved.name == "Workshop cut" and saved.k == 3
    old = list(segment_sizes(stored, saved.segmentation_id)["grp"])
    segments.text_input(key=f"seg_rn_{saved.segmentation_id}_1").input("Approval chasers")
    segments.button(key=f"FormSubmitter:seg_rename_{saved.segmentation_id}-Save names").click()
    segments.run(timeout=TIMEOUT)
    assert "Names saved." in texts(segments.success)
    assert set(segment_sizes(stored, saved.segmentation_id)["grp"]) == {"Approval chasers", *old[1:]}

    # A duplicate name is refused with a message, and nothing changes.
    segments.text_input(key=f"seg_rn_{saved.segmentation_id}_2").input("approval chasers")
    segments.button(key=f"FormSubmitter:seg_rename_{saved.segmentation_id}-Save names").click()
    segments.run(timeout=TIMEOUT)
    assert "Names not saved" in texts(segments.error)
    assert set(segment_sizes(stored, saved.segmentation_id)["grp"]) == {"Approval chasers", *old[1:]}

    segments.button(key=f"seg_delete_{saved.segmentation_id}").click()
    segments.run(timeout=TIMEOUT)
    assert list_segmentations(stored) == []
    assert "No segmentation yet" in texts(segments.info)


def test_need_clusters_tab(segments):
    segments.session_state["seg_tab"] = "Need clusters"
    segments.run(timeout=TIMEOUT)
    assert not segments.exception, segments.exception
    assert "No need cluster is underserved as a whole" in texts(segments.markdown)
    summary = segments.dataframe[0].value
    assert len(summary) == 5 and summary["n_outcomes"].sum() == 80
    segments.radio(key="nc_mode").set_value("Fixed").run(timeout=TIMEOUT)
    segments.slider(key="nc_k").set_value(3).run(timeout=TIMEOUT)
    assert len(segments.dataframe[0].value) == 3


def test_degenerate_survey_gives_a_message_not_a_traceback(segments, stored, tmp_path):
    survey = canonical_workbook(
        tmp_path / "same.xlsx", {"O1": ("S", "x"), "O2": ("S", "y")}, {"O1": [(4, 2)] * 5, "O2": [(4, 2)] * 5}
    )
    assert load_file(stored, survey.read_bytes(), survey.name).ok
    segments.run(timeout=TIMEOUT)
    run_segmentation(segments)
    assert "No segmentation was saved: Every respondent gave the same ratings" in texts(segments.error)
    assert list_segmentations(stored) == []
    segments.session_state["seg_tab"] = "Need clusters"
    segments.run(timeout=TIMEOUT)
    assert not segments.exception, segments.exception
    assert "Need clusters need at least 3 rated outcomes" in texts(segments.warning)


def test_k_larger_than_the_respondents(segments, stored, tmp_path):
    survey = canonical_workbook(tmp_path / "few.xlsx", {"O1": ("S", "x")}, {"O1": [(5, 1), (1, 5), (3, 3)]})
    assert load_file(stored, survey.read_bytes(), survey.name).ok
    segments.run(timeout=TIMEOUT)
    segments.radio(key="seg_mode").set_value("Fixed")
    segments.slider(key="seg_k").set_value(5)
    run_segmentation(segments)
    assert "k = 5 asks for as many segments as there are respondents" in texts(segments.error)
    assert list_segmentations(stored) == []


def test_a_first_visits_first_segmentation_goes_into_its_new_workspace(first_visit):
    # The segmentation is the first change: it creates the workspace, and its job must write through
    # a handle the next run keeps open (the first visit's read-only handle is closed by that run).
    at = switch_to(first_visit, "pages/segments.py", TIMEOUT)
    run_segmentation(at)
    assert not at.error, texts(at.error)
    assert "Segmentation saved" in texts(at.success)
    assert "ws" in at.query_params
