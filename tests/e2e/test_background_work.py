"""Heavy work never blocks the room (issue 12.4), in Chromium against a real ``streamlit run``.

One browser session segments a 20,000 × 150 survey; meanwhile a second session on the same
server reruns its page, and every rerun must finish within a generous bound; so must a rerun of
the segmenting session's own page (before the job, its script run was busy until the end). The segmentation
shows its progress, can be cancelled (nothing saved), and when left to run it is saved and shown.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from core.intake.importers import import_survey
from core.intake.store import store_survey
from core.workspace.database import new_token, open_workspace
from sample_surveys.generate import build_survey, synthetic_spec
from tests.e2e.harness import exception_texts, expect_rerun, open_app, sample_workspace

pytestmark = pytest.mark.timeout(600, method="signal")

RESPONDENTS, OUTCOMES = 20_000, 150
RERUN_BOUND_S = 15.0  # generous: ~1 s on an idle server, up to ~8 s seen with the machine loaded 5×
CANCEL = "Cancel segmentation"


@pytest.fixture(scope="module")
def big_workspace(app_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A workspace file on the server's data dir holding a 20,000 × 150 survey, stored through core."""
    frames = build_survey(synthetic_spec(n_steps=12, n_outcomes=OUTCOMES, seed=3), RESPONDENTS, seed=3)
    csv = tmp_path_factory.mktemp("big") / "big_survey.csv"
    frames.responses.to_csv(csv, index=False)
    result = import_survey(csv)
    assert result.ok, result.report.to_text()
    token = new_token()
    with pytest.MonkeyPatch.context() as env:
        env.setenv("JTBD_DATA_DIR", str(app_data_dir))
        workspace = open_workspace(token, create=True)
        try:
            store_survey(workspace, result.survey)
        finally:
            workspace.close()
    return token


def start_segmentation(page) -> None:
    page.get_by_role("button", name="Run segmentation").click()
    expect(page.get_by_role("button", name=CANCEL)).to_be_visible(timeout=30_000)
    expect(page.locator('[data-testid="stProgress"]')).to_be_visible()


def timed_rerun(page) -> float:
    """Seconds from pressing R (Streamlit's rerun shortcut) to the finished rerun."""
    start = time.monotonic()
    with expect_rerun(page, timeout=60_000):
        page.locator("body").press("r")
    return time.monotonic() - start


def test_a_segmentation_can_be_cancelled_and_saves_nothing(page, app_server, big_workspace):
    open_app(page, f"{app_server.url}/segments?ws={big_workspace}")
    expect(page.get_by_text("No segmentation yet")).to_be_visible()
    start_segmentation(page)
    page.get_by_role("button", name=CANCEL).click()
    expect(page.get_by_text("The segmentation was cancelled; nothing was saved.")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("button", name="Run segmentation")).to_be_visible()
    expect(page.get_by_text("No segmentation yet")).to_be_visible()
    assert exception_texts(page) == []


def test_other_sessions_stay_responsive_while_a_segmentation_runs(page, second_page, app_server, big_workspace):
    open_app(second_page, app_server.url)  # the first visit builds the sample
    small = sample_workspace(app_server)
    open_app(second_page, f"{app_server.url}/?ws={small}")
    idle = timed_rerun(second_page)

    open_app(page, f"{app_server.url}/segments?ws={big_workspace}")
    start_segmentation(page)
    busy = []
    while page.get_by_role("button", name=CANCEL).is_visible() and len(busy) < 5:
        busy.append(timed_rerun(second_page))
    print(f"second session's Data page rerun: idle {idle:.2f} s; during the segmentation {busy}")
    assert busy, "the segmentation ended before the second session could rerun"  # each started while it ran
    assert max(busy) < RERUN_BOUND_S, f"a rerun took {max(busy):.1f} s while another session segmented"

    # The segmenting session itself is not frozen either: its page reruns while the job runs.
    if page.get_by_role("button", name=CANCEL).is_visible():
        own = timed_rerun(page)
        print(f"the segmenting session's own rerun: {own:.2f} s")
        assert own < RERUN_BOUND_S

    expect(page.get_by_text("Segmentation saved.")).to_be_visible(timeout=240_000)
    expect(page.get_by_role("combobox", name="Saved segmentations")).to_be_visible()
    segmented = page.get_by_test_id("stMain").get_by_text(f"{RESPONDENTS:,}", exact=True)  # not the sidebar's
    expect(segmented).to_be_visible()  # respondents segmented
    assert exception_texts(page) == [] and exception_texts(second_page) == []
