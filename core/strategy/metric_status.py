"""A metric's status: on track, at risk or off track (issue 14.4), as a pure function.

The rule, shown on the page (:data:`RULE`): **progress** is how far the latest measurement has
come from the baseline towards the target, ``(latest − baseline) / (target − baseline)``, which
reads the same whether higher or lower is better (0 = at the baseline, 1 = at the target).
**Time gone** is how much of the time from the baseline date to the target date has passed by
today, 0–1.

- **on track**: the target is reached (at or beyond it, in the better direction), or progress
  ≥ time gone;
- **at risk**: behind by at most :data:`AT_RISK_GAP` (a quarter of the way), still going the
  right way;
- **off track**: further behind, or worse than the baseline (progress < 0), or the target date
  has passed without the target being reached.

Edges, decided: no measurement → *no data*; no target → *no target* (nothing to be on track
for). No baseline → the first measurement is the baseline. No baseline date → the date of the
first measurement. No target date → time gone is 0, so the status only says whether we move the
right way (on track) or not (off track) — except that still standing at the baseline is *at
risk*. Baseline equal to the target (hold a level): on track while at or beyond it, else off
track. A target date on or before the baseline date counts as fully gone once reached.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA, NO_TARGET = "on track", "at risk", "off track", "no data", "no target"
STATUSES = (ON_TRACK, AT_RISK, OFF_TRACK, NO_TARGET, NO_DATA)
AT_RISK_GAP = 0.25
RULE = (
    "Progress = how far the latest value has come from the baseline to the target (0 % at the baseline, "
    "100 % at the target); time gone = the share of the time from the baseline date to the target date that has "
    "passed. **On track**: target reached, or progress ≥ time gone. **At risk**: behind by at most 25 points. "
    "**Off track**: further behind, worse than the baseline, or past the target date without reaching it. "
    "No target date: on track while moving the right way."
)


@dataclass(frozen=True)
class Status:
    """A status with the figures behind it and one sentence that explains it."""

    status: str
    progress: float | None  # 0 at the baseline, 1 at the target
    time_gone: float | None  # 0..1
    reason: str


def _share(value: float) -> str:
    return f"{value * 100:.0f} %"


def metric_status(
    values: list[tuple[dt.date, float]],
    *,
    baseline: float | None,
    baseline_date: dt.date | None,
    target: float | None,
    target_date: dt.date | None,
    lower_is_better: bool,
    today: dt.date,
) -> Status:
    """The status of one metric from its measurements ``(day, value)`` (module docstring)."""
    if not values:
        return Status(NO_DATA, None, None, "No measurement yet.")
    ordered = sorted(values)
    latest = ordered[-1][1]
    if target is None:
        return Status(NO_TARGET, None, None, "No target set: set one to get a status.")
    start = baseline if baseline is not None else ordered[0][1]
    begin = baseline_date if baseline_date is not None else ordered[0][0]
    sign = -1.0 if lower_is_better else 1.0
    reached = sign * (latest - target) >= 0
    past = target_date is not None and today > target_date
    if reached:
        return Status(ON_TRACK, 1.0, _gone(begin, target_date, today), f"Target reached ({latest:g}).")
    if target == start:
        return Status(OFF_TRACK, None, None, f"The level to hold is {target:g}; the latest value is {latest:g}.")
    progress = (latest - start) / (target - start)
    gone = _gone(begin, target_date, today)
    said = f"{_share(progress)} of the way from {start:g} to {target:g}"
    if past:
        return Status(OFF_TRACK, progress, gone, f"The target date {target_date} has passed; {said}.")
    if progress < 0:
        return Status(OFF_TRACK, progress, gone, f"Worse than the baseline: {said}.")
    if gone is None:
        status = ON_TRACK if progress > 0 else AT_RISK
        return Status(status, progress, None, f"{said}; no target date.")
    said += f", {_share(gone)} of the time gone"
    if progress >= gone:
        return Status(ON_TRACK, progress, gone, said + ".")
    if gone - progress <= AT_RISK_GAP:
        return Status(AT_RISK, progress, gone, said + ".")
    return Status(OFF_TRACK, progress, gone, said + ".")


def _gone(begin: dt.date, target_date: dt.date | None, today: dt.date) -> float | None:
    """The share of the time from ``begin`` to ``target_date`` passed by ``today`` (0..1)."""
    if target_date is None:
        return None
    span = (target_date - begin).days
    if span <= 0:
        return 1.0 if today >= target_date else 0.0
    return min(max((today - begin).days / span, 0.0), 1.0)
