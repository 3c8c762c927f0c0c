"""The PowerPoint deck (issue 15.1, 15.5): opened with python-pptx — slide count and titles, a
picture on every chart slide, speaker notes with the numbers, editable text and tables."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from core.report.build import build_report
from core.report.deck import ROWS_PER_SLIDE, render_pptx
from core.workspace.database import open_workspace
from tests.unit.report.report_survey import (
    MARKDOWN,
    SCENARIO,
    SCRIPT,
    TOP_OPPORTUNITY,
    TOP_STATEMENT,
    hostile_workspace,
)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    workspace = hostile_workspace(open_workspace(), tmp_path_factory.mktemp("deck"))
    report = build_report(workspace)
    yield report, Presentation(io.BytesIO(render_pptx(report)))
    workspace.close()


def slide_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


def test_slide_count_and_titles_follow_the_report(built):
    report, deck = built
    expected = [report.title]
    for section in report.sections:
        if section.text or section.numbers:
            expected.append(section.title)
        expected += [chart.title for chart in section.charts]
        for table in section.tables:
            pages = max(1, -(-len(table.rows) // ROWS_PER_SLIDE))
            expected += [section.title] + [f"{section.title} (continued)"] * (pages - 1)
    assert [slide.shapes.title.text for slide in deck.slides] == expected
    assert deck.slide_width / deck.slide_height == pytest.approx(16 / 9, abs=0.01)


def test_a_picture_per_chart_slide_and_notes_with_the_numbers(built):
    report, deck = built
    charts = [chart for section in report.sections for chart in section.charts]
    chart_slides = [s for s in deck.slides if any(p.shape_type == MSO_SHAPE_TYPE.PICTURE for p in s.shapes)]
    assert [s.shapes.title.text for s in chart_slides] == [c.title for c in charts]
    assert len(chart_slides) == 3
    for slide, chart in zip(chart_slides, charts, strict=True):
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1 and pictures[0].width > 0
        notes = slide.notes_slide.notes_text_frame.text
        assert all(line in notes for line in chart.notes)
    landscape = chart_slides[0]
    notes = landscape.notes_slide.notes_text_frame.text
    assert TOP_STATEMENT in notes and f"opportunity {TOP_OPPORTUNITY}" in notes
    assert all(slide.has_notes_slide and slide.notes_slide.notes_text_frame.text for slide in deck.slides)


def test_text_is_editable_and_user_text_literal(built):
    report, deck = built
    everything = "\n".join(slide_text(s) for s in deck.slides)
    for literal in (TOP_STATEMENT, SCRIPT, MARKDOWN, SCENARIO, "1. <b>Plan</b>", report.scoring_rule):
        assert literal in everything, literal
    tables = [shape for slide in deck.slides for shape in slide.shapes if shape.has_table]
    assert len(tables) == sum(len(s.tables) for s in report.sections)
    top = next(t for t in tables if t.table.cell(0, 1).text == "Outcome")
    assert (top.table.cell(1, 1).text, top.table.cell(1, 5).text) == (TOP_STATEMENT, TOP_OPPORTUNITY)
