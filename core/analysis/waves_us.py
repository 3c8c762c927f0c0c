"""Between two waves, on the steps the active focus scenario differentiates: did we improve, and
is a competitor catching up? (issue 14.5; rules in the README, "Survey waves").

Needs "us" (the competition settings, core.analysis.competition) and the competitors sheet
(each respondent's satisfaction with each named solution), which every wave keeps as counts.
Per competitor and outcome the satisfaction of each wave and its p-value come from the same
comparison as everyone's (core.analysis.waves_compare); a step's satisfaction is the mean of its
outcomes'.

* **Improved for us** on a differentiated step: our mean satisfaction on the step rose and at
  least one of its outcomes rose significantly (p < 0.05). **Declined**: it fell and at least
  one outcome fell significantly. Otherwise **no significant change**.
* **Erosion warning** for a competitor on a differentiated step: its mean satisfaction on the
  step rose with at least one outcome rising significantly, **and** the gap to us (our
  satisfaction − theirs) shrank. A competitor that rose while we rose as fast is not catching up.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.analysis.waves_compare import compare_scores

IMPROVED, DECLINED, UNCHANGED = "improved", "declined", "no significant change"


@dataclass(frozen=True)
class UsChanges:
    """Our differentiated steps between two waves, and the competitors catching up on them."""

    steps: pd.DataFrame  # step_id, step, first_us, second_us, change, rose, fell, status
    erosion: pd.DataFrame  # step_id, step, competitor, first, second, change, first_gap, second_gap
    note: str = ""  # why nothing could be said, when nothing could


def _per_step(compared: pd.DataFrame, outcomes: pd.DataFrame) -> pd.DataFrame:
    frame = compared.merge(outcomes[["outcome_id", "step_id", "step", "step_order"]], on="outcome_id")
    significant = frame["satisfaction_significant"].fillna(False).astype(bool)
    frame["rose"] = significant & (frame["satisfaction_change"] > 0)
    frame["fell"] = significant & (frame["satisfaction_change"] < 0)
    return frame.groupby(["competitor", "step_order", "step_id", "step"], as_index=False).agg(
        first=("first_satisfaction", "mean"),
        second=("second_satisfaction", "mean"),
        rose=("rose", "sum"),
        fell=("fell", "sum"),
    )


def us_changes(
    first: pd.DataFrame,
    second: pd.DataFrame,
    outcomes: pd.DataFrame,
    method: str,
    us: str | None,
    differentiated: set[int],
) -> UsChanges:
    """``first``/``second``: competitor scores (outcome_scores by competitors; column ``group``)
    of the two waves; ``outcomes``: outcome_id, step_id, step, step_order."""
    empty = UsChanges(pd.DataFrame(), pd.DataFrame())
    if not us:
        return UsChanges(empty.steps, empty.erosion, "Mark which competitor is “us” on the Competitors page to see it.")
    if first.empty or us not in set(first["group"]):
        return UsChanges(
            empty.steps,
            empty.erosion,
            f"The survey has no competitor ratings of “{us}” (the competitors sheet), so waves cannot show its change.",
        )
    if not differentiated:
        return UsChanges(
            empty.steps, empty.erosion, "The active focus scenario differentiates no step yet (Focus matrix page)."
        )
    keys = ["group", "outcome_id"]
    compared = compare_scores(first, second, method, key=keys).rename(columns={"group": "competitor"})  # type: ignore[arg-type]
    steps = _per_step(compared, outcomes)
    steps = steps[steps["step_id"].isin(differentiated)]
    steps = steps.assign(change=steps["second"] - steps["first"])
    ours = steps[steps["competitor"] == us].copy()
    ours["status"] = [
        IMPROVED if c > 0 and r else DECLINED if c < 0 and f else UNCHANGED
        for c, r, f in zip(ours["change"], ours["rose"], ours["fell"], strict=True)
    ]
    ours = ours.rename(columns={"first": "first_us", "second": "second_us"})
    theirs = steps[steps["competitor"] != us].merge(ours[["step_id", "first_us", "second_us"]], on="step_id")
    theirs = theirs.assign(
        first_gap=theirs["first_us"] - theirs["first"], second_gap=theirs["second_us"] - theirs["second"]
    )
    catching_up = theirs[(theirs["change"] > 0) & (theirs["rose"] > 0) & (theirs["second_gap"] < theirs["first_gap"])]
    return UsChanges(
        ours.drop(columns="competitor").reset_index(drop=True),
        catching_up[
            ["step_id", "step", "competitor", "first", "second", "change", "first_gap", "second_gap"]
        ].reset_index(drop=True),
    )
