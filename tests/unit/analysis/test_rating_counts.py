"""The rating counts scoring reads (core.workspace.rating_counts) never go stale, and scores from
them equal scores from the raw ratings (issue 12, items 2 and 6)."""

from __future__ import annotations

import math
import random
import statistics
from pathlib import Path

import pandas as pd
import pytest

from core.analysis.scoring import ScoringSettings, mean_score, outcome_scores, top_two_box, wilson_interval
from core.intake import replace
from core.intake.importers import import_survey
from core.intake.loading import load_file
from core.intake.scales import SCALES, Scale
from core.intake.store import write_survey
from core.workspace.database import Workspace, new_token, open_workspace
from core.workspace.file import workspace_xlsx
from core.workspace.restore import restore
from tests.unit.sql_writers import statements_writing
from tests.unit.survey_builders import canonical_workbook, store_workbook

FRESH_COUNTS = """
SELECT outcome_id, importance, satisfaction, count(*) AS n FROM ratings GROUP BY ALL ORDER BY ALL
"""
KEPT_COUNTS = "SELECT outcome_id, importance, satisfaction, n FROM rating_counts ORDER BY ALL"
FRESH_TOTAL = "SELECT count(DISTINCT respondent_id) FROM ratings"
KEPT_TOTAL = "SELECT respondents FROM rating_totals"
SCALE = Scale(1, 5, (4, 5))


def assert_fresh(ws: Workspace) -> pd.DataFrame:
    """The kept counts equal counts computed now from ``ratings``; returns them."""
    cur = ws.cursor()
    kept = cur.execute(KEPT_COUNTS).df()
    pd.testing.assert_frame_equal(kept, cur.execute(FRESH_COUNTS).df(), check_dtype=False)
    assert cur.execute(KEPT_TOTAL).fetchall() == cur.execute(FRESH_TOTAL).fetchall()
    return kept


def test_every_write_of_the_ratings_rewrites_the_counts(tmp_path: Path):
    first, second = random_survey(tmp_path / "first.xlsx", 1), random_survey(tmp_path / "second.xlsx", 2)
    ws = open_workspace()
    assert_fresh(ws)  # a new workspace: no ratings, zero respondents
    assert ws.cursor().execute(KEPT_TOTAL).fetchall() == [(0,)]

    load_file(ws, first.read_bytes(), first.name, isolated=False)  # an import
    imported = assert_fresh(ws)
    assert len(imported) > 0

    replacement = replace.prepare(second.read_bytes(), second.name, isolated=False)
    replace.commit(ws, replacement)  # replacing the survey

    replaced = assert_fresh(ws)
    assert not replaced.equals(imported)
    # read again on another scale (the rescale path): the 9s, invalid on 1–5, are now ratings
    rescaled = replace.prepare_rescale(ws, SCALES["1-10"])
    assert rescaled is not None and rescaled.ok
    replace.commit(ws, rescaled)
    assert not assert_fresh(ws).equals(replaced)

    restored = open_workspace()
    store_workbook(restored, first)
    restore(restored, workspace_xlsx(ws))  # restoring a workspace file over another survey
    assert_fresh(restored)
    for settings in (ScoringSettings(), ScoringSettings(method="mean", complete_pairs=True)):
        pd.testing.assert_frame_equal(outcome_scores(restored, settings), outcome_scores(ws, settings))


def test_a_failed_write_leaves_ratings_and_counts_as_they_were(tmp_path: Path):
    ws = open_workspace()
    store_workbook(ws, random_survey(tmp_path / "first.xlsx", 1))
    before = assert_fresh(ws)
    other = import_survey(random_survey(tmp_path / "second.xlsx", 2))
    assert other.ok and other.survey is not None
    with pytest.raises(RuntimeError), ws.transaction() as cur:
        write_survey(cur, other.survey)
        raise RuntimeError("the write fails after the ratings and counts were written")
    pd.testing.assert_frame_equal(assert_fresh(ws), before)


def test_no_other_sql_writes_the_ratings():
    """``write_survey`` is the one writer of ``ratings`` (and rewrites the counts): any other
    statement that changes the table would leave the counts stale."""
    assert statements_writing("ratings") == [
        "core/sql/store.sql: DELETE FROM ratings",
        "core/sql/store.sql: INSERT INTO ratings",
    ]


