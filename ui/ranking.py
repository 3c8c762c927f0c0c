"""The ranked outcome table: what the Opportunities page shows and lets people download."""

from __future__ import annotations

import pandas as pd

from core.analysis.bootstrap import distinguishable_text, not_distinguishable
from core.wording import decimal
from ui.charts.opportunities import LANDSCAPE_BOX, LANDSCAPE_POINTS, step_label

RANKED_COLUMNS = {
    "rank": "Rank",
    "statement": "Outcome",
    "step_label": "Job step",
    "importance": "Importance",
    "satisfaction": "Satisfaction",
    "opportunity": "Opportunity",
    "band": "Band",
    "n_importance": "n (imp.)",
    "n_satisfaction": "n (sat.)",
    "opportunity_interval": "Opportunity 95% CI",
    "distinct": "Next rank",
    "importance_interval": "Importance 95% CI",
    "satisfaction_interval": "Satisfaction 95% CI",
    "outcome_id": "Outcome id",
}


# What the page shows, in this order: the opportunity right after the outcome, so it is on
# screen at 1280 × 720 with the sidebar open (the download keeps RANKED_COLUMNS' order).
SHOWN_COLUMNS = [
    "rank",
    "statement",
    "opportunity",
    "importance",
    "satisfaction",
    "band",
    "opportunity_interval",
    "distinct",
    "step_label",
    "n_importance",
    "n_satisfaction",
    "importance_interval",
    "satisfaction_interval",
    "outcome_id",
]
SHOWN_WIDTHS = {"rank": 48, "statement": 330, "opportunity": 120, "importance": 92, "satisfaction": 92, "band": 110}


def _interval(low: pd.Series, high: pd.Series) -> list[str]:
    pairs = zip(low, high, strict=True)
    return [f"{decimal(lo)}–{decimal(hi)}" if pd.notna(lo) and pd.notna(hi) else "" for lo, hi in pairs]


def ranked(scores: pd.DataFrame) -> pd.DataFrame:
    """Outcomes by opportunity, highest first, with a rank matching the landscape's labels.

    With the bootstrap's ``opportunity_low``/``_high`` in ``scores``, each row also says when its
    interval overlaps the next row's: "not distinguishable from rank N+1"."""
    frame = scores.sort_values(["opportunity", "importance"], ascending=False, na_position="last").copy()
    frame["rank"] = range(1, len(frame) + 1)
    frame["step_label"] = [step_label(o, n) for o, n in zip(frame["step_order"], frame["step"], strict=True)]
    frame["importance_interval"] = _interval(frame["importance_low"], frame["importance_high"])
    frame["satisfaction_interval"] = _interval(frame["satisfaction_low"], frame["satisfaction_high"])
    for column in ("opportunity_low", "opportunity_high"):  # the bootstrap's (core.analysis.bootstrap)
        if column not in frame:
            frame[column] = float("nan")
    frame["opportunity_interval"] = _interval(frame["opportunity_low"], frame["opportunity_high"])
    marks = not_distinguishable(frame["opportunity"], frame["opportunity_low"], frame["opportunity_high"])
    frame["distinct"] = distinguishable_text(marks)
    frame["overserved"] = frame["overserved"].eq(True)  # NULL (no score) is not overserved
    frame.loc[frame["overserved"], "band"] = frame.loc[frame["overserved"], "band"] + " · overserved"
    return frame


def for_download(frame: pd.DataFrame, rule: str | None = None) -> pd.DataFrame:
    """The ranked table with readable headers and one decimal; ``rule`` (``scoring_rule``), when
    given, fills a last "Scoring" column so the file says how its numbers were counted."""
    out = frame[list(RANKED_COLUMNS)].rename(columns=RANKED_COLUMNS)
    for column in ("Importance", "Satisfaction", "Opportunity"):
        out[column] = out[column].round(1)
    if rule is not None:
        out["Scoring"] = rule.removeprefix("Scores: ")
    return out


def selected_outcomes(selection: dict | None, scores: pd.DataFrame) -> list[str] | None:
    """Outcome ids picked on the landscape (click or box), or None when nothing is selected."""
    if not selection:
        return None
    picked = [p["outcome_id"] for p in selection.get(LANDSCAPE_POINTS) or [] if "outcome_id" in p]
    box = selection.get(LANDSCAPE_BOX) or {}
    if box.get("importance") and box.get("satisfaction"):
        (x0, x1), (y0, y1) = sorted(box["importance"]), sorted(box["satisfaction"])
        inside = scores["importance"].between(x0, x1) & scores["satisfaction"].between(y0, y1)
        picked += list(scores.loc[inside, "outcome_id"])
    return list(dict.fromkeys(picked)) if picked or box else None
