"""The counting rule set on the Data page changes the Opportunities numbers and is named there."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from core.analysis.scoring import ScoringSettings, load_settings, outcome_scores
from core.workspace.database import Workspace
from tests.app.app_helpers import switch_to, texts


def ranked_opportunities(app: AppTest):
    return app.dataframe[0].value.set_index("outcome_id")[["n_importance", "opportunity"]].sort_index()


def test_complete_pairs_on_the_data_page_rescore_the_opportunities(app: AppTest, stored: Workspace):
    # The sample has missing ratings, so the two rules must differ somewhere.
    per_item = outcome_scores(stored, ScoringSettings())
    paired = outcome_scores(stored, ScoringSettings(complete_pairs=True))
    assert (per_item["n_importance"] != paired["n_importance"]).any()

    switch_to(app, "pages/opportunities.py")
    before = ranked_opportunities(app)
    assert "Scores: top-two-box, per item" in texts(app.caption)

    switch_to(app, "pages/data.py")
    app.session_state["data_tab"] = "Scoring settings"
    app.run()
    app.toggle(key="scoring_complete_pairs").set_value(True).run()
    assert not app.exception, app.exception
    assert load_settings(stored).complete_pairs is True
    assert "complete pairs only" in app.sidebar.caption[0].value

    switch_to(app, "pages/opportunities.py")
    after = ranked_opportunities(app)
    assert "Scores: top-two-box, complete pairs only" in texts(app.caption)
    expected = paired.set_index("outcome_id")[["n_importance", "opportunity"]].sort_index()
    assert (after["n_importance"] == expected["n_importance"]).all()
    assert (after["opportunity"].round(6) == expected["opportunity"].round(6)).all()
    assert not after["n_importance"].equals(before["n_importance"])
