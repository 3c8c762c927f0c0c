"""Property tests: the SQL scores equal the formulas of docs/ARCHITECTURE.md, Scoring on random data."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.analysis.scoring import ScoringSettings, mean_score, opportunity, outcome_scores, top_two_box
from core.intake.importers import import_survey
from core.intake.scales import SCALES
from core.intake.store import store_survey
from core.workspace.database import open_workspace

INVALID = ["", "N/A", "Don't know", 0, 6, -99]
rating = st.one_of(st.integers(1, 5), st.sampled_from(INVALID))


@st.composite
def surveys(draw):
    n_respondents = draw(st.integers(1, 25))
    n_outcomes = draw(st.integers(1, 4))
    cells = draw(
        st.lists(st.tuples(rating, rating), min_size=n_respondents * n_outcomes, max_size=n_respondents * n_outcomes)
    )
    return n_respondents, n_outcomes, cells


def long_csv(n_respondents, n_outcomes, cells) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["respondent_id", "outcome_id", "importance", "satisfaction"])
    for r in range(n_respondents):
        for o in range(n_outcomes):
            imp, sat = cells[r * n_outcomes + o]
            writer.writerow([f"R{r}", f"O{o}", imp, sat])
    return out.getvalue().encode()


def on_scale(value) -> bool:
    return isinstance(value, int) and 1 <= value <= 5


def expected(values, method):
    valid = [v for v in values if on_scale(v)]
    if not valid:
        return None, 0
    if method == "mean":
        return mean_score(sum(valid) / len(valid), SCALES["1-5"]), len(valid)
    return top_two_box(sum(v >= 4 for v in valid), len(valid)), len(valid)


@settings(max_examples=35, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(survey=surveys(), method=st.sampled_from(["top2box", "mean"]))
def test_sql_scores_equal_the_formulas(survey, method):
    n_respondents, n_outcomes, cells = survey
    result = import_survey(long_csv(*survey), "random.csv", scale=SCALES["1-5"])
    # Refused exactly when nothing can be scored: no outcome has both a valid importance and a valid
    # satisfaction rating (from anyone); the message says so ("Nothing to score").
    scorable = any(
        any(on_scale(cells[r * n_outcomes + o][0]) for r in range(n_respondents))
        and any(on_scale(cells[r * n_outcomes + o][1]) for r in range(n_respondents))
        for o in range(n_outcomes)
    )
    assert result.ok == scorable, [getattr(m, "text", m) for m in result.report.errors]
    if not result.ok:
        return
    workspace = open_workspace()
    store_survey(workspace, result.survey)
    scores = outcome_scores(workspace, ScoringSettings(method=method)).set_index("outcome_id")
    kept = set(result.survey.ratings["respondent_id"])
    for o in range(n_outcomes):
        rows = [cells[r * n_outcomes + o] for r in range(n_respondents) if f"R{r}" in kept]
        imp, n_imp = expected([p[0] for p in rows], method)
        sat, n_sat = expected([p[1] for p in rows], method)
        if f"O{o}" not in scores.index:
            assert n_imp == 0 and n_sat == 0
            continue
        row = scores.loc[f"O{o}"]
        assert row.n_importance == n_imp and row.n_satisfaction == n_sat
        if imp is None:
            assert row.importance != row.importance  # NaN
        else:
            assert row.importance == pytest.approx(imp)
            assert 0 <= row.importance <= 10
        if imp is not None and sat is not None:
            assert row.opportunity == pytest.approx(opportunity(imp, sat))
            assert row.importance - 1e-9 <= row.opportunity <= 2 * row.importance + 1e-9
            assert row.opportunity <= 20 + 1e-9
            assert bool(row.overserved) == (sat - imp > 1.0)
    workspace.close()


@settings(max_examples=20, deadline=None)
@given(survey=surveys(), noise=st.lists(st.sampled_from(INVALID), min_size=1, max_size=10))
def test_adding_invalid_codes_never_changes_scores(survey, noise):
    n_respondents, n_outcomes, cells = survey
    valid_cells = [(5, 1) if i == 0 else c for i, c in enumerate(cells)]  # at least one valid rating
    base = import_survey(long_csv(n_respondents, n_outcomes, valid_cells), "a.csv", scale=SCALES["1-5"])
    extra = list(valid_cells)
    # A new respondent whose every answer is invalid must change nothing but the drop count.
    extra_rows = [(noise[i % len(noise)], noise[(i + 1) % len(noise)]) for i in range(n_outcomes)]
    noisy = import_survey(long_csv(n_respondents + 1, n_outcomes, extra + extra_rows), "b.csv", scale=SCALES["1-5"])
    frames = []
    for result in (base, noisy):
        ws = open_workspace()
        store_survey(ws, result.survey)
        frames.append(outcome_scores(ws)[["outcome_id", "importance", "satisfaction", "opportunity"]])
        ws.close()
    assert frames[0].equals(frames[1])
    assert noisy.report.rows_dropped == base.report.rows_dropped + 1
