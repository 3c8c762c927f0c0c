"""Why an outcome's rank moves between scoring methods, in plain words derived from its numbers.

A move has two possible sources, told apart by ranking through the middle method (the opportunity
formula on means):

* the **footing** — top-two-box shares against means (default → ``opportunity_mean``). The measure
  whose standing among the outcomes changes most in the direction of the move is named, with its
  top-two-box share, mean and standard deviation, and the shape that makes the two disagree:
  *bunched just below the top two points* (the mean places it higher than its share does),
  *polarised* (the mean places it lower and its sd is at or above the outcomes' median sd) or
  *a long low tail* (the mean places it lower, with an ordinary sd). Standing is a z-score among
  the outcomes under each footing, so the size of a shift counts, not only its order;
* the **formula** — the gap counts importance once where the opportunity score counts it twice
  and goes negative where the opportunity score stops at importance; IPA ranks by quadrant first.

For the gap and IPA, whichever source moves the rank more is the reason given.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from core.intake.scales import Scale


@dataclass(frozen=True)
class Context:
    """The outcomes of one comparison (core.analysis.methods.method_scores + ranks) and the grand means."""

    frame: pd.DataFrame
    scale: Scale
    grand_importance: float
    grand_satisfaction: float

    @cached_property
    def standing(self) -> pd.DataFrame:
        """Each outcome's standing on each measure under each footing, as a z-score among the
        outcomes (0 where the measure does not vary): the size of a shift counts, not only its order."""
        f = self.frame

        def z(column: str) -> pd.Series:
            values = f[column]
            sd = values.std(ddof=0)
            return (values - values.mean()) / sd if sd and sd > 0 else values * 0.0

        return pd.DataFrame(
            {
                "importance_top": z("importance"),
                "importance_mean": z("importance_mean10"),
                "satisfaction_top": z("satisfaction"),
                "satisfaction_mean": z("satisfaction_mean10"),
            }
        )


def reason(method: str, index: int, context: Context) -> str:
    """Why outcome ``index`` of ``context.frame`` ranks differently under ``method`` than by default."""
    row = context.frame.iloc[index]  # the frame has a RangeIndex (method_scores)
    up = bool(row[f"rank_{method}"] < row["rank_opportunity"])
    if method == "opportunity_mean":
        return footing(row, index, context, up)
    through_means = row["rank_opportunity_mean"] - row["rank_opportunity"]
    own = row[f"rank_{method}"] - row["rank_opportunity_mean"]
    if pd.notna(through_means) and abs(through_means) > abs(own):
        return footing(row, index, context, bool(through_means < 0))
    return gap_formula(row, index, context, up) if method == "gap" else ipa_formula(row, context, up)


def footing(row: pd.Series, index: int, context: Context, up: bool) -> str:
    """Top-two-box against means: the measure that explains the move, and why its share and mean disagree."""
    s = context.standing.iloc[index]
    lift = {  # how much the mean footing pushes the rank up through each measure
        "importance": s["importance_mean"] - s["importance_top"],
        "satisfaction": -(s["satisfaction_mean"] - s["satisfaction_top"]),
    }
    measure = max(lift, key=lambda m: lift[m] if up else -lift[m])
    mean_higher = bool((s[f"{measure}_mean"] - s[f"{measure}_top"]) > 0)
    sd, median_sd = row[f"{measure}_sd"], context.frame[f"{measure}_sd"].median()
    if mean_higher:
        shape = "bunched just below the top two points"
    elif pd.notna(sd) and sd > 0 and sd >= median_sd:
        shape = "polarised"
    else:
        shape = "with a long low tail"
    scale = context.scale
    numbers = (
        f"{row[measure] / 10:.0%} in the top two points, mean {row[f'{measure}_mean']:.1f} on "
        f"{scale.low}–{scale.high} (sd {sd:.1f})"
    )
    described = f"a polarised {measure}" if shape == "polarised" else f"{measure} {shape}"
    if measure == "satisfaction":
        high = row["importance"] >= context.frame["importance"].median()
        head = f"{'High importance but' if high else 'Lower importance and'} {described}"
    else:
        head = described[0].upper() + described[1:]
    return f"{head}: {numbers} — top-two-box and mean disagree"


def gap_formula(row: pd.Series, index: int, context: Context, up: bool) -> str:
    importance, satisfaction, gap = row["importance_mean10"], row["satisfaction_mean10"], row["gap"]
    if not up and satisfaction > importance:
        return (
            f"Overserved on the means (satisfaction {satisfaction:.1f} > importance {importance:.1f}): the "
            f"opportunity score stops at the importance, the gap goes negative ({signed(gap)})"
        )
    importance_rank = int(context.frame["importance_mean10"].rank(ascending=False, method="min").iloc[index])
    gap_rank = int(context.frame["gap"].rank(ascending=False, method="min").iloc[index])
    if up:
        return (
            f"Its gap ({signed(gap)}) ranks {gap_rank}, its importance ({importance:.1f} of 10) only "
            f"{importance_rank}: the gap score does not weigh importance itself"
        )
    return (
        f"Its importance ({importance:.1f} of 10) ranks {importance_rank}, its gap ({signed(gap)}) only "
        f"{gap_rank}: the gap counts importance once, the opportunity score twice"
    )


def signed(value: float) -> str:
    """+1.0 / −0.5; a gap that rounds to zero is "0.0", never "-0.0"."""
    return f"{round(value, 1) + 0.0:+.1f}" if round(value, 1) else "0.0"


def versus(value: float, mean: float) -> str:
    """ "6.04 ≥ the grand mean 6.02": one decimal, or two when one would make them look equal."""
    digits = 1 if round(value, 1) != round(mean, 1) else 2
    return f"{value:.{digits}f} {'≥' if value >= mean else '<'} the grand mean {mean:.{digits}f}"


def ipa_formula(row: pd.Series, context: Context, up: bool) -> str:
    importance, satisfaction = row["importance_mean10"], row["satisfaction_mean10"]
    gi, gs = context.grand_importance, context.grand_satisfaction
    quadrant = row["ipa_quadrant"]
    where = f"“{quadrant}” (importance {versus(importance, gi)}, satisfaction {versus(satisfaction, gs)})"
    if up:
        return f"In {where}: IPA ranks the quadrant first, ahead of outcomes with a bigger opportunity elsewhere"
    if importance < gi:
        return f"In {where}: below-average importance puts it behind every outcome of average importance or more"
    return f"In {where}: IPA ranks it behind every “concentrate here” outcome, whatever the size of its gap"
