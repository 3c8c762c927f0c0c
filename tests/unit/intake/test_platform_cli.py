"""The CLI on platform exports: --reverse, --codebook, --keep-partial, and the loud default for numeric codes.

In-process through ``core.cli.main`` (the ``cli`` fixture); one bad codebook runs as a real process."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.platform_exports.files import text_bytes
from tests.platform_exports.limesurvey import limesurvey
from tests.platform_exports.model import make_survey
from tests.platform_exports.qualtrics import qualtrics, qualtrics_qsf
from tests.unit.cli_run import Ran, run_process

SURVEY = make_survey(101, respondents=30, statuses={"partial": 3, "preview": 1})


@pytest.fixture
def numeric(tmp_path) -> Path:
    path = tmp_path / "numeric.csv"
    path.write_bytes(qualtrics(SURVEY, values="numeric", reversed_codes=True).data)
    return path


def scores(result: Ran) -> dict[str, float]:
    assert result.returncode == 0, result.stderr
    return {row["outcome_id"]: float(row["importance"]) for row in csv.DictReader(io.StringIO(result.stdout))}


def test_validate_names_the_platform_and_the_pairing_rules(cli, tmp_path):
    path = tmp_path / "text.csv"
    path.write_bytes(qualtrics(SURVEY).data)
    result = cli("validate", str(path))
    assert result.returncode == 0, result.stderr
    assert "Layout: Qualtrics export (choice text)" in result.stdout
    assert "Measures decided by answer labels (18 columns)." in result.stdout
    assert "Satisfaction columns paired with their importance by statement text (9)." in result.stdout
    assert "3 unfinished responses" in result.stdout and "1 Qualtrics survey previews" in result.stdout
    report = json.loads(cli("validate", str(path), "--format", "json").stdout)
    assert report["platform"] == "Qualtrics" and report["pairing"]["pair: statement text"] == 9


def test_numeric_codes_without_flags_are_read_as_exported_with_a_loud_warning(cli, numeric):
    result = cli("validate", str(numeric))
    assert result.returncode == 0
    assert "ASSUMED DIRECTION" in result.stdout and "--reverse" in result.stdout
    assert "Direction of the ratings: as exported (assumed)" in result.stdout
    scored = cli("score", str(numeric), "--format", "csv")
    assert scored.returncode == 0 and "warning:" in scored.stderr and "ASSUMED DIRECTION" in scored.stderr


def test_reverse_and_the_codebook_agree_and_differ_from_the_assumption(cli, numeric, tmp_path):
    qsf = tmp_path / "survey.qsf"
    qsf.write_bytes(qualtrics_qsf(SURVEY, reversed_codes=True))
    labels = tmp_path / "labels.csv"
    labels.write_bytes(qualtrics(SURVEY).data)
    reversed_ = scores(cli("score", str(numeric), "--reverse", "--format", "csv"))
    coded = scores(cli("score", str(numeric), "--codebook", str(qsf), "--format", "csv"))
    truth = scores(cli("score", str(labels), "--format", "csv"))
    assumed = scores(cli("score", str(numeric), "--format", "csv"))
    assert reversed_ == coded == truth != assumed
    assert "warning" not in cli("score", str(numeric), "--reverse", "--format", "csv").stderr


def test_keep_partial_keeps_unfinished_responses(cli, tmp_path):
    path = tmp_path / "text.csv"
    path.write_bytes(qualtrics(SURVEY).data)
    default = json.loads(cli("validate", str(path), "--format", "json").stdout)
    kept = json.loads(cli("validate", str(path), "--keep-partial", "--format", "json").stdout)
    assert kept["respondents"] == default["respondents"] + 3 == 33


def test_a_code_label_csv_codebook(cli, tmp_path):
    export, book = limesurvey(SURVEY)
    path, codebook = tmp_path / "results.csv", tmp_path / "codes.csv"
    path.write_bytes(export.data)
    codebook.write_bytes(book)
    result = cli("validate", str(path), "--codebook", str(codebook))
    assert result.returncode == 0 and "Direction of the ratings: codebook" in result.stdout


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"hello,world\r\n1,2\r\n", "has no 'code' and 'label' columns"),
        (b'{"not": "a survey"}', "not a Qualtrics survey"),
        (b"{broken", "not valid JSON"),
    ],
)
def test_a_bad_codebook_is_a_usage_error(cli, numeric, tmp_path, content, problem):
    codebook = tmp_path / "book.csv"
    codebook.write_bytes(content)
    result = cli("validate", str(numeric), "--codebook", str(codebook))
    assert result.returncode == 2 and problem in result.stderr and "Traceback" not in result.stderr


def test_a_missing_codebook_is_a_usage_error(numeric, tmp_path):
    result = run_process("validate", str(numeric), "--codebook", str(tmp_path / "nope.qsf"))
    assert result.returncode == 2 and "No such file" in result.stderr


def test_an_export_that_cannot_be_imported_exits_1(cli, tmp_path):
    rows = list(csv.reader(io.StringIO(qualtrics(SURVEY).data.decode("utf-8-sig"))))[:3]
    path = tmp_path / "header_only.csv"
    path.write_bytes(text_bytes(rows))
    result = cli("validate", str(path))
    assert result.returncode == 1 and "header rows but no responses" in result.stdout
