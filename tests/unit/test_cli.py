"""The CLI: exit codes, formats, messages — in-process through ``core.cli.main`` (the ``cli`` fixture),
plus a few real ``python -m core`` processes for the exit status of each kind of outcome (0, 1, 2)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.unit.cli_run import run_process
from tests.unit.survey_builders import canonical_workbook, write_xlsx


@pytest.fixture
def survey(tmp_path) -> Path:
    outcomes = {"O1": ("Plan the work", "Minimize the time it takes to plan"), "O2": ("Do the work", "Minimize errors")}
    ratings = {"O1": [(5, 1)] * 3 + [(4, 2)] * 3, "O2": [(2, 5)] * 6}
    attrs = {"Current solution": ["Acme"] * 3 + ["Globex"] * 3}
    return canonical_workbook(tmp_path / "survey.xlsx", outcomes, ratings, attrs)


def test_validate_ok_prints_the_report_and_exits_0(survey):
    result = run_process("validate", str(survey))
    assert result.returncode == 0, result.stderr
    assert "Ready to import: 6 respondents, 2 outcomes in 2 steps" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_unimportable_file_exits_1_with_a_reason(tmp_path):
    bad = write_xlsx(tmp_path / "bad.xlsx", {"Sheet1": [["name", "city"], ["Ann", "Oslo"]]})
    result = run_process("validate", str(bad))
    assert result.returncode == 1
    assert "Cannot import this file" in result.stdout
    assert "accepted layouts" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_json_format(cli, survey):
    result = cli("validate", str(survey), "--format", "json")
    report = json.loads(result.stdout)
    assert report["ok"] is True and report["respondents"] == 6 and report["scale"] == "1-5"


@pytest.mark.parametrize("args", [(), ("score",), ("validate", "x", "--scale", "1-4"), ("frobnicate", "x")])
def test_usage_errors_exit_2(cli, args):
    result = cli(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr or "error:" in result.stderr


def test_missing_file_is_a_usage_error(tmp_path):
    result = run_process("score", str(tmp_path / "nope.xlsx"))
    assert result.returncode == 2
    assert "No such file" in result.stderr and "Traceback" not in result.stderr


def test_score_json_has_the_documented_fields(cli, survey):
    result = cli("score", str(survey), "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = {row["outcome_id"]: row for row in json.loads(result.stdout)}
    for field in (
        "outcome_id",
        "statement",
        "step",
        "n_importance",
        "n_satisfaction",
        "importance",
        "satisfaction",
        "opportunity",
    ):
        assert field in rows["O1"]
    assert rows["O1"]["importance"] == 10.0 and rows["O1"]["satisfaction"] == 0.0 and rows["O1"]["opportunity"] == 20.0
    assert rows["O2"]["opportunity"] == 0.0 and rows["O2"]["step"] == "Do the work"
    assert rows["O1"]["n_importance"] == 6


def test_score_by_attribute_and_mean_method(cli, survey):
    result = cli("score", str(survey), "--by", "current solution", "--method", "mean", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    acme = next(r for r in rows if r["group"] == "Acme" and r["outcome_id"] == "O1")
    globex = next(r for r in rows if r["group"] == "Globex" and r["outcome_id"] == "O1")
    assert acme["group_n"] == 3 and acme["importance"] == 10.0 and acme["satisfaction"] == 0.0
    assert globex["importance"] == 7.5 and globex["satisfaction"] == 2.5


def test_score_csv_and_table(cli, survey):
    as_csv = cli("score", str(survey), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [r["outcome_id"] for r in rows] == ["O1", "O2"]
    table = cli("score", str(survey))
    assert table.returncode == 0 and "Minimize the time it takes to plan" in table.stdout and "20.0" in table.stdout


def test_score_unknown_group_column_is_a_usage_error(cli, survey):
    result = cli("score", str(survey), "--by", "shoe size")
    assert result.returncode == 2
    assert "Current solution" in result.stderr  # names what is available


def test_score_unimportable_file_exits_1(cli, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    result = cli("score", str(empty))
    assert result.returncode == 1
    assert "empty" in result.stderr and "Traceback" not in result.stderr
