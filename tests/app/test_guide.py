"""The Data page's guided start through AppTest (issue 15, item 4): shown on a first visit with
the sample's name and size and the workflow read from the router, dismissed and persisted in the
workspace (a second session on the same link does not see it), brought back by "Show the guide",
and not shown on its own for a survey of the user's own."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from core.guide import GUIDE_KEY
from core.workspace.database import create_workspace, open_workspace
from tests.app.app_helpers import new_app, texts, visit
from tests.unit.survey_builders import canonical_workbook, store_workbook
from ui import router
from ui.guide import DISMISS_KEY, SHOW_KEY

PAGE = "pages/data.py"


def guide_text(at: AppTest) -> str:
    return texts(at.main.markdown) + "\n" + texts(at.main.caption)


def has_button(at: AppTest, key: str) -> bool:
    return any(b.key == key for b in at.button)


def test_a_first_visit_shows_the_guide_with_the_sample_and_the_workflow(first_visit: AppTest):
    shown = guide_text(first_visit)
    assert "Getting started." in shown
    assert "**Loaded now:** the bundled sample “B2b invoice processing” (synthetic data) — 600 respondents" in shown
    pages = re.findall(r'st\.Page\("pages/\w+\.py", title="([^"]+)"(.*)\)', Path(router.__file__).read_text())
    titles = [title for title, rest in pages if 'visibility="hidden"' not in rest]  # not the last slide
    assert titles and "Next steps" not in titles
    workflow = " → ".join(f"{i}. {title}" for i, title in enumerate(titles, start=1))
    assert f"**Workflow:** {workflow}" in shown
    assert "Method" in workflow and workflow.startswith("1. Data → 2. Job map")
    assert has_button(first_visit, DISMISS_KEY) and not has_button(first_visit, SHOW_KEY)
    assert "ws" not in first_visit.query_params  # looking creates no workspace


def test_dismissing_is_stored_in_the_workspace_and_survives_a_new_session(first_visit: AppTest):
    first_visit.button(key=DISMISS_KEY).click().run()
    assert not first_visit.exception, first_visit.exception
    assert "Getting started." not in guide_text(first_visit)
    assert has_button(first_visit, SHOW_KEY)
    token = first_visit.query_params["ws"]  # the dismissal was the first change: it made the workspace
    token = token[0] if isinstance(token, list) else token
    stored = open_workspace(token)
    assert stored.get_setting(GUIDE_KEY) == {"visible": False}
    stored.close()

    second = visit(new_app(token), PAGE)  # a refresh, or a second laptop on the same link
    assert "Getting started." not in guide_text(second)
    second.button(key=SHOW_KEY).click().run()
    assert "Getting started." in guide_text(second)
    stored = open_workspace(token)
    assert stored.get_setting(GUIDE_KEY) == {"visible": True}
    stored.close()


def test_a_survey_of_ones_own_hides_the_guide_until_asked(data_dir, tmp_path: Path):
    workspace = create_workspace()
    outcomes = {"o1": ("Plan", "Minimize time"), "o2": ("Do", "Minimize errors")}
    ratings = {"o1": [(5, 2), (4, 3), (3, 3)], "o2": [(2, 5), (4, 4), (5, 1)]}
    store_workbook(workspace, canonical_workbook(tmp_path / "**Q3** [x](www.h.org).xlsx", outcomes, ratings))
    token = workspace.token
    workspace.close()
    at = visit(new_app(token), PAGE)
    assert "Getting started." not in guide_text(at) and has_button(at, SHOW_KEY)
    at.button(key=SHOW_KEY).click().run()
    shown = guide_text(at)
    assert "**Loaded now:** “**Q3** [x](www.h.org)” — 3 respondents, 2 outcomes in 2 job steps." in shown
    assert "“\\*\\*Q3" in str(at.main.caption[0].value)  # the user's name reached Markdown escaped


def test_an_empty_workspace_shows_the_guide(data_dir):
    workspace = create_workspace()
    token = workspace.token
    workspace.close()
    at = visit(new_app(token), PAGE)
    assert "No survey is loaded yet: upload one below, or start from a sample." in guide_text(at)
