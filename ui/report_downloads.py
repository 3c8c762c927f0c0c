"""Download the executive report (issue 15.1): HTML, PDF (A4 or Letter, landscape) and the
PowerPoint deck of the active scenario, on the Export page and behind the Focus matrix's
"Report" popover.

Each button's data is a callable: the report is built and rendered only when that button is
clicked (on Streamlit's download thread), never on a page rerun, and the click does not rerun
the page. The report is of the scenario active at the moment of the click.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import partial

import streamlit as st

from core.intake.store import survey_info
from core.workspace.database import Workspace

FORMATS = (
    ("HTML page", "html", "text/html"),
    ("PDF, A4 landscape", "a4.pdf", "application/pdf"),
    ("PDF, Letter landscape", "letter.pdf", "application/pdf"),
    ("PowerPoint deck", "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
)


def report_file(workspace: Workspace, kind: str) -> bytes:
    """The report of the active scenario as ``kind`` (html, a4.pdf, letter.pdf, pptx).

    The report's modules are imported here, on the click: they bring the scoring and segmentation
    stack (SciPy, scikit-learn), vl-convert, fpdf2 and python-pptx, which a first visit of the
    Focus matrix or the Export page must not load (tests/app/test_first_visit_imports.py)."""
    from core.report.build import build_report
    from core.report.deck import render_pptx
    from core.report.html import render_html
    from core.report.pdf import render_pdf

    report = build_report(workspace)
    if kind == "html":
        return render_html(report).encode("utf-8")
    if kind.endswith(".pdf"):
        return render_pdf(report, kind.removesuffix(".pdf"))
    return render_pptx(report)


def file_stem(workspace: Workspace) -> str:
    info = survey_info(workspace)
    stem = re.sub(r"[^A-Za-z0-9]+", "-", info.name if info else "jtbd").strip("-").lower() or "jtbd"
    return f"{stem}-report-{dt.date.today().isoformat()}"


def report_buttons(workspace: Workspace, key: str) -> None:
    """The four download buttons; ``key`` makes their keys unique on the page."""
    stem = file_stem(workspace)
    for label, kind, mime in FORMATS:
        extension = "pdf" if kind.endswith(".pdf") else kind
        suffix = f"-{kind.removesuffix('.pdf')}" if kind.endswith(".pdf") else ""
        st.download_button(
            label,
            partial(report_file, workspace, kind),
            f"{stem}{suffix}.{extension}",
            mime,
            key=f"{key}_{kind}",
            on_click="ignore",
            icon=":material/download:",
        )


def report_section(workspace: Workspace) -> None:
    """The Export page's "Executive report" section."""
    st.subheader("Executive report", anchor=False)
    if survey_info(workspace) is None:
        st.info("Load a survey on the **Data** page first: the report is built from it.")
        return
    st.markdown(
        "The active focus scenario for executives: the job and its steps, the opportunity landscape, the top "
        "underserved outcomes, segments, the competitive advantage map, the focus decision and — when filled — "
        "capability gaps with VRIO, the trade-off ranking, the communication map and the metrics. Every score "
        "comes with its n; the scoring rule and the "
        "survey's date and size are stated. Built when you click (a few seconds)."
    )
    report_buttons(workspace, "export_report")


def report_popover(workspace: Workspace) -> None:
    """The Focus matrix's "Report" popover: the same downloads for the active scenario."""
    with st.popover("Report", icon=":material/description:", help="Download the report of this scenario"):
        st.caption("The executive report of the active scenario, built when you click.")
        report_buttons(workspace, "focus_report")
