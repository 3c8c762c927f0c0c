"""ui.text.literal (issue 9, item 7) and the sidebar's figures (issue 10, item 7).

What the browser finally draws is checked in tests/e2e/test_user_text.py; here: the helper's
contract (every character that means something to Markdown is escaped, nothing is lost) and the
shared sidebar run through the real app (AppTest), which sees the Markdown source it is given.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from core.analysis.competition import competition
from core.intake.loading import load_file, sample_files
from core.intake.store import SURVEY_KEY
from core.strategy.focus import ScenarioMetrics
from core.workspace.database import open_workspace
from tests.app.app_helpers import new_app, switch_to, visit
from ui.focus_live import serves_best_sentence
from ui.text import JOINER, literal

HOSTILE = "**Zb** [Zl](http://example.com) ![Zm](http://203.0.113.9/x.png) <img src=x> :material/home: $x$ 1."
SPECIAL = set("\\`*_{}[]()#+-.!|<>~$&:")


def unescape(text: str) -> str:
    """What CommonMark makes of a backslash escape: the character itself; the joiners are invisible."""
    return re.sub(r"\\(.)", r"\1", text).replace(JOINER, "")


@given(st.text())
def test_literal_escapes_every_markdown_character_and_loses_nothing(text):
    escaped = literal(text)
    assert unescape(escaped) == re.sub(r"[\r\n\u2028\u2029]+", " ", text)
    unescaped_specials = re.sub(r"\\.", "", escaped)  # what is left after removing the escaped pairs
    assert not SPECIAL & set(unescaped_specials)


def test_literal_breaks_what_a_backslash_cannot():
    escaped = literal("see http://x.org, www.x.org, a@b.org and :material/home:")
    assert "http\\:" + JOINER + "//" in escaped  # GFM autolinks match the decoded text
    assert "www" + JOINER + "\\." in escaped
    assert "@" + JOINER in escaped
    assert "\\:" + JOINER + "material" in escaped  # Streamlit's icon directive too
    assert literal(None) == "" and literal(3.5) == "3\\.5"


def test_the_sidebar_shows_a_hostile_survey_name_as_text(sample_token):
    workspace = open_workspace(sample_token)
    workspace.set_setting(SURVEY_KEY, {**workspace.get_setting(SURVEY_KEY), "name": HOSTILE})
    workspace.close()
    at = new_app(sample_token)
    at.run(timeout=60)
    assert not at.exception, at.exception
    headings = [m.value for m in at.sidebar.markdown if m.value.startswith("### ")]
    assert headings == ["### " + literal(HOSTILE)]


def test_the_sidebar_counts_the_competitors_the_competitors_page_shows(sample_token):
    workspace = open_workspace(sample_token)
    consumer = next(p for p in sample_files() if p.stem == "consumer_meal_planning")
    assert load_file(workspace, consumer.read_bytes(), consumer.name).ok  # competitors from current_solution
    names = competition(workspace).names
    workspace.close()
    at = visit(new_app(sample_token), "pages/data.py")
    assert next(m.value for m in at.sidebar.metric if m.label == "Competitors") == str(len(names)) == "4"
    switch_to(at, "pages/competitors.py", 90)
    assert at.selectbox(key="comp_us").options[1:] == names  # the page lists the same four


def test_serves_best_reads_as_a_sentence():
    metrics = ScenarioMetrics(
        share=0.4,
        counts={},
        focus_limit=3,
        conflicts=(),
        best_group="Enterprise",
        best_group_share=0.46,
        best_group_n=120,
    )
    sentence = serves_best_sentence(metrics, "Company size")
    assert sentence == (
        "Grouping respondents by Company size, this scenario serves **Enterprise** (120 respondents) best: "
        "46% of the opportunity they see lies in the steps we differentiate, the highest share of any group."
    )
    nobody = ScenarioMetrics(share=0.0, counts={}, focus_limit=3, conflicts=())
    assert serves_best_sentence(nobody, "Company size") == ""
