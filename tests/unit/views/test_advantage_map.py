"""The Focus matrix's competitive advantage map: one template without competitors, built once per
process (ui/warm_imports.py builds it in the background), filled with each survey's names."""

from __future__ import annotations

import pandas as pd

from ui.charts.focus import OUR_TARGET, SHORT_Y_TITLE, advantage_map
from ui.charts.theme import COMPETITOR_PALETTE, INK

TARGETS = pd.DataFrame({"step_order": [1, 2], "step": ["a", "b"], "target": [6.0, None], "choice": ["meet", "meet"]})


def lines(*names: str) -> pd.DataFrame:
    return pd.DataFrame({"series": list(names), "step_order": 1, "step_label": "1 · a", "satisfaction": 5.0})


def series_scales(spec: dict) -> list[dict]:
    colours = [layer["encoding"].get("color", {}) for layer in spec["layer"]]
    return [c for c in colours if c.get("field") == "series"]


def test_each_survey_gets_its_competitors_in_the_colour_scale():
    first = advantage_map(lines("Zeta", "Alpha", "Alpha"), TARGETS, 4.0)
    second = advantage_map(lines("Only rival"), TARGETS, 4.0)
    scales = series_scales(first)
    assert len(scales) == 2  # the competitors' lines and our target's line share one scale
    for colour in scales:
        assert colour["scale"]["domain"] == ["Alpha", "Zeta", OUR_TARGET]
        assert colour["scale"]["range"] == [*COMPETITOR_PALETTE[:2], INK]
        assert colour["legend"]["columns"] == 3
    assert all(c["scale"]["domain"] == ["Only rival", OUR_TARGET] for c in series_scales(second))
    # the same again after another survey's: each fills a copy, the cached template stays as built
    assert series_scales(advantage_map(lines("Zeta", "Alpha"), TARGETS, 4.0)) == scales


def test_many_competitors_reuse_the_palette_and_presenting_keeps_the_legend_on_one_row():
    names = [f"Rival {i:02d}" for i in range(len(COMPETITOR_PALETTE) + 2)]
    spec = advantage_map(lines(*names), TARGETS, 4.0, one_line_legend=True)
    colour = series_scales(spec)[0]
    assert colour["scale"]["range"][len(COMPETITOR_PALETTE)] == COMPETITOR_PALETTE[0]
    assert colour["legend"]["columns"] == len(names) + 1
    assert spec["layer"][0]["encoding"]["y"]["title"] == SHORT_Y_TITLE
    assert advantage_map(lines(*names), TARGETS, 4.0)["layer"][0]["encoding"]["y"]["title"] == "Satisfaction (0–10)"
