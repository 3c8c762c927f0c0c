"""Report and chart-image downloads in Chromium (issue 15.1, 15.2): a chart's PNG and SVG from
its "Image" popover, the PDF from the Export page and the deck from the Focus matrix's "Report"
popover — each a real download, opened and checked."""

from __future__ import annotations

import io
import struct

from playwright.sync_api import expect
from pptx import Presentation
from pypdf import PdfReader

from tests.e2e.harness import exception_texts, open_app, sample_workspace, screenshot


def download(page, button_name: str, timeout: float = 120_000) -> bytes:
    with page.expect_download(timeout=timeout) as info:
        page.get_by_role("button", name=button_name).click()
    path = info.value.path()
    assert path is not None
    with open(path, "rb") as handle:
        return handle.read()


def test_chart_image_downloads_png_and_svg(page, app_server):
    open_app(page, app_server.url)
    token = sample_workspace(app_server)
    open_app(page, f"{app_server.url}/opportunities?ws={token}")
    expect(page.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Image").first.click()
    png = download(page, "PNG (high resolution)")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert width >= 2000 and height >= 1000  # 3× the chart's CSS size
    if not page.get_by_role("button", name="SVG").is_visible():  # the popover may close after a download
        page.get_by_role("button", name="Image").first.click()
    svg = download(page, "SVG").decode("utf-8")
    assert svg.startswith("<svg") and "DejaVu Sans" in svg and "Importance" in svg
    assert "Scores: top-two-box, per item" in svg  # the counting rule travels with the image (issue 11.7)
    assert exception_texts(page) == []


def test_report_pdf_from_export_and_deck_from_focus(page, app_server):
    open_app(page, app_server.url)
    token = sample_workspace(app_server)
    open_app(page, f"{app_server.url}/export?ws={token}")
    expect(page.get_by_role("heading", name="Executive report")).to_be_visible()
    pdf = PdfReader(io.BytesIO(download(page, "PDF, A4 landscape")))
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert "Opportunity landscape" in text and "b2b invoice processing" in text and "Scores: top-two-box" in text
    screenshot(page, "export-report")

    open_app(page, f"{app_server.url}/focus_matrix?ws={token}")
    page.get_by_role("button", name="Report").click()
    deck = Presentation(io.BytesIO(download(page, "PowerPoint deck")))
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles[0].startswith("Differentiation strategy") and "Opportunity landscape" in titles
    assert exception_texts(page) == []
