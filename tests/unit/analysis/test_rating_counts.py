"""The rating counts scoring reads (core.workspace.rating_counts) never go stale, and scores from
them equal scores from the raw ratings (issue 12, items 2 and 6)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pandas as pd
import pytest

from core.analysis.scoring import ScoringSettings, outcome_scores
from core.intake import replace
from core.intake.importers import import_survey
from core.intake.loading import load_sample, sample_files
from core.intake.scales import Scale
from core.intake.store import write_survey
from core.sqlfiles import SQL_DIR
from core.workspace.database import Workspace, new_token, open_workspace
from core.workspace.file import workspace_xlsx
from core.workspace.restore import restore
from tests.unit.survey_builders import canonical_workbook, store_workbook

FRESH_COUNTS = """
SELECT outcome_id, importance, satisfaction, count(*) AS n FROM ratings GROUP BY ALL ORDER BY ALL
"""
KEPT_COUNTS = "SELECT outcome_id, importance, satisfaction, n FROM rating_counts ORDER BY ALL"
FRESH_TOTAL = "SELECT count(DISTINCT respondent_id) FROM ratings"
KEPT_TOTAL = "SELECT respondents FROM rating_totals"
# The mean method's interval bounds use the standard deviation: from counts it is computed
# exactly, DuckDB's stddev_samp rounds as it goes, so these may differ in the last bit.
LAST_BIT = ["importance_low", "importance_high", "satisfaction_low", "satisfaction_high"]


def assert_fresh(ws: Workspace) -> pd.DataFrame:
    """The kept counts equal counts computed now from ``ratings``; returns them."""
    cur = ws.cursor()
    kept = cur.execute(KEPT_COUNTS).df()
    pd.testing.assert_frame_equal(kept, cur.execute(FRESH_COUNTS).df(), check_dtype=False)
    assert cur.execute(KEPT_TOTAL).fetchall() == cur.execute(FRESH_TOTAL).fetchall()
    return kept


def test_every_write_of_the_ratings_rewrites_the_counts(tmp_path: Path):
    first, second = sample_files()[:2]
    ws = open_workspace()
    assert_fresh(ws)  # a new workspace: no ratings, zero respondents
    assert ws.cursor().execute(KEPT_TOTAL).fetchall() == [(0,)]

    load_sample(ws, first)  # an import
    imported = assert_fresh(ws)
    assert len(imported) > 0

    replacement = replace.prepare(second.read_bytes(), second.name, isolated=False)
    replace.commit(ws, replacement)  # replacing the survey
    assert not assert_fresh(ws).equals(imported)

    top_box = Scale(1, 5, (5,))  # read again with other top points: the rescale path
    rescaled = replace.prepare_rescale(ws, top_box)
    assert rescaled is not None and rescaled.ok
    replace.commit(ws, rescaled)
    assert_fresh(ws)

    restored = open_workspace()
    load_sample(restored, first)
    restore(restored, workspace_xlsx(ws))  # restoring a workspace file over another survey
    assert_fresh(restored)
    for settings in (ScoringSettings(), ScoringSettings(method="mean", complete_pairs=True)):
        pd.testing.assert_frame_equal(outcome_scores(restored, settings), outcome_scores(ws, settings))


def test_a_failed_write_leaves_ratings_and_counts_as_they_were():
    ws = open_workspace()
    load_sample(ws)
    before = assert_fresh(ws)
    other = import_survey(sample_files()[1])
    assert other.ok and other.survey is not None
    with pytest.raises(RuntimeError), ws.transaction() as cur:
        write_survey(cur, other.survey)
        raise RuntimeError("the write fails after the ratings and counts were written")
    pd.testing.assert_frame_equal(assert_fresh(ws), before)


def test_no_other_sql_writes_the_ratings():
    """``write_survey`` is the one writer of ``ratings`` (and rewrites the counts): any other
    statement that changes the table would leave the counts stale."""
    writes = re.compile(
        r"\b(INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|TRUNCATE|(CREATE\s+OR\s+REPLACE|DROP|ALTER)\s+TABLE"
        r"|COPY)\s+(main\.)?ratings\b",
        re.IGNORECASE,
    )
    core = SQL_DIR.parent
    found = sorted(
        f"{path.relative_to(core.parent)}: {match.group(0)}"
        for path in [*core.rglob("*.sql"), *core.rglob("*.py")]
        for match in writes.finditer(path.read_text(encoding="utf-8"))
    )
    assert found == ["core/sql/store.sql: DELETE FROM ratings", "core/sql/store.sql: INSERT INTO ratings"]


def test_a_file_from_before_the_counts_is_scored_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("JTBD_DATA_DIR", str(tmp_path))
    token = new_token()
    ws = open_workspace(token, create=True)
    load_sample(ws)
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


@pytest.mark.parametrize("method", ["top2box", "mean"])
@pytest.mark.parametrize("complete_pairs", [False, True])
@pytest.mark.parametrize("seed", [1, 2])
def test_scores_from_counts_equal_scores_from_raw_ratings(tmp_path: Path, method, complete_pairs, seed):
    """Everyone is scored from the counts; a group holding every respondent is scored from the raw
    ratings by the same query: the two agree, n and group size included."""
    ws = open_workspace()
    store_workbook(ws, random_survey(tmp_path / "survey.xlsx", seed))
    settings = ScoringSettings(method=method, complete_pairs=complete_pairs)
    from_counts = outcome_scores(ws, settings).drop(columns="group")
    from_ratings = outcome_scores(ws, settings, by="attribute:panel").drop(columns="group")
    assert len(from_counts) == 6 and from_counts["group_n"].eq(40).all()
    exact = [c for c in from_counts.columns if c not in LAST_BIT]
    pd.testing.assert_frame_equal(from_counts[exact], from_ratings[exact], check_exact=True)
    pd.testing.assert_frame_equal(from_counts[LAST_BIT], from_ratings[LAST_BIT], rtol=1e-12)