def test_a_file_from_before_the_counts_is_scored_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("JTBD_DATA_DIR", str(tmp_path))
    token = new_token()
    ws = open_workspace(token, create=True)
    store_workbook(ws, random_survey(tmp_path / "survey.xlsx", 1))
    settings = ScoringSettings(method="mean")
    expected = outcome_scores(ws, settings)
    ws.cursor().execute("DROP TABLE rating_counts; DROP TABLE rating_totals")  # as an older release wrote it
    ws.close()

    viewer = open_workspace(token, read_only=True)  # a view link: nothing may be written
    pd.testing.assert_frame_equal(outcome_scores(viewer, settings), expected)
    tables = "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'rating_counts' AND NOT temporary"
    assert viewer.cursor().execute(tables).fetchall() == [(0,)]
    viewer.close()

    editor = open_workspace(token)  # the first writable open fills them
    assert len(assert_fresh(editor)) > 0
    pd.testing.assert_frame_equal(outcome_scores(editor, settings), expected)
    editor.close()


def random_survey(path: Path, seed: int) -> Path:
    """Ratings with blanks and invalid codes; every respondent in one panel (an attribute)."""
    rng = random.Random(seed)
    cell = [1, 2, 3, 4, 5, 5, 4, "", "N/A", 0, 9]
    outcomes = {f"O{i}": (f"Step {i % 3}", f"Minimise the time it takes to do thing {i}") for i in range(6)}
    n = 40
    ratings = {o: [(rng.choice(cell), rng.choice(cell)) for _ in range(n)] for o in outcomes}
    ratings["O5"] = [("", rng.choice([1, 2, 3, 4, 5])) for _ in range(n)]  # never rated for importance
    return canonical_workbook(path, outcomes, ratings, {"panel": ["yes"] * n})


def oracle(ratings: pd.DataFrame, method: str, complete_pairs: bool) -> pd.DataFrame:
    """Scores per outcome computed in pandas from the raw ratings, by the module's formulas."""
    outcome_ids = sorted(ratings["outcome_id"].unique())
    if complete_pairs:
        ratings = ratings.dropna(subset=["importance", "satisfaction"])
    rows = []
    for outcome_id in outcome_ids:
        rated = ratings[ratings["outcome_id"] == outcome_id]
        row: dict[str, object] = {"outcome_id": outcome_id}
        for measure in ("importance", "satisfaction"):
            valid = [int(v) for v in rated[measure].dropna()]
            n, top = len(valid), sum(v >= 4 for v in valid)
            score = low = high = math.nan
            if n and method == "top2box":
                score = top_two_box(top, n)
                low, high = (10 * bound for bound in wilson_interval(top, n))
            elif n:
                sd = statistics.stdev(valid) if n > 1 else 0.0
                score = mean_score(statistics.fmean(valid), SCALE)
                low = max(0.0, mean_score(statistics.fmean(valid) - 1.96 * sd / math.sqrt(n), SCALE))
                high = min(10.0, mean_score(statistics.fmean(valid) + 1.96 * sd / math.sqrt(n), SCALE))
            row |= {f"n_{measure}": n, measure: score, f"{measure}_low": low, f"{measure}_high": high}
        rows.append(row)
    return pd.DataFrame(rows).set_index("outcome_id").sort_index()


@pytest.mark.parametrize("method", ["top2box", "mean"])
@pytest.mark.parametrize("complete_pairs", [False, True])
@pytest.mark.parametrize("seed", [1, 2])
def test_scores_from_counts_equal_the_formulas_over_raw_ratings(tmp_path: Path, method, complete_pairs, seed):
    """Everyone (from the kept counts) and a group holding every respondent (counted from the raw
    ratings by the same query) both equal the formulas applied in pandas to the raw ratings; an
    outcome nobody rated for importance has no importance score and no interval."""
    ws = open_workspace()
    store_workbook(ws, random_survey(tmp_path / "survey.xlsx", seed))
    settings = ScoringSettings(method=method, complete_pairs=complete_pairs)
    expected = oracle(ws.cursor().execute("SELECT * FROM ratings").df(), method, complete_pairs)
    assert expected.loc["O5", ["importance", "importance_low", "importance_high"]].isna().all()
    for by in (None, "attribute:panel"):
        found = outcome_scores(ws, settings, by=by).set_index("outcome_id").sort_index()
        assert found["group_n"].eq(40).all()
        columns = list(expected.columns)
        pd.testing.assert_frame_equal(found[columns], expected, check_dtype=False, rtol=1e-12)
