"""``python -m core waves FIRST SECOND`` (issue 14.7), on real .xlsx files written by openpyxl."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scipy import stats

from core.workspace.file import workspace_xlsx
from tests.unit.analysis.test_waves import OUTCOMES, base_workspace, imported, survey_file
from tests.unit.cli_run import run_process


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    return survey_file(tmp_path / "first.xlsx", 120, seed=1), survey_file(tmp_path / "second.xlsx", 150, 2, shift=2)


def test_json_has_both_waves_changes_and_p_values(cli, files):
    first, second = files
    ran = cli("waves", str(first), str(second), "--format", "json")
    assert ran.returncode == 0, ran.stderr
    records = {r["outcome_id"]: r for r in json.loads(ran.stdout)}
    assert set(records) == set(OUTCOMES)
    row = records["O2"]
    for key in ("importance", "satisfaction", "opportunity"):
        assert row[f"{key}_change"] == pytest.approx(row[f"second_{key}"] - row[f"first_{key}"], abs=2e-3)
    a = imported(first).ratings.query("outcome_id == 'O2'")["satisfaction"].dropna().astype(int)
    b = imported(second).ratings.query("outcome_id == 'O2'")["satisfaction"].dropna().astype(int)
    table = [[(a >= 4).sum(), (a < 4).sum()], [(b >= 4).sum(), (b < 4).sum()]]
    assert row["satisfaction_p_value"] == pytest.approx(stats.chi2_contingency(table, correction=False).pvalue)
    assert row["first_n_satisfaction"] == len(a) and row["second_n_satisfaction"] == len(b)
    assert row["satisfaction_significant"] is True and isinstance(row["importance_p_value"], float)
    assert "two-proportion z-test" in ran.stderr


def test_mean_method_uses_welch(cli, files):
    first, second = files
    ran = cli("waves", str(first), str(second), "--format", "json", "--method", "mean")
    row = {r["outcome_id"]: r for r in json.loads(ran.stdout)}["O3"]
    a = imported(first).ratings.query("outcome_id == 'O3'")["importance"].dropna().astype(float)
    b = imported(second).ratings.query("outcome_id == 'O3'")["importance"].dropna().astype(float)
    assert row["importance_p_value"] == pytest.approx(stats.ttest_ind(a, b, equal_var=False).pvalue, rel=1e-6)
    assert "Welch" in ran.stderr


def test_table_marks_significant_changes(cli, files):
    ran = cli("waves", str(files[0]), str(files[1]))
    assert ran.returncode == 0
    assert "Δ sat" in ran.stdout and "*" in ran.stdout and "significant (p < 0.05)" in ran.stdout


def test_unmatched_outcomes_appear_with_nulls_and_a_message(cli, tmp_path: Path, files):
    renamed = dict(OUTCOMES)
    renamed["N9"] = ("Do", "A brand new outcome")
    del renamed["O3"]
    second = survey_file(tmp_path / "changed.xlsx", 80, seed=4, outcomes=renamed)
    ran = cli("waves", str(files[0]), str(second), "--format", "json")
    assert ran.returncode == 0, ran.stderr
    records = {r["outcome_id"]: r for r in json.loads(ran.stdout)}
    assert records["O3"]["second_importance"] is None and records["O3"]["first_importance"] is not None
    assert records["O3"]["second_n_importance"] is None and records["O3"]["importance_p_value"] is None
    assert records["N9"]["first_importance"] is None and records["N9"]["second_importance"] is not None
    assert "N9 “A brand new outcome”" in ran.stderr and "O3" in ran.stderr


def test_a_workspace_xlsx_is_accepted_as_either_file(cli, tmp_path: Path, files):
    workspace_file = tmp_path / "workspace.xlsx"
    workspace_file.write_bytes(workspace_xlsx(base_workspace(files[0])))
    direct = json.loads(cli("waves", str(files[0]), str(files[1]), "--format", "json").stdout)
    via_workspace = cli("waves", str(workspace_file), str(files[1]), "--format", "json")
    assert via_workspace.returncode == 0, via_workspace.stderr
    assert json.loads(via_workspace.stdout) == direct
    assert cli("waves", str(files[1]), str(workspace_file), "--format", "json").returncode == 0


def test_bad_files_give_the_messages_and_exit_codes_of_score(cli, tmp_path: Path, files):
    missing = cli("waves", str(tmp_path / "nope.xlsx"), str(files[1]))
    assert missing.returncode == 2 and "No such file" in missing.stderr
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a workbook")
    bad = cli("waves", str(files[0]), str(junk))
    score = cli("score", str(junk))
    assert bad.returncode == score.returncode == 1 and bad.stderr.strip() == score.stderr.strip()
    unrelated_outcomes = {k + "x": (s, t + " x y") for k, (s, t) in OUTCOMES.items()}
    other = survey_file(tmp_path / "other.xlsx", 40, 3, outcomes=unrelated_outcomes)
    unrelated = cli("waves", str(files[0]), str(other))
    assert unrelated.returncode == 1 and "different surveys" in unrelated.stderr


def test_a_real_process_prints_no_traceback(files):
    ran = run_process("waves", str(files[0]), str(files[1]), "--format", "json")
    assert ran.returncode == 0 and "Traceback" not in ran.stderr
    assert len(json.loads(ran.stdout)) == len(OUTCOMES)
