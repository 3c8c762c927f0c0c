"""Segmentation in a bounded child process (issue 12.4): same segments as in-process, progress,
degenerate input as a readable error, and cancellation that saves nothing — on real workspaces."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from core.analysis.segment_store import SegmentationError, assignments, list_segmentations
from core.analysis.segmentation import SegmentationOptions, run_segmentation
from core.analysis.segmentation_worker import Cancelled, run_segmentation_bounded
from core.intake.loading import load_file, load_sample
from core.workspace.database import Workspace, open_workspace
from tests.unit.samples import SAMPLES
from tests.unit.survey_builders import canonical_workbook

SAMPLE = next(iter(SAMPLES.values()))


@pytest.fixture
def ws() -> Workspace:
    workspace = open_workspace()
    load_sample(workspace, SAMPLE)
    yield workspace
    workspace.close()


def test_the_child_finds_the_same_segments_and_reports_progress(ws):
    seen: list[tuple[float, str]] = []
    bounded = run_segmentation_bounded(
        ws, SegmentationOptions(), name="child", progress=lambda f, m: seen.append((f, m))
    )
    direct = run_segmentation(ws, SegmentationOptions(), name="direct")
    a = assignments(ws, bounded).sort_values("respondent_id")
    b = assignments(ws, direct).sort_values("respondent_id")
    assert list(a["respondent_id"]) == list(b["respondent_id"])
    assert (np.asarray(a["segment"]) == np.asarray(b["segment"])).all()
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    assert any(m.startswith("Trying 2 segments") for _, m in seen)  # reported from inside the child
    assert [s.name for s in list_segmentations(ws)] == ["child", "direct"]


def test_degenerate_input_is_a_segmentation_error_not_a_crash(tmp_path):
    survey = canonical_workbook(
        tmp_path / "same.xlsx", {"O1": ("S", "x"), "O2": ("S", "y")}, {"O1": [(4, 2)] * 5, "O2": [(4, 2)] * 5}
    )
    workspace = open_workspace()
    assert load_file(workspace, survey.read_bytes(), survey.name).ok
    with pytest.raises(SegmentationError, match="Every respondent gave the same ratings"):
        run_segmentation_bounded(workspace, SegmentationOptions())
    assert list_segmentations(workspace) == []


def test_cancelling_kills_the_child_and_saves_nothing(ws):
    cancel = threading.Event()

    def progress(fraction: float, message: str) -> None:
        if message.startswith("Trying"):
            cancel.set()  # the child is clustering: cancel now

    with pytest.raises(Cancelled, match="cancelled"):
        run_segmentation_bounded(ws, SegmentationOptions(), cancelled=cancel.is_set, progress=progress)
    assert list_segmentations(ws) == []
