"""The report's HTML page and PDF (issue 15.1, 15.5): opened and read back, hostile user text
printed literally, every section title, the top outcome's statement and score, the scoring rule."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from core.report.build import build_report
from core.report.html import render_html
from core.report.pdf import render_pdf
from core.workspace.database import open_workspace
from tests.unit.report.report_survey import (
    MARKDOWN,
    SCENARIO,
    SCRIPT,
    TOP_OPPORTUNITY,
    TOP_STATEMENT,
    hostile_workspace,
)

POINTS = {"a4": (841.89, 595.28), "letter": (792.0, 612.0)}  # landscape width × height


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    workspace = hostile_workspace(open_workspace(), tmp_path_factory.mktemp("report"))
    yield build_report(workspace)
    workspace.close()


def pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_pdf_pages_titles_top_outcome_rule_and_footer(report, paper):
    reader, text = pdf_text(render_pdf(report, paper))
    pages = len(reader.pages)
    assert pages >= len(report.sections)
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(POINTS[paper], abs=0.5)
    words = flat(text)
    for section in report.sections:
        assert section.title in words
    assert TOP_STATEMENT in words and TOP_OPPORTUNITY in words
    assert "Scores: top-two-box, per item" in words
    assert "importance + max(importance − satisfaction, 0)" in words
    for number in range(1, pages + 1):
        assert f"Page {number} of {pages}" in words
    assert words.count(f"hostile survey · survey imported {report.survey_date}") == pages


def test_pdf_prints_hostile_text_literally(report):
    words = flat(pdf_text(render_pdf(report))[1])
    for text in (TOP_STATEMENT, SCRIPT, MARKDOWN, SCENARIO, "1. <b>Plan</b>", "# Build"):
        assert text in words, text


def test_pdf_rejects_an_unknown_paper(report):
    with pytest.raises(ValueError, match="a4, letter"):
        render_pdf(report, "a3")


def test_html_is_self_contained_and_escapes_user_text(report):
    page = render_html(report)
    assert page.count("<svg") == sum(len(s.charts) for s in report.sections) == 3
    assert "<script" not in page  # the statement's <script> is text, not markup
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&lt;b&gt;Plan&lt;/b&gt;" in page and "<b>Plan</b>" not in page
    assert MARKDOWN.replace("'", "&#x27;") in page and "<strong>bold</strong>" not in page
    assert "=cmd|&#x27; /C calc&#x27;!A0" in page
    assert not re.search(r"(src|href)\s*=\s*[\"']?https?:", page) and "url(http" not in page
    assert "@font-face" in page and "data:font/ttf;base64," in page
    assert "@media print" in page and "size: A4 landscape" in page
    for section in report.sections:
        assert f"<h2>{section.title}</h2>" in page
