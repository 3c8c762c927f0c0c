"""Willingness to pay (WTP), when the survey asks for it: by segment and by satisfaction level.

* **The WTP attribute** is a respondent attribute whose header says so (``willingness to
  pay``, ``WTP``, ``max price`` …) and whose values are mostly numbers (currency signs and
  thousands separators are ignored; negative amounts are left out).
* **Summaries** per group: n, median, quartiles (25 % and 75 %) and mean. Medians, because
  WTP is skewed: a few large answers move the mean a lot.
* **By segment**: the groups of a saved segmentation; the page sets each segment's median
  beside its mean opportunity, so one sees whether underserved segments would pay more.
* **By satisfaction level**: respondents split into thirds by their mean satisfaction rating
  across all outcomes (rescaled to 0–10); the label gives each third's range.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from core.intake.importers.headers import header_key
from core.intake.scales import DEFAULT_SCALE
from core.intake.store import survey_info
from core.sqlfiles import query
from core.wording import readable_header
from core.workspace.database import Workspace

WTP_KEYS = ("willingness_to_pay", "wtp", "max_price", "maximum_price", "price_willing_to_pay", "would_pay")
MIN_NUMERIC_SHARE = 0.5
LEVELS = ("Least satisfied third", "Middle third", "Most satisfied third")


@dataclass(frozen=True)
class WtpAttribute:
    attribute: str  # internal column name
    header: str  # as people read it (core.wording.readable_header of the spreadsheet's header)


def _looks_like_wtp(header: str, name: str) -> bool:
    keys = {header_key(header), name}
    return any(k in WTP_KEYS or k.startswith(("willingness_to_pay", "wtp_")) for k in keys) or any(
        "willing" in k and "pay" in k for k in keys
    )


def wtp_attribute(workspace: Workspace) -> WtpAttribute | None:
    """The survey's willingness-to-pay attribute, or None when it has none."""
    frame = workspace.cursor().execute(query("wtp", "numeric_attributes")).df()
    row: Any  # a pandas row: its fields are untyped
    for row in frame.itertuples():
        if _looks_like_wtp(row.header, row.attribute) and row.n_numeric >= MIN_NUMERIC_SHARE * max(row.n_values, 1):
            return WtpAttribute(row.attribute, readable_header(row.header))
    return None


def respondent_wtp(workspace: Workspace, segmentation_id: str | None = None) -> pd.DataFrame:
    """respondent_id, wtp, mean_satisfaction (0–10), segment — respondents with a numeric WTP."""
    found = wtp_attribute(workspace)
    if found is None:
        return pd.DataFrame(columns=["respondent_id", "wtp", "mean_satisfaction", "segment"])
    frame = (
        workspace.cursor()
        .execute(
            query("wtp", "respondent_wtp"), {"attribute": found.attribute, "segmentation_id": segmentation_id or ""}
        )
        .df()
    )
    info = survey_info(workspace)
    scale = info.scale if info else DEFAULT_SCALE
    frame["mean_satisfaction"] = 10 * (frame["mean_satisfaction"] - scale.low) / (scale.high - scale.low)
    return frame


def summarise(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per value of ``by``: n, median, q1, q3, mean of ``wtp`` (largest n first)."""
    rows = frame.dropna(subset=[by, "wtp"])
    if rows.empty:
        return pd.DataFrame(columns=[by, "n", "median", "q1", "q3", "mean"])
    grouped = rows.groupby(by, sort=False)["wtp"]
    table = pd.DataFrame(
        {
            "n": grouped.size(),
            "median": grouped.median(),
            "q1": grouped.quantile(0.25),
            "q3": grouped.quantile(0.75),
            "mean": grouped.mean(),
        }
    )
    return table.reset_index().sort_values("n", ascending=False, kind="stable").reset_index(drop=True)


def wtp_by_segment(workspace: Workspace, segmentation_id: str) -> pd.DataFrame:
    """WTP per segment of a saved segmentation: segment, n, median, q1, q3, mean."""
    return summarise(respondent_wtp(workspace, segmentation_id), "segment")


def satisfaction_levels(mean_satisfaction: pd.Series) -> pd.Series:
    """Thirds of respondents by mean satisfaction, labelled with each third's range (0–10)."""
    valid = mean_satisfaction.dropna()
    if valid.nunique() < 3:
        return pd.Series(pd.NA, index=mean_satisfaction.index, dtype=object)
    thirds = pd.qcut(valid.rank(method="first"), 3, labels=False)
    labels = {}
    for third in range(3):
        part = valid[thirds == third]
        labels[third] = f"{LEVELS[third]} ({part.min():.1f}–{part.max():.1f})"
    return thirds.map(labels).reindex(mean_satisfaction.index)


def wtp_by_satisfaction(workspace: Workspace) -> pd.DataFrame:
    """WTP per satisfaction third: level, n, median, q1, q3, mean — least satisfied first."""
    frame = respondent_wtp(workspace)
    frame["level"] = satisfaction_levels(frame["mean_satisfaction"])
    table = summarise(frame, "level")
    if table.empty:
        return table
    table["order"] = [next(i for i, name in enumerate(LEVELS) if level.startswith(name)) for level in table["level"]]
    return table.sort_values("order").drop(columns="order").reset_index(drop=True)
