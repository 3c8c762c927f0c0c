"""A survey near the size limit: every page works, and the need-cluster heat map aggregates (issue 9.4)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from core.analysis.need_clusters import need_clusters
from core.intake.limits import HEATMAP_OUTCOMES
from core.intake.loading import load_file
from core.workspace.database import create_workspace
from tests.app.app_helpers import new_app, switch_to
from tests.unit.intake.test_size_limits import responses_csv
from ui.charts.clusters import heatmap_block, heatmap_cells

OUTCOMES = 600


@pytest.fixture
def large_token(data_dir: Path) -> str:
    workspace = create_workspace()
    result = load_file(workspace, responses_csv(80, OUTCOMES), "large.csv")
    assert result.ok, result.report.errors
    workspace.close()
    return workspace.token


def test_the_heat_map_averages_blocks_of_outcomes_above_the_limit(large_token: str):
    from core.workspace.database import open_workspace

    workspace = open_workspace(large_token)
    clusters = need_clusters(workspace)
    workspace.close()
    block = heatmap_block(OUTCOMES)
    assert block == 4
    cells = heatmap_cells(clusters)
    assert len(cells) <= HEATMAP_OUTCOMES**2 and {c["w"] for c in cells} == {block}
    r = clusters.correlation.to_numpy()
    cell = next(c for c in cells if c["x"] == 8 and c["y"] == 0)
    assert cell["r"] == pytest.approx(r[0:4, 8:12].mean(), abs=0.006)
    diagonal = next(c for c in cells if c["x"] == 0 and c["y"] == 0)
    off = r[0:4, 0:4][~np.eye(4, dtype=bool)]
    assert diagonal["r"] == pytest.approx(off.mean(), abs=0.006)  # the 1s of the diagonal left out


def test_small_surveys_keep_one_cell_per_pair_of_outcomes():
    assert heatmap_block(HEATMAP_OUTCOMES) == 1 and heatmap_block(HEATMAP_OUTCOMES + 1) == 2


def test_every_page_runs_on_a_large_survey(large_token: str):
    app = new_app(large_token, timeout=120)
    app.run()
    for page in (f"pages/{p.name}" for p in sorted((Path(__file__).resolve().parents[2] / "pages").glob("*.py"))):
        switch_to(app, page)  # every page, the follow-through pages added later too
        assert not app.exception
        assert not [e.value for e in app.error if "Something went wrong" in e.value]
