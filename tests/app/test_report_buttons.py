"""The report's download buttons through AppTest (issue 15.1): on the Export page and behind the
Focus matrix's "Report" popover; a page run renders no report (the data are callables)."""

from __future__ import annotations

import pytest

from core.report import build as report_build
from tests.app.app_helpers import new_app, visit
from ui import report_downloads

LABELS = ["HTML page", "PDF, A4 landscape", "PDF, Letter landscape", "PowerPoint deck"]


@pytest.fixture
def built(monkeypatch) -> list[str]:
    """Records every report built during a page run (the real build, counted). ui.report_downloads
    imports the builder when a button is clicked, so the builder is counted where it lives."""
    calls: list[str] = []
    real = report_build.build_report

    def counted(workspace, *args, **kwargs):
        calls.append("built")
        return real(workspace, *args, **kwargs)

    monkeypatch.setattr(report_build, "build_report", counted)
    return calls


def labels(at) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


def test_export_page_offers_the_report_in_four_forms_without_building_it(sample_token, built):
    at = visit(new_app(sample_token), "pages/export.py")
    assert not at.exception
    assert [s.value for s in at.subheader][:2] == ["Download the workspace", "Executive report"]
    assert labels(at)[1:5] == LABELS
    assert built == []


def test_focus_matrix_has_a_report_popover_with_the_same_downloads(sample_token, built):
    at = visit(new_app(sample_token), "pages/focus_matrix.py")
    assert not at.exception
    assert [label for label in labels(at) if label in LABELS] == LABELS
    assert built == []


def test_the_callable_builds_the_real_report(sample_token):
    from core.workspace.database import open_workspace

    workspace = open_workspace(sample_token)
    page = report_downloads.report_file(workspace, "html").decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Opportunity landscape" in page
    assert report_downloads.file_stem(workspace).startswith("b2b-invoice-processing-report-")
    workspace.close()
