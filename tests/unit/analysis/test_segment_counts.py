"""The counts kept per saved segmentation (core.workspace.segment_counts) never go stale, and
scores and segment differences read from them equal those counted from the raw ratings
(issue 12, item 6). Real DuckDB workspaces, real workbooks written by openpyxl."""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest

from core.analysis.scoring import ScoringSettings, outcome_scores
from core.analysis.segment_profiles import segment_differences, segment_scores
from core.analysis.segment_store import (
    delete_segmentation,
    get_segmentation,
    rename_segments,
    save_segmentation,
)
from core.intake.loading import load_file
from core.workspace import segment_counts
from core.workspace.database import Workspace, new_token, open_workspace
from core.workspace.file import workspace_xlsx
from core.workspace.restore import restore
from tests.unit.sql_writers import statements_writing
from tests.unit.survey_builders import canonical_workbook, store_workbook

KEPT = (
    "SELECT segmentation_id, segment, outcome_id, importance, satisfaction, n FROM segment_rating_counts ORDER BY ALL"
)
FRESH = """
SELECT g.segmentation_id, g.segment, r.outcome_id, r.importance, r.satisfaction, count(*) AS n
FROM ratings r JOIN segments g USING (respondent_id) GROUP BY ALL ORDER BY ALL
"""
KEPT_TOTALS = "SELECT segmentation_id, segment, respondents FROM segment_rating_totals ORDER BY ALL"
FRESH_TOTALS = """
SELECT g.segmentation_id, g.segment, count(DISTINCT r.respondent_id) AS respondents
FROM ratings r JOIN segments g USING (respondent_id) GROUP BY ALL ORDER BY ALL
"""
SETTINGS = [ScoringSettings(method=m, complete_pairs=c) for m in ("top2box", "mean") for c in (False, True)]


def survey(path: Path, seed: int, respondents: int = 60) -> Path:
    """Ratings with blanks and invalid codes, and a panel attribute."""
    rng = random.Random(seed)
    cell = [1, 2, 3, 4, 5, 5, 4, "", "N/A", 9]
    outcomes = {f"O{i}": (f"Step {i % 3}", f"Minimise the time it takes to do thing {i}") for i in range(7)}
    ratings = {o: [(rng.choice(cell), rng.choice(cell)) for _ in range(respondents)] for o in outcomes}
    panel = [rng.choice(["north", "south"]) for _ in range(respondents)]
    return canonical_workbook(path, outcomes, ratings, {"panel": panel})


def segmented(ws: Workspace, seed: int, name: str = "Random segments", k: int = 3) -> str:
    """A saved segmentation of every respondent with a ratings row into ``k`` random segments
    (one respondent left out, as a segmentation leaves out respondents with too few ratings)."""
    rng = random.Random(seed)
    ids = [row[0] for row in ws.cursor().execute("SELECT respondent_id FROM respondents ORDER BY 1").fetchall()]
    assignments = pd.DataFrame({"respondent_id": ids[1:], "segment": [f"S{rng.randrange(k)}" for _ in ids[1:]]})
    return save_segmentation(ws, name, assignments, k=k, silhouette=None, params={"k_requested": k})


def assert_fresh(ws: Workspace) -> pd.DataFrame:
    """The kept counts and totals equal those counted now from ``segments`` and ``ratings``."""
    cur = ws.cursor()
    kept = cur.execute(KEPT).df()
    pd.testing.assert_frame_equal(kept, cur.execute(FRESH).df(), check_dtype=False)
    pd.testing.assert_frame_equal(cur.execute(KEPT_TOTALS).df(), cur.execute(FRESH_TOTALS).df(), check_dtype=False)
    return kept


