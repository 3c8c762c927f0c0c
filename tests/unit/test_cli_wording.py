"""What the CLI prints for outcomes without a score and for values that round to zero (issue 10, item 7)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from core.cli import main
from tests.unit.survey_builders import canonical_workbook


@pytest.fixture
def survey(tmp_path) -> Path:
    """O1 scored; O2 never rated in the top two boxes by 15 respondents (the Wilson low bound at k = 0,
    n = 15 computes to -2e-16); O3 never rated at all."""
    outcomes = {
        "O1": ("Plan", "Minimize the time it takes to plan"),
        "O2": ("Plan", "Minimize the errors"),
        "O3": ("Do", "Minimize the rework"),
    }
    ratings = {"O1": [(5, 1)] * 8 + [(4, 2)] * 7, "O2": [(1, 1)] * 15, "O3": [("N/A", "N/A")] * 15}
    return canonical_workbook(tmp_path / "survey.xlsx", outcomes, ratings)


def score(capsys, *args: str) -> str:
    assert main(["score", *args]) == 0
    return capsys.readouterr().out


def test_json_says_null_for_overserved_when_there_is_no_score(survey, capsys):
    rows = {row["outcome_id"]: row for row in json.loads(score(capsys, str(survey), "--format", "json"))}
    assert rows["O3"]["opportunity"] is None
    assert rows["O3"]["band"] is None
    assert rows["O3"]["overserved"] is None  # not `false`: nothing is known about it
    assert rows["O1"]["overserved"] is False and rows["O2"]["overserved"] is False


def test_json_never_holds_a_negative_zero(survey, capsys):
    out = score(capsys, str(survey), "--format", "json")
    rows = {row["outcome_id"]: row for row in json.loads(out)}
    assert rows["O2"]["importance_low"] == 0.0 and rows["O2"]["satisfaction_low"] == 0.0
    assert "-0.0" not in out
    assert all(isinstance(row["n_importance"], int) for row in rows.values())  # counts stay whole numbers


def test_table_shows_a_dash_for_a_missing_band(survey, capsys):
    out = score(capsys, str(survey))
    line = next(line for line in out.splitlines() if "O3" in line)
    assert "None" not in out and "nan" not in out.lower()
    assert re.search(r"–\s*$", line), line
    assert "-0.0" not in out
