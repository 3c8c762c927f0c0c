"""Storing a survey as a cancellable job (core.intake.store_job): cancel = roll back, nothing changed."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from core.analysis.segmentation import SegmentationOptions, run_segmentation
from core.intake.importers import ImportResult, import_survey
from core.intake.isolation import Cancelled
from core.intake.loading import load_sample
from core.intake.replace import Replacement, commit
from core.intake.store import survey_info
from core.intake.store_job import store_cancellable
from core.workspace.database import Workspace, create_workspace
from sample_surveys.generate import build_survey, synthetic_spec

RESPONDENTS, OUTCOMES = 16_000, 120  # 1,920,000 ratings: the insert takes a few tenths of a second, well over the poll


@pytest.fixture(scope="module")
def big_import(tmp_path_factory: pytest.TempPathFactory) -> tuple[ImportResult, bytes]:
    frames = build_survey(synthetic_spec(n_steps=8, n_outcomes=OUTCOMES, seed=5), RESPONDENTS, seed=5)
    path: Path = tmp_path_factory.mktemp("big") / "big_survey.csv"
    frames.responses.to_csv(path, index=False)
    result = import_survey(path)
    assert result.ok, result.report.to_text()
    return result, path.read_bytes()


@pytest.fixture
def workspace(data_dir) -> Workspace:
    """A workspace holding the first sample and one saved segmentation."""
    ws = create_workspace()
    load_sample(ws)
    run_segmentation(ws, SegmentationOptions(k=3), name="Before")
    yield ws
    ws.close()


def state(ws: Workspace) -> tuple:
    """Everything a replacement would change: revision, survey, ratings, segmentations, source file,
    and DuckDB's thread setting (lowered while a store runs)."""
    cur = ws.cursor()
    counts = cur.execute(
        "SELECT (SELECT count(*) FROM ratings), (SELECT sum(hash(respondent_id, outcome_id, importance, satisfaction))"
        " FROM ratings), (SELECT count(*) FROM segmentations), (SELECT count(*) FROM import_log),"
        " (SELECT count(*) FROM source_files), (SELECT count(*) FROM respondents), current_setting('threads')"
    ).fetchone()
    return ws.revision, survey_info(ws), counts


def test_a_store_cancelled_before_it_starts_changes_nothing(workspace, big_import):
    before = state(workspace)
    result, content = big_import
    with pytest.raises(Cancelled, match="Nothing was changed"):
        store_cancellable(workspace, result.survey, content, cancelled=lambda: True)
    assert state(workspace) == before


def is_ratings_insert(message: str) -> bool:
    return message.startswith("Storing") and message.endswith(" ratings") and "competitor" not in message


def test_a_cancel_during_the_ratings_insert_interrupts_it_and_rolls_back(workspace, big_import):
    result, content = big_import
    # How long the ratings insert takes when left to run (on another workspace, same survey).
    seen: list[tuple[float, str]] = []
    other = create_workspace()
    store_cancellable(
        other, result.survey, content, cancelled=lambda: False, progress=lambda f, m: seen.append((time.monotonic(), m))
    )
    other.close()
    at = next(i for i, (_, message) in enumerate(seen) if is_ratings_insert(message))
    insert_seconds = seen[at + 1][0] - seen[at][0]

    before = state(workspace)
    clicked = threading.Event()
    marks: dict[str, float] = {}

    def progress(fraction: float, message: str) -> None:
        if is_ratings_insert(message):  # the user clicks Cancel just as the ratings start going in
            marks["cancel"] = time.monotonic()
            clicked.set()

    with pytest.raises(Cancelled, match="Nothing was changed"):
        store_cancellable(workspace, result.survey, content, cancelled=clicked.is_set, progress=progress)
    stopped_after = time.monotonic() - marks["cancel"]
    assert state(workspace) == before
    # Interrupted mid-statement, not at the next check after the insert finished.
    assert stopped_after < insert_seconds, (stopped_after, insert_seconds)


def test_left_to_run_the_survey_is_stored_with_progress_to_the_end(workspace, big_import):
    result, content = big_import
    revision, threads = workspace.revision, state(workspace)[2][-1]
    fractions: list[float] = []
    store_cancellable(
        workspace, result.survey, content, cancelled=lambda: False, progress=lambda f, m: fractions.append(f)
    )
    info = survey_info(workspace)
    assert (info.respondents, info.outcomes) == (RESPONDENTS, OUTCOMES)
    assert workspace.revision > revision
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert workspace.cursor().execute("SELECT count(*) FROM segmentations").fetchone() == (0,)
    assert state(workspace)[2][-1] == threads  # restored after the store


def test_commit_with_a_cancel_rolls_back_a_replacement(workspace, big_import):
    result, content = big_import
    before = state(workspace)
    with pytest.raises(Cancelled):
        commit(workspace, Replacement("big_survey.csv", content, result), cancelled=lambda: True)
    assert state(workspace) == before