def from_raw(ws: Workspace, segmentation_id: str, settings: ScoringSettings) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Scores and differences of the segmentation counted from the raw ratings (its counts dropped
    for the call, in a transaction rolled back afterwards)."""
    segmentation = get_segmentation(ws, segmentation_id)

    class Undo(Exception):
        pass

    found: list[pd.DataFrame] = []
    with pytest.raises(Undo), ws.transaction() as cur:
        segment_counts.forget(cur, segmentation_id)
        assert not segment_counts.counted(cur, segmentation.grouping)
        scores = outcome_scores(ws, settings, by=segmentation.grouping)
        profile = segment_scores(ws, segmentation, settings)
        found += [scores, segment_differences(ws, segmentation, profile, settings.complete_pairs)]
        raise Undo
    return found[0], found[1]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_segment_scores_from_counts_equal_those_from_the_raw_ratings(tmp_path: Path, seed: int):
    ws = open_workspace()
    store_workbook(ws, survey(tmp_path / "survey.xlsx", seed))
    segmentation_id = segmented(ws, seed)
    segmentation = get_segmentation(ws, segmentation_id)
    assert segment_counts.counted(ws.cursor(), segmentation.grouping)
    for settings in SETTINGS:
        scores = outcome_scores(ws, settings, by=segmentation.grouping)
        differences = segment_differences(
            ws, segmentation, segment_scores(ws, segmentation, settings), settings.complete_pairs
        )
        raw_scores, raw_differences = from_raw(ws, segmentation_id, settings)
        pd.testing.assert_frame_equal(scores, raw_scores)
        pd.testing.assert_frame_equal(differences, raw_differences)
        assert set(scores["group"]) == {"S0", "S1", "S2"}
        assert scores.drop_duplicates("group")["group_n"].sum() == 59  # all but the one left out
    assert segment_counts.counted(ws.cursor(), segmentation.grouping)  # the rolled-back forget left them


def test_every_write_of_the_segments_rewrites_their_counts(tmp_path: Path):
    ws = open_workspace()
    store_workbook(ws, survey(tmp_path / "first.xlsx", 1))
    first, second = segmented(ws, 1, "First"), segmented(ws, 2, "Second", k=2)
    saved = assert_fresh(ws)
    assert set(saved["segmentation_id"]) == {first, second}

    rename_segments(ws, first, {"S0": "S1", "S1": "S0", "S2": "Heavy users"})  # a swap, through temporary names
    renamed = assert_fresh(ws)
    assert "Heavy users" in set(renamed["segment"]) and "S2" not in set(
        renamed[renamed["segmentation_id"] == first]["segment"]
    )

    exported = workspace_xlsx(ws)
    delete_segmentation(ws, second)
    assert set(assert_fresh(ws)["segmentation_id"]) == {first}

    restored = open_workspace()
    store_workbook(restored, survey(tmp_path / "other.xlsx", 7))
    segmented(restored, 7, "Gone after the restore")
    restore(restored, exported)  # a workspace file over another survey and its segmentations
    assert set(assert_fresh(restored)["segmentation_id"]) == {first, second}
    pd.testing.assert_frame_equal(assert_fresh(restored), renamed)

    replacement = survey(tmp_path / "second.xlsx", 3)
    result = load_file(ws, replacement.read_bytes(), replacement.name, isolated=False)  # a new survey
    assert result.ok
    assert assert_fresh(ws).empty and ws.cursor().execute(KEPT_TOTALS).fetchall() == []


def test_a_failed_save_leaves_neither_segments_nor_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    ws = open_workspace()
    store_workbook(ws, survey(tmp_path / "survey.xlsx", 1))
    kept = segmented(ws, 1, "Kept")

    def failing(cur, segmentation_id=None):
        raise RuntimeError("counting failed")

    monkeypatch.setattr(segment_counts, "refresh", failing)
    with pytest.raises(RuntimeError, match="counting failed"):
        segmented(ws, 2, "Not saved")
    assert [row[0] for row in ws.cursor().execute("SELECT DISTINCT segmentation_id FROM segments").fetchall()] == [kept]
    assert set(assert_fresh(ws)["segmentation_id"]) == {kept}


def test_a_segmentation_from_before_the_counts_is_scored_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("JTBD_DATA_DIR", str(tmp_path))
    token = new_token()
    ws = open_workspace(token, create=True)
    store_workbook(ws, survey(tmp_path / "survey.xlsx", 4))
    grouping = get_segmentation(ws, segmented(ws, 4)).grouping
    expected = {s: outcome_scores(ws, s, by=grouping) for s in SETTINGS}
    ws.cursor().execute("DROP TABLE segment_rating_counts; DROP TABLE segment_rating_totals")  # an older release
    ws.close()

    viewer = open_workspace(token, read_only=True)  # a view link: nothing may be written
    for settings, scores in expected.items():
        pd.testing.assert_frame_equal(outcome_scores(viewer, settings, by=grouping), scores)
    viewer.close()

    editor = open_workspace(token)  # the first writable open counts the old segmentation
    assert segment_counts.counted(editor.cursor(), grouping)
    assert len(assert_fresh(editor)) > 0
    for settings, scores in expected.items():
        pd.testing.assert_frame_equal(outcome_scores(editor, settings, by=grouping), scores)
    editor.close()


def test_only_the_known_statements_write_the_segments():
    """Each statement that changes ``segments`` keeps the counts with it (save, rename, delete,
    clearing the survey, a restore); a new one must too, and is added here once it does."""
    assert statements_writing("segments") == [
        "core/sql/segmentation.sql: DELETE FROM segments",
        "core/sql/segmentation.sql: INSERT INTO segments",
        "core/sql/segmentation.sql: UPDATE segments",
        "core/sql/store.sql: DELETE FROM segments",
        "core/sql/workspace_file.sql: DELETE FROM segments",
        "core/sql/workspace_file.sql: INSERT INTO segments",
    ]
