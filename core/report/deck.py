"""The report as an editable PowerPoint deck (python-pptx), 16:9.

Slides: the title; then per section, one idea per slide — its summary (text and key numbers with
their n), one slide per chart (a picture from core.report.chart_images, the "how to read" line as
a text box, the numbers behind the chart in the speaker notes), one slide per table (a native,
editable table; long tables continue on the next slide). Every text is an editable text box or
table cell, never part of a picture. The module is ``deck`` rather than ``pptx``, which would
shadow the python-pptx package inside this folder.
"""

from __future__ import annotations

import io
import struct

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Inches, Pt

from core.report import chart_images
from core.report.model import Chart, Report, Section, Table

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
TITLE_ONLY = 5  # the default template's "Title Only" layout
ROWS_PER_SLIDE = 12
CHART_SCALE = 2.0
INK, MUTED = RGBColor(0x11, 0x14, 0x18), RGBColor(0x55, 0x60, 0x6E)


def _slide(deck, title: str):
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(0.9)
    shape.text = title
    paragraph = shape.text_frame.paragraphs[0]
    paragraph.font.size, paragraph.font.bold = Pt(30), True
    return slide


def _text(slide, lines: list[str], top: int, height: int, size: int = 16, colour: RGBColor = INK) -> None:
    box = slide.shapes.add_textbox(MARGIN, top, WIDTH - 2 * MARGIN, height)
    frame = box.text_frame
    frame.word_wrap = True
    for number, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(size)
        paragraph.font.color.rgb = colour


def _notes(slide, lines: list[str]) -> None:
    slide.notes_slide.notes_text_frame.text = "\n".join(lines)


def _title_slide(deck, report: Report) -> None:
    slide = _slide(deck, report.title)
    lines = [report.subtitle] + ([f"Scenario: {report.scenario}"] if report.scenario else []) + [report.scoring_rule]
    _text(slide, lines, Inches(1.5), Inches(3), 18, MUTED)
    _notes(slide, [report.subtitle, report.scoring_rule, *(s.title for s in report.sections)])


def _summary_slide(deck, section: Section) -> None:
    slide = _slide(deck, section.title)
    numbers = [f"{k.label}: {k.value}" + (f" (n = {k.n:,})" if k.n is not None else "") for k in section.numbers]
    _text(slide, [*section.text, *numbers], Inches(1.4), Inches(5.5), 18)
    _notes(slide, [*section.text, *numbers])


def _png_size(image: bytes) -> tuple[int, int]:
    return struct.unpack(">II", image[16:24])


def _chart_slide(deck, chart: Chart) -> None:
    slide = _slide(deck, chart.title)
    _text(slide, [f"How to read: {chart.how_to_read}"], Inches(1.15), Inches(0.6), 14, MUTED)
    image = chart_images.png(chart_images.without_title(chart.spec), CHART_SCALE)
    width, height = _png_size(image)
    box_w, box_h = WIDTH - 2 * MARGIN, HEIGHT - Inches(2.0) - MARGIN
    scale = min(box_w / width, box_h / height)
    left = MARGIN + int((box_w - width * scale) / 2)
    slide.shapes.add_picture(io.BytesIO(image), left, Inches(1.9), int(width * scale), int(height * scale))
    _notes(slide, [chart.how_to_read, "The numbers behind the chart:", *chart.notes])


def _table_slides(deck, section: Section, table: Table) -> None:
    for start in range(0, max(len(table.rows), 1), ROWS_PER_SLIDE):
        rows = table.rows[start : start + ROWS_PER_SLIDE]
        title = section.title if start == 0 else f"{section.title} (continued)"
        slide = _slide(deck, title)
        top = Inches(1.3)
        if table.caption:
            _text(slide, [table.caption], Inches(1.1), Inches(0.4), 13, MUTED)
            top = Inches(1.6)
        shape = slide.shapes.add_table(len(rows) + 1, len(table.columns), MARGIN, top, WIDTH - 2 * MARGIN, Inches(0.4))
        grid = shape.table
        for column, header in enumerate(table.columns):
            grid.cell(0, column).text = header
        for row_number, row in enumerate(rows, start=1):
            for column, value in enumerate(row):
                grid.cell(row_number, column).text = value
        for cell in (grid.cell(r, c) for r in range(len(rows) + 1) for c in range(len(table.columns))):
            for paragraph in cell.text_frame.paragraphs:
                paragraph.font.size = Pt(11)
        _notes(
            slide,
            [table.caption, *(" · ".join(row) for row in rows)] if table.caption else [" · ".join(r) for r in rows],
        )


def render_pptx(report: Report) -> bytes:
    """The deck's bytes (.pptx)."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    _title_slide(deck, report)
    for section in report.sections:
        if section.text or section.numbers:
            _summary_slide(deck, section)
        for chart in section.charts:
            _chart_slide(deck, chart)
        for table in section.tables:
            _table_slides(deck, section, table)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
