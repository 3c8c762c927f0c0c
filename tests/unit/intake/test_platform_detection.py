"""The platform is recognised from the header signature, never the file name, and named in the import log."""

from __future__ import annotations

import csv
import io

import pytest

from core.intake.importers import import_survey
from core.intake.loading import sample_files
from core.intake.store import store_survey
from tests.platform_exports.alchemer import alchemer
from tests.platform_exports.files import text_bytes
from tests.platform_exports.google_forms import google_forms
from tests.platform_exports.limesurvey import limesurvey
from tests.platform_exports.microsoft_forms import microsoft_forms
from tests.platform_exports.model import make_survey
from tests.platform_exports.qualtrics import qualtrics
from tests.platform_exports.surveymonkey import surveymonkey
from tests.platform_exports.typeform import typeform

SURVEY = make_survey(111, respondents=5)
EXPORTS = {
    "Qualtrics": lambda: qualtrics(SURVEY),
    "SurveyMonkey": lambda: surveymonkey(SURVEY),
    "Google Forms": lambda: google_forms(SURVEY),
    "Microsoft Forms": lambda: microsoft_forms(SURVEY),
    "Alchemer": lambda: alchemer(SURVEY),
    "LimeSurvey": lambda: limesurvey(SURVEY, answers="text")[0],
    "Typeform": lambda: typeform(SURVEY),
}


@pytest.mark.parametrize("platform", list(EXPORTS))
@pytest.mark.parametrize("name", ["{real}", "data.bin", "qualtrics_export.csv", "SurveyMonkey.xlsx", "upload"])
def test_the_platform_comes_from_the_header_not_the_file_name(platform, name):
    export = EXPORTS[platform]()
    result = import_survey(export.data, name.format(real=export.file_name))
    assert result.ok, result.report.to_text()
    assert result.report.platform == platform
    assert result.report.format.startswith(platform)
    assert f"Recognised as a {platform} export from its header rows." in result.report.notes


def test_the_platform_is_named_in_the_import_log(workspace):
    result = import_survey(qualtrics(SURVEY).data, "whatever.csv")
    store_survey(workspace, result.survey)
    row = workspace.cursor().execute("SELECT format FROM import_log").fetchone()
    assert row == ("Qualtrics export (choice text)",)


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.name)
def test_canonical_files_are_not_taken_for_platform_exports(path):
    result = import_survey(path)
    assert result.ok and result.report.platform == "" and result.report.format.startswith("canonical")


def test_a_qualtrics_export_without_its_import_id_row_is_still_recognised():
    rows = list(csv.reader(io.StringIO(qualtrics(SURVEY).data.decode("utf-8-sig"))))
    del rows[2]
    result = import_survey(text_bytes(rows), "two_rows.csv")
    assert result.ok, result.report.to_text()
    assert result.report.platform == "Qualtrics"
    assert any("ImportId header row is missing" in n for n in result.report.notes)
    assert len(result.survey.outcomes) == len(SURVEY.outcomes)


def test_progress_is_reported_between_the_stages():
    calls = []
    result = import_survey(qualtrics(SURVEY).data, "big.csv", progress=lambda f, m: calls.append((f, m)))
    assert result.ok
    fractions = [f for f, _ in calls]
    assert fractions == sorted(fractions) and len(calls) == 4
    assert calls[0][1] == "Reading big.csv…" and calls[-1][1] == "Imported."
