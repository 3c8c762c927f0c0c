"""The scoring and profiling SQL runs unchanged on any DuckDB named by a connection string:
in memory, a local file, or the one configured in $JTBD_DUCKDB_URL (issue 12, item 6).
MotherDuck (``md:``) needs the network and is not tested here (docs/ARCHITECTURE.md)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from core.analysis.scoring import ScoringSettings, outcome_scores
from core.analysis.segment_profiles import profile_segmentation
from core.analysis.segment_store import get_segmentation, save_segmentation
from core.intake.loading import load_sample
from core.intake.survey_queries import attribute_groups
from core.workspace.database import Workspace
from core.workspace.database_url import ENVIRONMENT_KEY, NoDatabaseConfigured, open_database


def figures(ws: Workspace) -> dict[str, pd.DataFrame]:
    """Every kind of score the pages show: everyone, by attribute, by competitor, a segment profile."""
    grouping = attribute_groups(ws)["grouping"].iloc[0]
    respondents = ws.cursor().execute("SELECT respondent_id FROM respondents ORDER BY respondent_id").df()
    respondents["segment"] = ["Segment " + "AB"[i % 2] for i in range(len(respondents))]
    segmentation_id = save_segmentation(ws, "Halves", respondents, k=2, silhouette=None, params={})
    profile = profile_segmentation(ws, get_segmentation(ws, segmentation_id))
    shown = {
        "profile sizes": profile.sizes,
        "profile scores": profile.scores,
        "profile differences": profile.differences,
        "profile attribute mix": profile.attribute_mix,
    }
    for settings in (ScoringSettings(), ScoringSettings(method="mean", complete_pairs=True)):
        for by in (None, grouping, "competitors"):
            shown[f"{settings.method} by {by}"] = outcome_scores(ws, settings, by=by)
    return shown


@pytest.fixture(scope="module")
def in_memory() -> dict[str, pd.DataFrame]:
    ws = open_database(":memory:")
    load_sample(ws)
    return figures(ws)


def assert_same(found: dict[str, pd.DataFrame], expected: dict[str, pd.DataFrame]) -> None:
    assert found.keys() == expected.keys()
    for name, frame in expected.items():
        assert len(frame) > 0, name
        pd.testing.assert_frame_equal(found[name], frame, obj=name)


def test_a_local_file_scores_as_in_memory(tmp_path: Path, in_memory):
    path = tmp_path / "pooled" / "ratings.duckdb"
    ws = open_database(str(path))
    load_sample(ws)
    assert path.exists() and ws.path == path
    assert_same(figures(ws), in_memory)
    ws.close()

    reopened = open_database(str(path))  # what was stored lasts; the counts came with it
    pd.testing.assert_frame_equal(outcome_scores(reopened), in_memory["top2box by None"])
    reopened.close()


def test_the_configured_database_is_the_one_opened(tmp_path: Path, monkeypatch, in_memory):
    path = tmp_path / "configured.duckdb"
    monkeypatch.setenv(ENVIRONMENT_KEY, f"  {path}  ")
    ws = open_database()
    assert ws.path == path
    load_sample(ws)
    assert_same(figures(ws), in_memory)
    ws.close()


def test_no_configuration_is_a_message(monkeypatch):
    monkeypatch.delenv(ENVIRONMENT_KEY, raising=False)
    with pytest.raises(NoDatabaseConfigured, match=f"set {ENVIRONMENT_KEY} to ':memory:'"):
        open_database()
