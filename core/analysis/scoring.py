"""Opportunity scoring (docs/ARCHITECTURE.md, Scoring); the SQL is ``core/sql/scoring.sql``.

Default method, top-two-box on the scale's top two points, available-case per item::

    importance   = 10 × (ratings in the top two points) / (valid importance ratings)
    satisfaction = 10 × (ratings in the top two points) / (valid satisfaction ratings)
    opportunity  = importance + max(importance − satisfaction, 0)          # 0…20

The ``mean`` method rescales each mean to 0–10: (mean − min) / (max − min) × 10. The ``max``
is taken per outcome. Bands: ≥ 15 extreme, 12–15 high, 10–12 solid, < 10 not attractive; an
outcome is overserved when satisfaction exceeds importance by more than a margin (1 point).
Every score carries its n and a 95 % interval (Wilson for top-two-box proportions).

Counting rule (``complete_pairs``): by default each rating counts over its own valid answers
("per item", available-case). Some teams count an outcome only over the respondents who rated
both importance and satisfaction ("complete pairs"); the setting switches the one scoring query
(a bound parameter, not a second query), so overall scores, groups, segment profiles and
competitors all follow it. :func:`scoring_rule` names the rule for captions and exports.

Everyone is scored from counts kept at import (core.workspace.rating_counts: ratings rows per
outcome and (importance, satisfaction) pair), groups and competitors from the raw ratings. The
pure functions below state the same formulas for one outcome; the tests hold the SQL to them.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, replace

import duckdb
import pandas as pd

from core.intake.scales import Scale
from core.intake.store import survey_info
from core.sqlfiles import one_row, query
from core.workspace import segment_counts
from core.workspace.change_marks import Drawn, check_and_mark
from core.workspace.database import Workspace
from core.workspace.rating_counts import counted_cursor
from core.workspace.settings import Loaded, SettingSpec, load_setting

METHODS = ("top2box", "mean")
METHOD_LABELS = {"top2box": "top-two-box", "mean": "mean (rescaled)"}
RULE_LABELS = {False: "per item", True: "complete pairs only"}
SETTINGS_KEY = "scoring"
BANDS = ("extreme", "high", "solid", "not attractive")


@dataclass(frozen=True)
class ScoringSettings:
    """How scores are computed; stored in the workspace under ``scoring``."""

    method: str = "top2box"
    extreme: float = 15.0
    high: float = 12.0
    solid: float = 10.0
    overserved_margin: float = 1.0
    complete_pairs: bool = False  # True: count only respondents who rated both (see the module docstring)
    wave: int = 0  # "Scores from wave": 0 = the base wave (the survey itself); see core.analysis.waves

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise ValueError(f"Unknown scoring method {self.method!r}: use {' or '.join(METHODS)}.")
        if not 0 <= self.solid <= self.high <= self.extreme <= 20:
            raise ValueError("Band thresholds must rise within 0–20: solid ≤ high ≤ extreme.")
        if not 0 <= self.overserved_margin <= 10:
            raise ValueError("The overserved margin must be between 0 and 10 points.")
        if self.wave < 0:
            raise ValueError("A wave is numbered from 0 (the base wave).")


SPEC = SettingSpec(SETTINGS_KEY, ScoringSettings, "scoring settings", "the Data page (Scoring settings tab)")


def read_settings(workspace: Workspace) -> Loaded[ScoringSettings]:
    """The scoring settings with the warnings of core.workspace.settings (never raises)."""
    return load_setting(workspace, SPEC)


def load_settings(workspace: Workspace) -> ScoringSettings:
    """The scoring settings; a stored value that cannot be read takes its default."""
    return read_settings(workspace).settings


def save_settings(
    workspace: Workspace, settings: ScoringSettings, *, personal: bool = False, drawn: Drawn | None = None
) -> None:
    """Store the scoring settings; ``personal`` (the wave shown) stays a viewer's own on a view link;
    ``drawn`` (the form they were changed in) refuses them when changed elsewhere since (issue 17.4)."""
    if personal and workspace.refuses_writes:
        workspace.set_setting(SETTINGS_KEY, asdict(settings), personal=True)
        return
    with workspace.transaction() as cur:
        check_and_mark(cur, [f"setting:{SETTINGS_KEY}"], drawn, "The scoring settings")
        cur.execute(query("settings", "put"), {"key": SETTINGS_KEY, "value": json.dumps(asdict(settings))})


def scoring_rule(settings: ScoringSettings) -> str:
    """The method and counting rule in words: "Scores: top-two-box, per item"."""
    return f"Scores: {METHOD_LABELS[settings.method]}, {RULE_LABELS[settings.complete_pairs]}"


# --- the formulas, for one outcome -------------------------------------------------------
def top_two_box(ratings_in_top: int, valid: int) -> float | None:
    """10 × share of valid ratings in the top two points; None when nothing is valid."""
    return 10 * ratings_in_top / valid if valid else None


def mean_score(mean: float, scale: Scale) -> float:
    """A mean rating rescaled linearly to 0–10."""
    return 10 * (mean - scale.low) / (scale.high - scale.low)


def opportunity(importance: float, satisfaction: float) -> float:
    """importance + max(importance − satisfaction, 0)."""
    return importance + max(importance - satisfaction, 0.0)


def band(score: float, settings: ScoringSettings = ScoringSettings()) -> str:
    if score >= settings.extreme:
        return "extreme"
    if score >= settings.high:
        return "high"
    if score >= settings.solid:
        return "solid"
    return "not attractive"


def wilson_interval(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95 % Wilson score interval of the proportion k/n, as proportions."""
    if n == 0:
        return (math.nan, math.nan)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


