"""The report as a PDF (fpdf2, pure Python: no system library): A4 or Letter, landscape, the
bundled DejaVu Sans embedded (subset by fpdf2), page numbers and the survey's name and date in
every footer, charts as PNG images from core.report.chart_images.

Decisions: user text is written as plain text (fpdf2's ``markdown`` is off), so "**bold**" or
"<b>" print literally; a chart starts a new page when it does not fit under what precedes it.
"""

from __future__ import annotations

import io
import struct

from fpdf import FPDF
from fpdf.fonts import FontFace

from core.report import chart_images
from core.report.fonts import BOLD, FAMILY, REGULAR
from core.report.model import Chart, Report, Section, Table

PAPERS = {"a4": "A4", "letter": "Letter"}
MARGIN = 12.0
CHART_SCALE = 2.0  # PNG pixels per CSS pixel: sharp in print at a fraction of the 3× download's time
MIN_CHART_MM = 90.0
HEADING_MM = 22.0  # a chart's title and its how-to-read line
INK, MUTED, ACCENT = (17, 20, 24), (85, 96, 110), (0, 114, 178)


class ReportPDF(FPDF):
    def __init__(self, report: Report, paper: str) -> None:
        super().__init__(orientation="landscape", unit="mm", format=PAPERS[paper])
        self.report = report
        self.add_font(FAMILY, "", str(REGULAR))
        self.add_font(FAMILY, "B", str(BOLD))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=16)
        self.set_title(report.title)
        self.set_creator("JTBD differentiation workbench")
        self.alias_nb_pages()

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*MUTED)
        left = f"{self.report.survey_name} · survey imported {self.report.survey_date}"
        self.cell(0, 5, left, align="L")
        self.set_x(MARGIN)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="R")

    def write_text(self, text: str, size: float = 10, style: str = "", colour: tuple = INK, gap: float = 1.5) -> None:
        self.set_font(FAMILY, style, size)
        self.set_text_color(*colour)
        self.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(gap)


def _numbers(pdf: ReportPDF, section: Section) -> None:
    width = (pdf.epw - 3 * 4) / 4
    pdf.set_draw_color(213, 218, 224)
    for start in range(0, len(section.numbers), 4):
        y, x = pdf.get_y(), pdf.l_margin
        for number in section.numbers[start : start + 4]:
            pdf.set_xy(x, y)
            pdf.set_font(FAMILY, "B", 14)
            pdf.set_text_color(*INK)
            pdf.cell(width, 8, number.value, border="LTR", new_x="LEFT", new_y="NEXT")
            pdf.set_font(FAMILY, "", 8)
            label = number.label + (f"  (n = {number.n:,})" if number.n is not None else "")
            pdf.cell(width, 6, label, border="LBR")
            x += width + 4
        pdf.set_xy(pdf.l_margin, y + 16)
    pdf.ln(2)


def _table(pdf: ReportPDF, table: Table) -> None:
    if table.caption:
        pdf.write_text(table.caption, 8.5, colour=MUTED, gap=0.5)
    pdf.set_font(FAMILY, "", 8)
    pdf.set_text_color(*INK)
    long = [max((len(r[i]) for r in table.rows), default=0) + len(c) for i, c in enumerate(table.columns)]
    widths = [min(max(n, 6), 60) for n in long]
    with pdf.table(
        col_widths=widths,
        text_align="LEFT",
        line_height=4.2,
        headings_style=FontFace(emphasis="BOLD", fill_color=(243, 245, 248)),
        borders_layout="HORIZONTAL_LINES",
        markdown=False,
    ) as grid:
        grid.row(table.columns)
        for row in table.rows:
            grid.row(row)
    pdf.ln(3)


def _png_aspect(image: bytes) -> float:
    """height / width of a PNG, from its header."""
    width, height = struct.unpack(">II", image[16:24])
    return height / width


def _chart(pdf: ReportPDF, chart: Chart, image: bytes) -> None:
    """Title, how to read, the image as large as fits the rest of the page (a new page when less
    than MIN_CHART_MM is left), then the numbers behind it."""
    aspect = _png_aspect(image)
    if pdf.h - pdf.b_margin - pdf.get_y() - HEADING_MM < MIN_CHART_MM:
        pdf.add_page()  # the title and "how to read" stay with their chart
    pdf.write_text(chart.title, 12, "B", gap=0.5)
    pdf.write_text(f"How to read: {chart.how_to_read}", 8.5, colour=MUTED, gap=1)
    room = pdf.h - pdf.b_margin - pdf.get_y() - 1
    notes_mm = 5 + 4 * len(chart.notes)  # keep the numbers on the chart's page when the chart stays legible
    if room - notes_mm >= MIN_CHART_MM * 0.75:
        room -= notes_mm
    width = min(pdf.epw, room / aspect)
    pdf.image(io.BytesIO(image), x=pdf.l_margin, w=width, h=width * aspect)
    pdf.ln(1)
    pdf.write_text("The numbers behind the chart:", 8.5, "B", colour=MUTED, gap=0)
    for note in chart.notes:
        pdf.write_text(f"• {note}", 8, colour=MUTED, gap=0)
    pdf.ln(3)


def render_pdf(report: Report, paper: str = "a4") -> bytes:
    """The PDF's bytes; ``paper`` "a4" or "letter" (both landscape)."""
    if paper not in PAPERS:
        raise ValueError(f"Paper must be one of {', '.join(PAPERS)}, not {paper!r}.")
    pdf = ReportPDF(report, paper)
    pdf.add_page()
    pdf.write_text(report.title, 22, "B", gap=2)
    pdf.write_text(report.subtitle, 11, colour=MUTED)
    if report.scenario:
        pdf.write_text(f"Scenario: {report.scenario}", 11, "B")
    pdf.write_text(report.scoring_rule, 9.5, colour=MUTED, gap=4)
    for number, section in enumerate(report.sections):
        if number:
            pdf.add_page()
        pdf.write_text(section.title, 16, "B", colour=ACCENT, gap=2)
        for line in section.text:
            pdf.write_text(line, 10)
        if section.numbers:
            _numbers(pdf, section)
        for chart in section.charts:
            _chart(pdf, chart, chart_images.png(chart_images.without_title(chart.spec), CHART_SCALE))
        for table in section.tables:
            _table(pdf, table)
    return bytes(pdf.output())
