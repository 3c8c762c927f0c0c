"""The Method page's glossary and worked example (issue 15, item 4): every term on screen has an
entry, formulas carry the thresholds in force, and the worked example's numbers are the real ones
of the loaded survey's top outcome, checked against core.analysis.scoring and a count of the raw
ratings."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.analysis.competition import CompetitionSettings
from core.analysis.scoring import ScoringSettings, band, opportunity, outcome_scores, top_two_box
from core.glossary import glossary, search
from core.intake.scales import Scale
from core.views.method import method_view
from core.workspace.database import open_workspace
from tests.unit.survey_builders import canonical_workbook, store_workbook

REQUIRED = (
    "job step",
    "outcome",
    "desired outcome statement",
    "importance",
    "satisfaction",
    "top-two-box",
    "opportunity",
    "underserved",
    "overserved",
    "appropriately served",
    "segment",
    "need cluster",
    "critical threshold",
    "minimum acceptable performance",
    "differentiate",
    "meet",
    "accept",
    "competitive advantage",
    "vrio",
    "trade-off",
)


def test_every_listed_term_has_a_definition() -> None:
    terms = glossary()
    names = {t.name.casefold() for t in terms} | {a.casefold() for t in terms for a in t.also}
    assert [term for term in REQUIRED if term not in names] == []
    for term in terms:
        assert len(term.definition) > 40, term.name
    assert len({t.name for t in terms}) == len(terms)


def test_formulas_are_the_apps_and_follow_the_settings() -> None:
    scoring = ScoringSettings(extreme=16.0, high=13.0, solid=9.5, overserved_margin=1.5)
    terms = {t.name: t for t in glossary(scoring, CompetitionSettings(critical_threshold=6.5), Scale(1, 7, (6, 7)))}
    assert "importance + max(importance − satisfaction, 0)" in terms["Opportunity"].formula
    assert "≥ 16 extreme, 13–16 high, 9.5–13 solid, < 9.5 not attractive" in terms["Opportunity"].formula
    assert "6 or 7 on the 1–7 scale" in terms["Importance"].formula
    assert "> 1.5" in terms["Overserved"].formula
    assert "6.5" in terms["Critical threshold"].formula
    mean = {t.name: t for t in glossary(ScoringSettings(method="mean"))}
    assert "(mean − lowest point) / (highest − lowest) × 10" in mean["Importance"].formula


def test_search_matches_names_other_names_and_text() -> None:
    terms = glossary()
    assert [t.name for t in search(terms, "minimum acceptable")] == ["Critical threshold"]
    assert [t.name for t in search(terms, "VRIO")] == ["VRIO"]
    assert search(terms, "  ") == terms
    assert search(terms, "no such word anywhere") == ()


@pytest.fixture
def survey(tmp_path: Path):
    # o2 is the top outcome: importance 4/5 top-two-box = 8.0, satisfaction 1/5 = 2.0 → 8 + 6 = 14.
    ratings = {
        "o1": [(5, 5), (4, 4), (2, 5), (1, 4), (3, 5)],
        "o2": [(5, 1), (4, 2), (5, 5), (4, 3), (2, None)],
        "o3": [(3, 3), (2, 2), (4, 1), (1, 1), (2, 2)],
    }
    outcomes = {"o1": ("Plan", "Minimize time to plan"), "o2": ("Plan", "Minimize errors"), "o3": ("Do", "Cut cost")}
    workspace = open_workspace()
    store_workbook(workspace, canonical_workbook(tmp_path / "s.xlsx", outcomes, ratings))
    yield workspace
    workspace.close()


def raw_counts(workspace, outcome_id: str, column: str) -> tuple[int, int]:
    sql = f"SELECT count({column}), count(*) FILTER (WHERE {column} >= 4) FROM ratings WHERE outcome_id = ?"
    n, top = workspace.cursor().execute(sql, [outcome_id]).fetchone()
    return n, top


def test_the_worked_example_is_the_top_outcome_with_its_real_numbers(survey) -> None:
    settings = ScoringSettings()
    view = method_view(survey, settings, CompetitionSettings())
    example = view.example
    assert example is not None
    assert (example.outcome_id, example.statement, example.step) == ("o2", "Minimize errors", "Plan")
    assert example.rank_of == 3
    for side, rating in (("importance", example.importance), ("satisfaction", example.satisfaction)):
        n, top = raw_counts(survey, "o2", side)
        assert (rating.n, rating.top) == (n, top)
        assert rating.score == pytest.approx(top_two_box(top, n))
    assert (example.importance.n, example.importance.top) == (5, 4)
    assert (example.satisfaction.n, example.satisfaction.top) == (4, 1)  # the blank is missing, not zero
    assert example.opportunity == pytest.approx(opportunity(example.importance.score, example.satisfaction.score))
    assert example.opportunity == pytest.approx(8.0 + (8.0 - 2.5))
    assert example.band == band(example.opportunity, settings) == "high"
    scores = outcome_scores(survey, settings)
    assert example.opportunity == pytest.approx(scores["opportunity"].max())
    assert example.importance.formula("top2box", example.scale) == "10 × 4 / 5 = 8.00"
    assert example.opportunity_formula == "8.00 + max(8.00 − 2.50, 0) = 8.00 + 5.50 = 13.50"


def test_the_worked_example_follows_the_mean_method(survey) -> None:
    example = method_view(survey, ScoringSettings(method="mean"), CompetitionSettings()).example
    assert example is not None
    mean = (5 + 4 + 5 + 4 + 2) / 5
    assert example.importance.mean == pytest.approx(mean)
    assert example.importance.score == pytest.approx(10 * (mean - 1) / 4)
    expected = f"10 × ({mean:.2f} − 1) / (5 − 1) = {10 * (mean - 1) / 4:.2f}"
    assert example.importance.formula("mean", example.scale) == expected


def test_without_a_survey_there_is_a_glossary_and_no_example() -> None:
    workspace = open_workspace()
    try:
        view = method_view(workspace, ScoringSettings(), CompetitionSettings())
    finally:
        workspace.close()
    assert view.example is None and view.survey is None
    assert len(view.terms) >= 18
