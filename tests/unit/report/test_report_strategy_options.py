"""The report's "Strategy options" section (issue 16.3, 16.4) on a small survey written by openpyxl
where step-specific excellence is planted (the three high outcomes all in "Plan") and a saved
segmentation of two groups: each segment's growth strategy with the facilitator's override marked,
the growth chart, the supported pattern with its evidence and the unsupported ones with their
shortfall; read back from the HTML page and the PDF. Left out without segmentation and pattern."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from pypdf import PdfReader

from core.analysis.segment_store import save_segmentation
from core.report.build import build_report
from core.report.html import render_html
from core.report.pdf import render_pdf
from core.strategy.growth import set_override
from core.workspace.database import open_workspace
from tests.unit.survey_builders import canonical_workbook, store_workbook

STEPS = {"Plan": ["A1", "A2", "A3"], "Buy": ["B1", "B2", "B3"], "Use": ["C1", "C2", "C3"], "Fix": ["D1", "D2", "D3"]}
HIGH, LOW = (5, 1), (1, 5)
EVIDENCE = "1. Plan: 3 of 3 high outcomes (100 %), 4.0× their share of all outcomes (3 of 12)."


def workspace_with(tmp_path, planted: bool):
    """20 respondents; ``planted``: Plan's outcomes rated important and unsatisfied by everyone."""
    outcomes = {o: (step, f"statement {o}") for step, ids in STEPS.items() for o in ids}
    ratings = {o: [HIGH if planted and o.startswith("A") else LOW] * 20 for ids in STEPS.values() for o in ids}
    ws = open_workspace()
    store_workbook(ws, canonical_workbook(tmp_path / "s.xlsx", outcomes, ratings))
    return ws


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    ws = workspace_with(tmp_path_factory.mktemp("strategy-options"), planted=True)
    members = pd.DataFrame(
        {"respondent_id": [f"R{i + 1:04d}" for i in range(20)], "segment": ["Early <b>"] * 12 + ["Late"] * 8}
    )
    segmentation = save_segmentation(ws, "Timing", members, k=2, silhouette=None, params={})
    set_override(ws, segmentation, "Late", "disruptive")
    yield ws
    ws.close()


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_section_holds_the_growth_strategies_the_override_the_chart_and_the_patterns(workspace):
    section = build_report(workspace).section("strategy_options")
    assert section is not None and section.title == "Strategy options"
    growth, found = section.tables
    rows = {r[0]: dict(zip(growth.columns, r, strict=True)) for r in growth.rows}
    assert list(rows) == ["Early <b>", "Late", "Whole market"]
    # every segment rates Plan's 3 of 12 outcomes high: 25 % underserved, placed differentiated (no WTP)
    assert rows["Early <b>"]["Underserved"] == "25%" and rows["Early <b>"]["Strategy"] == "differentiated"
    assert rows["Late"]["Strategy"] == "disruptive (override; the rule: differentiated)"
    assert (rows["Late"]["n"], rows["Late"]["Share"]) == ("8", "40%")
    assert found.rows == (("Step-specific excellence", "1. Plan", EVIDENCE),)
    text = " ".join(section.text)
    assert "segmentation “Timing”" in text and "1 placement overridden by the facilitator" in text
    assert "1 of 5 differentiation patterns are supported by the data." in text
    assert "Not supported — Job-integration leadership:" in text
    chart = section.charts[0]
    assert chart.title == "Growth strategy by segment"
    assert (
        "Late: 25% underserved, 75% overserved, n = 8, disruptive (override; the rule: differentiated)" in chart.notes
    )
    points = next(layer for layer in chart.spec["layer"] if layer["mark"]["type"] == "text")["data"]["values"]
    assert [p["segment"] for p in points] == ["Early <b>", "Late", "Whole market"]


def test_the_html_and_pdf_print_it(workspace):
    report = build_report(workspace)
    keys = [s.key for s in report.sections]
    assert keys == ["job", "opportunities", "top_outcomes", "segments", "strategy_options"]
    page = flat(render_html(report))
    assert "Strategy options" in page and EVIDENCE in page
    assert "disruptive (override; the rule: differentiated)" in page
    assert "Early &lt;b&gt;" in page and "Early <b>" not in page  # user text stays text
    pdf = flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(report))).pages))
    assert "Strategy options" in pdf and "Step-specific excellence" in pdf and "3 of 3 high outcomes" in pdf
    assert "disruptive (override; the rule:" in pdf


def test_left_out_without_a_segmentation_or_a_supported_pattern(tmp_path):
    ws = workspace_with(tmp_path, planted=False)
    assert build_report(ws).section("strategy_options") is None
    ws.close()


def test_a_supported_pattern_alone_brings_the_section_with_the_whole_market(tmp_path):
    ws = workspace_with(tmp_path, planted=True)
    section = build_report(ws).section("strategy_options")
    assert section is not None
    assert [r[0] for r in section.tables[0].rows] == ["Whole market"]
    assert "no saved segmentation: the whole market only" in section.text[0]
    ws.close()
