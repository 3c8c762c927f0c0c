"""Surveys beyond the documented size limits are refused with a clear message (issue 9.4)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np

from core.intake.importers import import_survey
from core.intake.limits import MAX_OUTCOMES, MAX_RATINGS, MAX_RESPONDENTS, check_size
from core.intake.report import ValidationReport

REPO = Path(__file__).resolve().parents[3]


def responses_csv(respondents: int, outcomes: int, seed: int = 3) -> bytes:
    """A responses table (.csv): respondent_id, imp_O…, sat_O…, ratings 1–5."""
    rng = np.random.default_rng(seed)
    header = ["respondent_id"] + [f"imp_O{i}" for i in range(outcomes)] + [f"sat_O{i}" for i in range(outcomes)]
    ratings = rng.integers(1, 6, size=(respondents, 2 * outcomes))
    lines = [",".join(header)] + [f"R{r}," + ",".join(map(str, row)) for r, row in enumerate(ratings)]
    return ("\n".join(lines) + "\n").encode()


def test_a_survey_with_too_many_outcomes_is_refused():
    result = import_survey(responses_csv(12, MAX_OUTCOMES + 1), "huge.csv")
    assert not result.ok and result.survey is None
    (error,) = result.report.errors
    assert f"{MAX_OUTCOMES + 1:,} outcomes" in error.text and f"at most {MAX_OUTCOMES:,}" in error.text
    assert "Split the job" in error.fix


def test_a_survey_at_the_outcome_limit_is_accepted():
    result = import_survey(responses_csv(12, MAX_OUTCOMES), "limit.csv")
    assert result.ok, result.report.errors


def test_respondents_and_rating_pairs_have_limits_too():
    report = ValidationReport(file_name="x.csv")
    assert not check_size(10, MAX_RESPONDENTS + 1, report, "x.csv")
    assert f"{MAX_RESPONDENTS + 1:,} respondents" in report.errors[0].text
    report = ValidationReport(file_name="x.csv")
    assert not check_size(MAX_OUTCOMES, MAX_RATINGS // MAX_OUTCOMES + 1, report, "x.csv")
    assert "ratings pairs" in report.errors[0].text
    assert f"at most {MAX_RATINGS // MAX_OUTCOMES:,}" in report.errors[0].fix
    assert check_size(MAX_OUTCOMES, MAX_RATINGS // MAX_OUTCOMES, ValidationReport(file_name="x.csv"), "x.csv")


def test_the_cli_refuses_it_with_the_message_and_exit_1(tmp_path: Path):
    path = tmp_path / "huge.csv"
    path.write_bytes(responses_csv(5, MAX_OUTCOMES + 1))
    run = subprocess.run(
        [sys.executable, "-m", "core", "validate", str(path)], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 1
    assert f"{MAX_OUTCOMES + 1:,} outcomes" in run.stdout + run.stderr
    assert "Traceback" not in run.stderr
