"""The report's "What the scenario wins" section (issue 16.5) on the hand-computed survey of
tests/unit/wins_survey.py: won, share, by current solution, by segment, WTP and the rule, in the
model and read back from the HTML page, the PDF and the deck."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from pptx import Presentation
from pypdf import PdfReader

from core.analysis.segment_store import save_segmentation
from core.report.build import build_report
from core.report.deck import render_pptx
from core.report.html import render_html
from core.report.pdf import render_pdf
from core.strategy import scenarios
from core.strategy.focus import ACCEPT, DIFFERENTIATE, MEET
from core.workspace.database import open_workspace
from tests.unit.wins_survey import choose, wins_workspace

WON = "wins 3 of 6 respondents (50%)"
WTP = "500 in total, 250 on average, over the 2 won respondents who gave an amount"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    workspace = wins_workspace(open_workspace(), tmp_path_factory.mktemp("report-wins"))
    scenario = scenarios.create_scenario(workspace, "Steps B and C")
    scenarios.set_assignment(workspace, scenario, choose(workspace, A=ACCEPT, B=DIFFERENTIATE, C=DIFFERENTIATE))
    scenarios.set_active(workspace, scenario)
    members = pd.DataFrame({"respondent_id": ["R0001", "R0002", "R0003", "R0004", "R0005"], "segment": list("PPPQQ")})
    save_segmentation(workspace, "Two groups", members, k=2, silhouette=None, params={})
    yield workspace
    workspace.close()


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_section_states_won_share_competitors_segments_wtp_and_the_rule(workspace):
    report = build_report(workspace)
    keys = [s.key for s in report.sections]
    assert keys.index("wins") == keys.index("focus") + 1
    section = report.section("wins")
    assert section is not None
    text = " ".join(section.text)
    assert WON in text and WTP in text
    assert "Rule: A respondent is won when at least half of their top 3 underserved outcomes" in text
    numbers = {n.label: (n.value, n.n) for n in section.numbers}
    assert numbers["Respondents won"] == ("3", 6)
    assert numbers["Share of the sample won"] == ("50%", 6)
    assert numbers["Willingness to pay of the won (sum)"] == ("500", 2)
    solution, segment = section.tables
    assert solution.columns == ("Current solution (Current solution)", "n", "Won", "Share won")
    assert solution.rows == (("Xpense", "3", "2", "67%"), ("Yardly", "2", "1", "50%"), ("(not stated)", "1", "0", "0%"))
    assert segment.rows == (("P", "3", "2", "67%"), ("Q", "2", "1", "50%"), ("(no segment)", "1", "0", "0%"))
    assert section.charts[0].notes == ("Xpense: 2 of 3 won", "Yardly: 1 of 2 won", "(not stated): 0 of 1 won")


def test_the_html_pdf_and_deck_print_it(workspace):
    report = build_report(workspace)
    page = flat(render_html(report))
    assert "What the scenario wins" in page and WON.replace("“", "") in page and WTP in page
    reader = PdfReader(io.BytesIO(render_pdf(report)))
    pdf = flat(" ".join(p.extract_text() for p in reader.pages))
    assert "What the scenario wins" in pdf and WON in pdf and "at least half of their top 3" in pdf
    deck = Presentation(io.BytesIO(render_pptx(report)))
    slides = [" ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in deck.slides]
    assert any("What the scenario wins" in s and WON in flat(s) for s in slides)


def test_left_out_until_a_step_is_differentiated(tmp_path):
    workspace = wins_workspace(open_workspace(), tmp_path)
    scenario = scenarios.create_scenario(workspace, "Only meet")
    scenarios.set_assignment(workspace, scenario, choose(workspace, A=MEET))
    scenarios.set_active(workspace, scenario)
    assert build_report(workspace).section("wins") is None
    workspace.close()