# --- queries -----------------------------------------------------------------------------
def _parameters(workspace: Workspace, settings: ScoringSettings, source: str, grouping: str, wave: int = 0) -> dict:
    info = survey_info(workspace)
    scale = info.scale if info else Scale(1, 5, (4, 5))
    return {
        "source": source,
        "grouping": grouping,
        "method": settings.method,
        "top_min": scale.top_min,
        "scale_low": scale.low,
        "scale_high": scale.high,
        "extreme": settings.extreme,
        "high": settings.high,
        "solid": settings.solid,
        "overserved_margin": settings.overserved_margin,
        "complete_pairs": settings.complete_pairs,
        "wave": wave,
    }


def wave_cursor(cur: duckdb.DuckDBPyConnection, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    """``cur``, on which the wave tables can be read: a read-only handle on a workspace from before
    waves gets them as empty temporary tables (writable handles always have them)."""
    if read_only and not one_row(cur.execute(query("waves", "present")))[0]:
        cur.execute(query("waves", "temporary"))
    return cur


def scored_wave(cur: duckdb.DuckDBPyConnection, wave: int) -> int:
    """``wave`` when the workspace holds its counts, else 0 (the base wave): a chosen wave that was
    deleted, or a setting restored without its wave, scores the survey itself (the sidebar says so)."""
    if not wave:
        return 0
    return wave if one_row(cur.execute(query("waves", "is_stored"), {"wave": wave}))[0] else 0


def outcome_scores(
    workspace: Workspace, settings: ScoringSettings | None = None, *, by: str | None = None, wave: int | None = None
) -> pd.DataFrame:
    """Scores per outcome, overall (group 'All') or per group.

    ``by``: ``None`` for everyone; ``'attribute:<column_name>'`` or ``'segmentation:<id>'``
    for groups of respondents; ``'competitors'`` for the competitors sheet (group = solution).
    ``wave``: the survey wave (core.analysis.waves); by default everyone is scored from the
    settings' wave ("Scores from wave") and groups and competitors from the base wave — segments
    and attributes exist only there. Another wave's competitors are scored when asked for.
    """
    settings = settings or load_settings(workspace)
    cur = counted_cursor(workspace.cursor(), read_only=workspace.read_only)
    cur = wave_cursor(cur, read_only=workspace.read_only)
    wave = scored_wave(cur, settings.wave if wave is None and by is None else (wave or 0))
    if by is None:
        source, grouping = ("wave" if wave else "all"), ""
    elif by == "competitors":
        source, grouping = ("wave_competitors" if wave else "competitors"), ""
    else:
        source, grouping = ("segment_counts" if segment_counts.counted(cur, by) else "groups"), by
    params = _parameters(workspace, settings, source, grouping, wave)
    return cur.execute(query("scoring", "outcome_scores"), params).df()


def step_scores(workspace: Workspace, scored: pd.DataFrame, settings: ScoringSettings | None = None) -> pd.DataFrame:
    """Per step (and group): mean opportunity, outcomes ≥ the solid threshold, top outcome."""
    settings = settings or load_settings(workspace)
    cur = workspace.cursor()
    cur.register("scored_outcomes", scored)
    try:
        return cur.execute(query("scoring", "step_scores"), {"solid": settings.solid}).df()
    finally:
        cur.unregister("scored_outcomes")


def with_settings(settings: ScoringSettings, **changes: object) -> ScoringSettings:
    return replace(settings, **changes)
