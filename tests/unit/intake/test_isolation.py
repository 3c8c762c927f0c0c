"""Issue 9.1 and 10.6: uploads are read in a bounded child process, once.

The lying dimension bomb passes the limits check (its ``<dimension>`` says A1:B2) and makes
python-calamine abort; read in this process it would kill pytest. Through the child it is one
clear message within seconds, and this process goes on.
"""

from __future__ import annotations

import os
import tempfile
import time

import numpy as np
import pandas as pd
import pytest

from core.intake.importers import import_survey, pipeline
from core.intake.importers.pipeline import detect_mapping
from core.intake.isolation import ADDRESS_SPACE_FACTOR, Budget, ReadAborted, run_bounded
from core.intake.loading import sample_files
from core.intake.upload_check import check_in_process, check_upload, import_bounded
from tests.hostile_files import dimension_bomb
from tests.platform_exports.limesurvey import limesurvey
from tests.platform_exports.model import make_survey
from tests.platform_exports.qualtrics import qualtrics
from tests.platform_exports.surveymonkey import surveymonkey


def nothing_saved(proposal):
    return None, None


def _sleep(seconds: float, *, channel) -> str:
    time.sleep(seconds)
    return "woke"


def _hog(mebibytes: int, *, channel) -> int:
    return len(bytearray(mebibytes << 20))


def _grow(mebibytes: int, *, channel) -> int:
    """Touch ``mebibytes`` in 8 MiB steps, slowly enough for the parent's watch to see each."""
    held = []
    for _ in range(mebibytes // 8):
        held.append(bytearray(8 << 20))  # zero-filled on allocation: resident at once
        time.sleep(0.02)
    return sum(map(len, held))


def _talk(*, channel) -> str:
    channel.progress(0.5, "half way")
    return channel.ask("what is saved?")


def _array(n: int, *, channel) -> np.ndarray:
    return np.arange(n, dtype=np.int64)


def _fail(*, channel) -> None:
    raise KeyError("a bug")


def _wait_for(path: str, *, channel) -> bool:
    """True once ``path`` exists (at most 20 s): the child waits for what the parent does meanwhile."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if os.path.exists(path):
            return True
        time.sleep(0.01)
    return False


def test_the_lying_dimension_bomb_costs_a_message_not_the_process():
    start = time.perf_counter()
    result = import_bounded(dimension_bomb("lie"), "lying.xlsx")
    elapsed = time.perf_counter() - start
    assert not result.ok
    (error,) = result.report.errors
    # the read ran out of memory; then a second child scanned the sheet's cells, not trusting its
    # dimension, and named the size the dimension hid
    assert "lying.xlsx has a sheet (xl/worksheets/sheet1.xml) that spans 1,048,576 rows × 16,384 columns" in error.text
    assert "16,384 columns (limit 2,000)" in error.text and error.fix
    assert elapsed < 30


def test_a_child_over_its_memory_budget_is_stopped():
    with pytest.raises(ReadAborted, match=r"needed more than 64 MiB of memory"):
        run_bounded(_hog, 512, what="Hogging", budget=Budget(memory_mib=64, seconds=30))
    assert run_bounded(_hog, 8, what="Sipping", budget=Budget(memory_mib=64, seconds=30)) == 8 << 20


def test_the_budget_counts_resident_memory_not_address_space():
    """A child that touches memory step by step, within its address-space backstop (twice the
    budget) but beyond its budget, is stopped by the parent's watch of its resident memory; one
    that stays within the budget may reserve more address space than the budget and finish."""
    assert ADDRESS_SPACE_FACTOR * 64 > 104
    with pytest.raises(ReadAborted, match=r"needed more than 64 MiB of memory"):
        run_bounded(_grow, 104, what="Growing", budget=Budget(memory_mib=64, seconds=30))
    assert run_bounded(_grow, 48, what="Growing", budget=Budget(memory_mib=64, seconds=30)) == 48 << 20


def test_a_child_over_its_time_is_killed():
    start = time.perf_counter()
    with pytest.raises(ReadAborted, match=r"Sleeping took longer than 1 seconds"):
        run_bounded(_sleep, 60, what="Sleeping", budget=Budget(seconds=1))
    assert time.perf_counter() - start < 10


def test_the_child_reports_progress_and_asks_the_parent():
    seen = []
    answer = run_bounded(_talk, what="Talking", progress=lambda f, m: seen.append((f, m)), answer=str.upper)
    assert seen == [(0.5, "half way")] and answer == "WHAT IS SAVED?"


def test_the_result_comes_through_a_private_file_that_is_deleted(tmp_path, monkeypatch):
    """A large result is read back from a temporary file only this user can read, and the file
    is gone afterwards, also when the child was stopped; with no usable temporary folder the
    result comes through the pipe, unchanged."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    modes = []
    real_open = open

    def watch(path, mode="r", *args, **kwargs):
        if str(path).startswith(str(folder)):
            modes.append((mode, os.stat(path).st_mode & 0o777))
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", watch)
    result = run_bounded(_array, 3_000_000, what="Counting")
    np.testing.assert_array_equal(result, np.arange(3_000_000))
    assert modes == [("rb", 0o600)]  # the parent read the child's file; nothing else was opened there
    assert list(folder.iterdir()) == []
    with pytest.raises(ReadAborted):
        run_bounded(_sleep, 60, what="Sleeping", budget=Budget(seconds=1))
    assert list(folder.iterdir()) == []

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "gone"))
    modes.clear()
    np.testing.assert_array_equal(run_bounded(_array, 1000, what="Counting"), np.arange(1000))
    assert modes == []


