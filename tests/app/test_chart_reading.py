"""Every chart the pages draw has its one-line "how to read this" under its title (issue 15,
item 4): each page of the router runs through AppTest, in the states that draw its other charts
(a segmentation, the need-cluster tab, one step on Competitors, two scenarios compared, a sized
capability), and each chart's spec must carry its line from ui/charts/reading.py as the title's
subtitle. A new chart without a line fails here; so does a line no page draws any more."""

from __future__ import annotations

import json
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from core.analysis.waves import add_wave
from core.analysis.waves_intake import check_wave
from core.strategy import capabilities, metric_measurements, metrics, scenarios
from core.strategy.focus import DIFFERENTIATE, MEET
from core.workspace.database import open_workspace
from tests.app.app_helpers import new_app, switch_to
from tests.app.test_segments_page import TIMEOUT, run_segmentation
from tests.wave_files import second_wave
from ui import router
from ui.charts.reading import NARROW, READING, SUBTITLE_SIZE, THIRD, reading_lines
from ui.focus_scenarios import COMPARE_MODE, MODE

PAGE_FILES = re.findall(r'st\.Page\("(pages/\w+\.py)"', Path(router.__file__).read_text())


def charts(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def reading_of(spec: dict) -> str | None:
    """The key of the READING line under the spec's title, or None."""
    title = spec.get("title")
    if not isinstance(title, dict):
        return None
    subtitle = title.get("subtitle", [])
    lines = [subtitle] if isinstance(subtitle, str) else list(subtitle)
    return next((key for key in READING if lines[: len(reading_lines(key))] == reading_lines(key)), None)


def prepare(token: str, folder: Path) -> None:
    """A second scenario to compare, a capability with a size (the investment chart) and a metric
    with a measurement (its chart), and a second survey wave."""
    ws = open_workspace(token)
    try:
        first = scenarios.active_scenario(ws)
        scenarios.set_assignment(ws, first, {3: DIFFERENTIATE, 5: DIFFERENTIATE})
        scenarios.create_scenario(ws, "Cautious", {3: MEET, 11: DIFFERENTIATE})
        capabilities.add_capability(ws, "OCR engine", strength=3, cost="low", effort="medium")
        metric_measurements.add_measurement(ws, metrics.add_from_template(ws, "margin"), "2026-01-31", 40)
        wave = check_wave(ws, second_wave(folder / "wave 2.xlsx").read_bytes(), "wave 2.xlsx")
        add_wave(ws, wave.wave, "Wave 2")  # the Waves page's slope chart
    finally:
        ws.close()


def test_every_chart_on_every_page_has_its_reading_line(sample_token: str, tmp_path: Path) -> None:
    prepare(sample_token, tmp_path)
    at = new_app(sample_token, timeout=TIMEOUT)
    at.run()
    drawn: dict[str, list[dict]] = {}
    for page in PAGE_FILES:
        drawn[page] = charts(switch_to(at, page, TIMEOUT))

    switch_to(at, "pages/segments.py", TIMEOUT)
    drawn["segments, segmented"] = charts(run_segmentation(at))
    at.session_state["seg_tab"] = "Need clusters"
    at.run(timeout=TIMEOUT)
    drawn["need clusters"] = charts(at)

    switch_to(at, "pages/opportunities.py", TIMEOUT)
    at.session_state["opportunities_tab"] = "Methods"
    at.run(timeout=TIMEOUT)
    drawn["opportunities, methods"] = charts(at)

    switch_to(at, "pages/competitors.py", TIMEOUT)
    at.session_state["comp_step"] = 3  # the outcomes of one step (a step id of the sample)
    at.run(timeout=TIMEOUT)
    drawn["competitors, one step"] = charts(at)

    switch_to(at, "pages/focus_matrix.py", TIMEOUT)
    at.segmented_control(key=MODE).set_value(COMPARE_MODE).run(timeout=TIMEOUT)
    drawn["focus, compare"] = charts(at)

    missing = [
        (where, spec.get("title")) for where, specs in drawn.items() for spec in specs if reading_of(spec) is None
    ]
    assert missing == [], "charts without a how-to-read line under their title"
    seen = {reading_of(spec) for specs in drawn.values() for spec in specs}
    assert set(READING) - seen == set(), "lines that no page draws"
    assert sum(map(len, drawn.values())) >= len(READING)


def test_every_line_fits_its_chart_at_1280() -> None:
    """15 px text at a generous 0.56 em per character (as tests/app/test_chart_text.py): a wide
    chart's line within 600 px, a half-page chart's within 410 px, the Trade-offs chart's (a third
    of the page, 226 px measured in Chromium) within 220 px."""
    for key in READING:
        limit = 220 if key in THIRD else 410 if key in NARROW else 600
        for line in reading_lines(key):
            assert len(line) * SUBTITLE_SIZE * 0.56 <= limit, (key, line)
        assert len(reading_lines(key)) <= 2, key  # one sentence, at most two lines under the title
