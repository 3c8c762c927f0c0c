"""Checks of the growth-strategy overrides in a workspace file (core.workspace.restore), beyond the
column types every framework sheet gets (core.workspace.restore_checks.framework_frame).

An override must name a growth strategy (core.strategy.growth.STRATEGIES) and a segmentation the
file holds (or ``market``, the whole market); a file edited by hand that breaks this is refused
with the sheet, row and column, instead of holding a strategy no page can show.
"""

from __future__ import annotations

import pandas as pd

from core.strategy.growth import MARKET_ID, STRATEGIES
from core.workspace.restore_checks import fail, known


def check_growth_sheet(frameworks: dict[str, pd.DataFrame], segmentations: pd.DataFrame | None) -> None:
    """Refuse an override of an unknown strategy or segmentation."""
    rows = frameworks.get("growth_overrides")
    if rows is None:
        return
    bad = rows[~rows["strategy"].isin(STRATEGIES)]
    if len(bad):
        seen = bad["strategy"].iloc[0]
        raise fail(
            "growth_overrides", int(bad.index[0]), "strategy", f"“{seen}” is not one of {', '.join(STRATEGIES)}."
        )
    ids = {MARKET_ID, *(segmentations["segmentation_id"] if segmentations is not None else [])}
    known("growth_overrides", rows["segmentation_id"], "segmentation_id", ids, "a segmentation")