def test_meanwhile_runs_in_the_parent_while_the_child_works(tmp_path):
    flag = tmp_path / "opened"  # the child returns True only if the parent made it before the child ended
    assert run_bounded(_wait_for, str(flag), what="Waiting", meanwhile=flag.touch) is True


def test_a_failure_meanwhile_stops_the_child_at_once():
    def broken() -> None:
        raise ValueError("the workspace could not be opened")

    start = time.perf_counter()
    with pytest.raises(ValueError, match="could not be opened"):
        run_bounded(_sleep, 30, what="Sleeping", meanwhile=broken)
    assert time.perf_counter() - start < 10


def test_a_bug_in_the_child_is_an_error_naming_it():
    with pytest.raises(RuntimeError, match=r"Failing failed: KeyError: 'a bug'"):
        run_bounded(_fail, what="Failing")


def _frames(result):
    survey = result.survey
    return [survey.steps, survey.outcomes, survey.respondents, survey.ratings, survey.competitor_ratings]


def test_one_read_gives_what_two_reads_gave_for_a_canonical_workbook():
    sample = sample_files()[0]
    content = sample.read_bytes()
    once = check_upload(content, sample.name, nothing_saved)
    assert once.result is not None and once.result.ok
    twice = import_survey(content, sample.name)
    assert once.result.report.to_dict() == twice.report.to_dict()
    for mine, theirs in zip(_frames(once.result), _frames(twice), strict=True):
        pd.testing.assert_frame_equal(mine, theirs)
    assert len(once.steps) == 3 and "s of" in once.slowest()


def test_one_read_carries_the_signature_and_unrecognised_columns_of_an_export():
    survey = make_survey(3, respondents=40, steps=3, per_step=3)
    content = qualtrics(survey, fmt="xlsx", seed=3).data
    proposal = detect_mapping(content, "export.xlsx")
    asked = []

    def remembered(found):
        asked.append(found.signature)
        return None, "as_is"

    once = check_in_process(content, "export.xlsx", remembered)
    assert asked == [proposal.signature]
    assert once.proposal.signature == proposal.signature and once.proposal.unrecognised == proposal.unrecognised
    assert (once.result is None) == bool(proposal.unrecognised)  # the screen asks only about unrecognised columns
    if once.result is not None:
        assert once.result.signature == proposal.signature
        assert once.result.unrecognised == proposal.unrecognised
        direct = import_survey(content, "export.xlsx", direction="as_is")
        assert once.result.report.to_dict() == direct.report.to_dict()
    bounded = check_upload(content, "export.xlsx", remembered)
    assert bounded.proposal.signature == proposal.signature
    assert (bounded.result is None) == (once.result is None)


@pytest.mark.parametrize("export", ["qualtrics", "surveymonkey", "limesurvey"])
def test_the_upload_check_proposes_and_imports_from_one_parse_of_a_platform_export(export, monkeypatch):
    """The proposal and the import share one platform table (pipeline.platform_table), and what they
    give is what a fresh import of the file gives."""
    survey = make_survey(5, respondents=60, steps=3, per_step=4, competitors=("Rival",))
    content = {
        "qualtrics": lambda: qualtrics(survey, fmt="xlsx", seed=5).data,
        "surveymonkey": lambda: surveymonkey(survey).data,
        "limesurvey": lambda: limesurvey(survey, answers="numbers")[0].data,
    }[export]()
    made = []
    parse = pipeline._made

    def counted(file, options):
        made.append(options.keep_partial)
        return parse(file, options)

    monkeypatch.setattr(pipeline, "_made", counted)
    once = check_in_process(content, f"{export}.xlsx", lambda found: (None, "as_is"), ask_screen=False)
    assert made == [False]
    assert once.result is not None
    monkeypatch.undo()
    direct = import_survey(content, f"{export}.xlsx", direction="as_is")
    assert once.result.report.to_dict() == direct.report.to_dict()
    assert direct.survey is not None and once.result.survey is not None
    for mine, theirs in zip(_frames(once.result), _frames(direct), strict=True):
        pd.testing.assert_frame_equal(mine, theirs)


def _app_modules(*, channel) -> list[str]:
    import sys

    return sorted(m for m in sys.modules if m == "streamlit" or m.startswith("ui."))


def test_a_child_started_while_streamlit_runs_the_app_does_not_rerun_the_app(monkeypatch):
    # Streamlit makes workbench.py ``__main__`` while it runs; a forkserver child re-runs ``__main__``'s
    # file as ``__mp_main__`` first. It must not import Streamlit and the app (1.5 s per upload).
    import threading
    import types
    from pathlib import Path

    main = types.ModuleType("__main__")
    main.__file__ = str(Path(__file__).resolve().parents[3] / "workbench.py")
    main.__spec__ = None
    monkeypatch.setitem(__import__("sys").modules, "__main__", main)
    hold = threading.Event()
    other = threading.Thread(target=hold.wait)  # a second thread: the app's path, the forkserver
    other.start()
    try:
        assert run_bounded(_app_modules, what="Checking the child") == []
    finally:
        hold.set()
        other.join()
