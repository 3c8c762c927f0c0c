"""The Competitors page and the Focus matrix read one competitive analysis (issue 10, item 2):
a competitor left out on the Competitors page ("fewest respondents per competitor") is gone
from the Focus matrix too — from its "us" choices and from the step detail's best competitor."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from core.intake.survey_queries import steps_table
from tests.app.app_helpers import switch_to, texts

TIMEOUT = 90
DETAIL_KEY = "focus_detail_step"


def focus_on_step_9(app: AppTest, stored) -> AppTest:
    steps = steps_table(stored)
    app.session_state[DETAIL_KEY] = int(steps.loc[steps["step_order"] == 9, "step_id"].iloc[0])
    return switch_to(app, "pages/focus_matrix.py", TIMEOUT)


def test_fewest_respondents_on_the_competitors_page_applies_to_the_focus_matrix(app, stored):
    # b2b sample: ClearMatch 391, Invoxa 387, LedgerLoop 377 and Apvantage 359 respondents; Apvantage leads step 9.
    focus = focus_on_step_9(app, stored)
    assert "Apvantage" in focus.selectbox(key="focus_us").options
    assert "best competitor **Apvantage**" in texts(focus.markdown)

    competitors = switch_to(focus, "pages/competitors.py", TIMEOUT)
    competitors.number_input(key="comp_min_n").set_value(360).run(timeout=TIMEOUT)
    assert not competitors.exception
    assert "Apvantage (359 respondents)" in texts(competitors.warning)

    focus = focus_on_step_9(competitors, stored)
    assert "Apvantage" not in focus.selectbox(key="focus_us").options
    # The competitive analysis's lines (step detail, leaders) drop it; the "what this scenario wins"
    # table still counts the respondents whose current solution it is: they exist whatever the setting.
    lines = [line for line in texts(focus.markdown).splitlines() if "competitor" in line]
    assert any("best competitor **" in line for line in lines), lines
    assert not any("Apvantage" in line for line in lines), lines
