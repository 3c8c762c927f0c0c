"""Storing a confirmed survey as a background job on the Data page (issue 12.4), through the real
app: progress and Cancel while it runs, nothing changed after a cancel, the new survey when left
to run, a readable error (and nothing changed) when the store fails."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from core.intake.importers import ImportResult, import_survey
from core.intake.loading import sample_files
from core.intake.replace import Replacement
from core.intake.store import survey_info
from core.workspace.database import Workspace
from sample_surveys.generate import build_survey, synthetic_spec
from tests.app.app_helpers import finish_jobs, texts
from ui.upload import PENDING

# Big enough that storing takes seconds (4.5 M ratings), so the page can be seen while it runs.
RESPONDENTS, OUTCOMES = 30_000, 150
CANCEL_KEY = "job_cancel_survey_store"


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Replacement:
    frames = build_survey(synthetic_spec(n_steps=10, n_outcomes=OUTCOMES, seed=11), RESPONDENTS, seed=11)
    path: Path = tmp_path_factory.mktemp("big") / "big [survey].csv"
    frames.responses.to_csv(path, index=False)
    result = import_survey(path)
    assert result.ok, result.report.to_text()
    return Replacement(path.name, path.read_bytes(), result)


def meals() -> Replacement:
    """The second sample (800 respondents), checked."""
    path = sample_files()[1]
    return Replacement(path.name, path.read_bytes(), import_survey(path))


def state(ws: Workspace) -> tuple:
    info = survey_info(ws)
    ratings = ws.cursor().execute("SELECT count(*) FROM ratings").fetchone()
    return ws.revision, info, ratings


def confirm(app: AppTest, replacement: Replacement) -> AppTest:
    app.session_state[PENDING] = replacement
    app.run()
    app.button(key="data_confirm").click().run()
    assert not app.exception, app.exception
    return app


def test_a_running_store_shows_progress_and_cancel_and_a_cancel_changes_nothing(
    app: AppTest, stored: Workspace, big: Replacement
):
    before = state(stored)
    confirm(app, big)
    # While it runs: the progress bar names the file (literally), the Cancel button, no confirmation,
    # and the widgets that would start another store wait.
    assert [b for b in app.button if b.key == CANCEL_KEY], "the store finished before the page could show it"
    bars = app.get("progress")
    assert bars and "Storing big \\[survey\\]\\.csv" in bars[0].proto.text
    assert not [b for b in app.button if b.key == "data_confirm"]
    assert PENDING not in app.session_state
    assert app.file_uploader[0].disabled
    assert app.button(key=next(b.key for b in app.button if b.label == "Load this sample")).disabled

    app.button(key=CANCEL_KEY).click().run()
    assert "Cancelling…" in texts(app.caption)  # the click cancels in this run, after the page looked for an outcome
    finish_jobs(app)
    assert "Cancelled: big [survey].csv was not stored; “b2b invoice processing” is unchanged." in texts(app.toast)
    assert state(stored) == before
    assert not app.get("progress")
    assert not app.file_uploader[0].disabled


def test_left_to_run_the_new_survey_is_shown(app: AppTest, stored: Workspace):
    revision = stored.revision
    finish_jobs(confirm(app, meals()))
    assert "Loaded **consumer_meal_planning.xlsx**: 800 respondents" in texts(app.toast)
    assert survey_info(stored).respondents == 800 and stored.revision > revision
    assert next(m.value for m in app.sidebar.metric if m.label == "Respondents") == "800"
    assert app.session_state["data_tab"] == "Import report"


def test_a_store_that_fails_says_so_and_changes_nothing(app: AppTest, stored: Workspace):
    # A survey whose job map repeats an outcome id: DuckDB refuses it (primary key) mid-transaction.
    small = meals().result
    survey = small.survey
    doubled = replace(survey, outcomes=pd.concat([survey.outcomes, survey.outcomes.head(1)], ignore_index=True))
    before = state(stored)
    finish_jobs(confirm(app, Replacement("doubled.xlsx", b"", ImportResult(doubled, small.report))))
    errors = texts(app.error)
    assert "doubled.xlsx could not be stored:" in errors and "Nothing was changed." in errors
    assert "“b2b invoice processing” is unchanged." in errors
    assert state(stored) == before


def test_a_first_visits_first_store_goes_into_its_new_workspace(first_visit: AppTest):
    # The store is the first change: it creates the workspace, and the job must write through a
    # handle that the next run keeps open (the first visit's handle is closed by that run).
    finish_jobs(confirm(first_visit, meals()))
    assert not first_visit.error, texts(first_visit.error)
    assert next(m.value for m in first_visit.sidebar.metric if m.label == "Respondents") == "800"
    assert "ws" in first_visit.query_params
