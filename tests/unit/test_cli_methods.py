"""``python -m core methods`` and the bootstrap fields of ``score`` (issue 16.1, 16.2)."""

from __future__ import annotations

import json

from core.analysis.bootstrap import RESAMPLES, SEED
from core.analysis.scoring import ScoringSettings, save_settings
from core.workspace.database import open_workspace
from core.workspace.file import workspace_xlsx
from tests.unit.analysis.test_methods import OUTCOMES, RATINGS
from tests.unit.cli_run import run_process
from tests.unit.survey_builders import canonical_workbook, store_workbook


def survey(tmp_path):
    return str(canonical_workbook(tmp_path / "methods.xlsx", OUTCOMES, RATINGS))


def test_methods_json_ranks_every_outcome_under_every_method(tmp_path, cli):
    ran = cli("methods", survey(tmp_path), "--format", "json")
    assert ran.returncode == 0, ran.stderr
    report = json.loads(ran.stdout)
    methods = {m["method"]: m for m in report["methods"]}
    assert list(methods) == ["opportunity", "opportunity_mean", "ipa", "gap"]
    assert methods["opportunity_mean"]["spearman"] == 0.4 and methods["opportunity"]["spearman"] == 1.0
    assert methods["gap"]["formula"].startswith("I − S")
    mover = methods["opportunity_mean"]["movers"][0]
    assert (mover["outcome_id"], mover["rank_default"], mover["rank_method"]) == ("O2", 4, 2) and mover["why"]
    outcomes = {o["outcome_id"]: o for o in report["outcomes"]}
    assert outcomes["O4"]["rank_ipa"] == 3 and outcomes["O4"]["ipa_quadrant"] == "possible overkill"
    assert report["ipa_grand_means"] == {"importance": 6.094, "satisfaction": 4.062}
    assert "per item" in ran.stderr


def test_methods_table_names_formulas_agreement_and_why(tmp_path, cli):
    ran = cli("methods", survey(tmp_path))
    assert ran.returncode == 0, ran.stderr
    assert "Gap score: I − S" in ran.stdout and "Spearman ρ 0.40" in ran.stdout
    assert "why: " in ran.stdout and "top 4 overlap" in ran.stdout


def test_methods_reads_the_counting_rule_of_a_workspace_file(tmp_path, cli):
    workspace = open_workspace()
    ratings = {"O1": [(5, 1), (5, None), (1, 5)], "O2": [(4, 2), (None, 1), (5, 5)]}
    store_workbook(workspace, canonical_workbook(tmp_path / "s.xlsx", {o: ("S", o) for o in ratings}, ratings))
    save_settings(workspace, ScoringSettings(complete_pairs=True))
    path = tmp_path / "workspace.xlsx"
    path.write_bytes(workspace_xlsx(workspace))
    ran = cli("methods", str(path), "--format", "json")
    assert ran.returncode == 0, ran.stderr
    assert "complete pairs only" in ran.stderr
    outcomes = {o["outcome_id"]: o for o in json.loads(ran.stdout)["outcomes"]}
    assert outcomes["O1"]["n_importance"] == 2  # the respondent without a satisfaction rating is left out


def test_score_json_has_a_bootstrap_interval_for_every_outcome(tmp_path, cli):
    ratings = {"O1": [(5, 1), (4, 2), (2, 4), (5, 1), (3, 3)] * 4, "O2": [(None, 3)] * 20}
    path = str(canonical_workbook(tmp_path / "s.xlsx", {o: ("S", o) for o in ratings}, ratings))
    ran = cli("score", path, "--format", "json")
    assert ran.returncode == 0, ran.stderr
    rows = {r["outcome_id"]: r for r in json.loads(ran.stdout)}
    one = rows["O1"]
    assert one["opportunity_low"] <= one["opportunity"] <= one["opportunity_high"]
    assert one["opportunity_high"] > one["opportunity_low"]
    assert rows["O2"]["opportunity"] is None
    assert rows["O2"]["opportunity_low"] is None and rows["O2"]["opportunity_high"] is None
    assert "1000 resamples, seed 16" in ran.stderr
    again = json.loads(cli("score", path, "--format", "json").stdout)
    assert again[0]["opportunity_low"] == one["opportunity_low"]  # seeded: the same numbers every run
    other = json.loads(cli("score", path, "--format", "json", "--seed", "3", "--resamples", "200").stdout)
    assert other[0]["opportunity"] == one["opportunity"]


def test_score_refuses_zero_resamples(tmp_path, cli):
    ran = cli("score", survey(tmp_path), "--resamples", "0")
    assert ran.returncode == 2 and "--resamples must be between 1 and 100000" in ran.stderr


def test_methods_exit_codes_in_a_real_process(tmp_path):
    missing = run_process("methods", str(tmp_path / "nope.xlsx"))
    assert missing.returncode == 2 and "No such file" in missing.stderr and "Traceback" not in missing.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("just,some\nwords,here\n", encoding="utf-8")
    unreadable = run_process("methods", str(bad))
    assert unreadable.returncode == 1 and "Traceback" not in unreadable.stderr


def test_the_help_states_the_bootstrap_defaults(cli):
    ran = cli("score", "--help")
    assert f"(default {RESAMPLES})" in ran.stdout and f"(default {SEED})" in ran.stdout


def test_csv_and_table_stay_without_the_bootstrap(tmp_path, cli):
    ran = cli("score", survey(tmp_path), "--format", "csv")
    assert ran.returncode == 0 and "opportunity_low" not in ran.stdout.splitlines()[0]
    assert "bootstrap" not in ran.stderr
