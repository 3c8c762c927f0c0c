"""Each page's view (core/views) on a real workspace: a frozen dataclass holding what the page shows,
computed by the same core functions the CLI uses."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from core.analysis.competition import load_competition_settings
from core.analysis.scoring import load_settings, outcome_scores, step_scores
from core.analysis.segment_store import GROUPING_PREFIX, SegmentationError
from core.analysis.segmentation import SegmentationOptions, run_segmentation
from core.intake.loading import load_sample
from core.intake.survey_queries import steps_table
from core.strategy.focus_data import load_focus_settings
from core.views.competitors import competitors_view
from core.views.focus import focus_view
from core.views.job_map import job_map_view
from core.views.opportunities import opportunities_view
from core.views.segments import need_clusters_view, segmentation_view
from core.views.survey import grouping_sizes, survey_view
from core.workspace.database import open_workspace


@pytest.fixture(scope="module")
def sample():
    ws = open_workspace()
    load_sample(ws)
    yield ws
    ws.close()


def assert_frozen(view: object) -> None:
    assert dataclasses.is_dataclass(view) and type(view).__dataclass_params__.frozen
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(view, dataclasses.fields(view)[0].name, None)


def test_survey_and_opportunities_views(sample):
    survey = survey_view(sample)
    assert_frozen(survey)
    assert survey.info is not None and survey.info.outcomes == len(survey.outcomes)
    grouping = survey.attribute_groups["grouping"].iloc[0]
    scoring = load_settings(sample)
    view = opportunities_view(sample, scoring, grouping)
    assert_frozen(view)
    sizes = grouping_sizes(sample, grouping)
    group = sizes["grp"].iloc[0]
    expected = outcome_scores(sample, scoring, by=grouping)
    expected = expected[expected["group"] == group].reset_index(drop=True)
    pd.testing.assert_frame_equal(view.scores_of(group), expected)
    assert set(view.steps_of(group)["step_id"]) <= set(steps_table(sample)["step_id"])
    assert view.scores_of("no such group").empty


def test_job_map_competitors_and_focus_views(sample):
    scoring = load_settings(sample)
    job_map = job_map_view(sample, scoring)
    assert_frozen(job_map)
    assert len(job_map.steps) == len(steps_table(sample)) and len(job_map.scores) == len(job_map.outcomes)
    competitors = competitors_view(sample, scoring, load_competition_settings(sample))
    assert_frozen(competitors)
    assert competitors.has_competitors and len(competitors.leads_table) == len(competitors.step_labels)
    focus = focus_view(sample, scoring, load_focus_settings(sample), load_competition_settings(sample))
    assert_frozen(focus)
    assert set(focus.proposal) <= set(focus.steps["step_id"]) and focus.rule


def test_segment_views(sample):
    scoring = load_settings(sample)
    with pytest.raises(SegmentationError):
        segmentation_view(sample, scoring, "gone")
    segmentation_id = run_segmentation(sample, SegmentationOptions(k=3), name="Three", settings=scoring)
    view = segmentation_view(sample, scoring, segmentation_id)
    assert_frozen(view)
    assert len(view.order) == 3 and set(view.step_scores["group"]) == set(view.order)
    # the step scores come from the profile's segment scores (one grouped scoring): the same as
    # scoring the segments afresh
    fresh = step_scores(sample, outcome_scores(sample, scoring, by=GROUPING_PREFIX + segmentation_id), scoring)
    pd.testing.assert_frame_equal(view.step_scores, fresh)
    clusters = need_clusters_view(sample, scoring, 4, segmentation_id)
    assert_frozen(clusters)
    assert clusters.clusters is not None and clusters.clusters.k == 4
    assert clusters.segment_order == tuple(view.order) and clusters.by_segment is not None
