"""The Capabilities page's view: the Capability–Need Connection Matrix with VRIO (issue 13.1).

Two parts, so a cell edit costs no scoring query: :func:`need_scores` (the outcome scores of
everyone; ``ui`` caches it by the survey's signature, like the focus matrix) and
:func:`capabilities_view`, which reads the small capability tables and the active scenario's
choices and applies the rules of core.strategy.vrio (documented there).

Columns by default: the outcomes of the steps chosen *differentiate* in the active focus
scenario plus every outcome at or above the "high" band of the scoring settings; plus the
needs the facilitator added, minus those removed (core.strategy.capabilities.include_need);
ordered by opportunity, highest first. The active scenario is read, never created here (the
Focus matrix creates "Scenario 1"): without a scenario, only the high band counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from core.analysis.scoring import ScoringSettings, outcome_scores
from core.sqlfiles import query
from core.strategy import vrio
from core.strategy.capabilities import capabilities, links, need_choices
from core.strategy.scenarios import ACTIVE_KEY
from core.workspace.database import Workspace

NEED_COLUMNS = ["outcome_id", "statement", "step_id", "step", "step_order", "importance", "satisfaction", "opportunity"]
REASON_DIFFERENTIATE = "step chosen to differentiate"
REASON_HIGH = "high opportunity"
REASON_EXTREME = "extreme opportunity"
REASON_ADDED = "added by hand"


@dataclass(frozen=True)
class CapabilitiesView:
    """What the Capabilities page shows (field comments name the columns)."""

    scoring: ScoringSettings
    scenario: str | None  # the active focus scenario's name (None: no scenario yet)
    rows: (
        pd.DataFrame
    )  # capabilities in order + valuable_derived, valuable_now, implication, unlock, requirement, n_needs, summary
    columns: pd.DataFrame  # NEED_COLUMNS + band, reason, differentiate, must_cover, gap; by opportunity
    cells: pd.DataFrame  # capability_id, outcome_id, strength, note of the links to the columns
    gaps: pd.DataFrame  # the gap columns, highest opportunity first
    priorities: pd.DataFrame  # capability_id, name, unlock, requirement, strength, implication; by unlock
    available: pd.DataFrame  # needs not shown as columns (to add one), by opportunity
    counts: dict[str, int] = field(default_factory=dict)  # implication → capabilities, every implication

    def level(self, capability_id: str, outcome_id: str) -> int:
        """The link level of one cell (0 when there is no link)."""
        hit = self.cells[(self.cells["capability_id"] == capability_id) & (self.cells["outcome_id"] == outcome_id)]
        return int(hit["strength"].iloc[0]) if len(hit) else 0


def need_scores(workspace: Workspace, scoring: ScoringSettings) -> pd.DataFrame:
    """The outcome scores of everyone (NEED_COLUMNS), in job order."""
    scores = outcome_scores(workspace, scoring)
    return scores.loc[scores["group"] == "All", NEED_COLUMNS].reset_index(drop=True)


def active_scenario(workspace: Workspace) -> tuple[str | None, str | None]:
    """(scenario_id, name) of the active focus scenario, or (None, None) when there is none."""
    names = dict(workspace.cursor().execute(query("capabilities", "scenario_names")).fetchall())
    chosen = workspace.get_setting(ACTIVE_KEY)
    if chosen not in names:
        chosen = next(iter(names), None)
    return chosen, names.get(chosen)


def differentiate_steps(workspace: Workspace, scenario_id: str | None) -> set[int]:
    if scenario_id is None:
        return set()
    rows = workspace.cursor().execute(query("capabilities", "differentiate_steps"), {"scenario_id": scenario_id})
    return {int(r[0]) for r in rows.fetchall()}


def choose_columns(
    scores: pd.DataFrame, scoring: ScoringSettings, differentiate: set[int], choices: dict[str, bool]
) -> tuple[pd.DataFrame, pd.Series]:
    """Every need with why it is a column and whether it must be covered, and which are shown.

    Returns (needs, shown): ``shown`` is the boolean mask of the columns (module docstring)."""
    frame = scores.copy()
    frame["differentiate"] = frame["step_id"].isin(differentiate)
    high = frame["opportunity"].fillna(-1) >= scoring.high
    added = frame["outcome_id"].isin([o for o, keep in choices.items() if keep])
    removed = frame["outcome_id"].isin([o for o, keep in choices.items() if not keep])
    frame["reason"] = REASON_ADDED
    frame.loc[high, "reason"] = REASON_HIGH
    frame.loc[frame["opportunity"].fillna(-1) >= scoring.extreme, "reason"] = REASON_EXTREME
    frame.loc[frame["differentiate"], "reason"] = REASON_DIFFERENTIATE
    shown = ((frame["differentiate"] | high) & ~removed) | added
    frame["band"] = frame["opportunity"].map(lambda v: None if pd.isna(v) else _band(float(v), scoring))
    frame["must_cover"] = frame["differentiate"] | (frame["opportunity"].fillna(-1) >= scoring.extreme)
    return frame, shown


def _band(score: float, scoring: ScoringSettings) -> str:
    for name, threshold in (("extreme", scoring.extreme), ("high", scoring.high), ("solid", scoring.solid)):
        if score >= threshold:
            return name
    return "not attractive"


def _by_opportunity(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(["opportunity", "step_order"], ascending=[False, True], na_position="last", kind="stable")


def _points(cost: object, effort: object) -> float | None:
    """Resource requirement; a value that is not a level or number (a tampered file) counts as blank."""
    try:
        return vrio.requirement(cost, effort)
    except ValueError:
        return None


def rate_rows(
    caps: pd.DataFrame, all_links: pd.DataFrame, columns: pd.DataFrame, scores: pd.DataFrame, high: float
) -> pd.DataFrame:
    """The capabilities with their derived figures (CapabilitiesView.rows).

    Valuable is derived from every link (a need removed from the columns still counts); unlock
    and the count of needs come from the links to the columns."""
    rows = caps.copy()
    valuable = vrio.derived_valuable(all_links, scores, high)
    cells = all_links[all_links["outcome_id"].isin(columns["outcome_id"])]
    unlocked = vrio.unlock(cells, columns)
    n_needs = cells[cells["strength"] > 0].groupby("capability_id").size()
    rows["valuable_derived"] = rows["capability_id"].isin(valuable)
    rows["valuable_now"] = [
        bool(derived) if pd.isna(given) else bool(given)
        for given, derived in zip(rows["valuable"], rows["valuable_derived"], strict=True)
    ]
    rows["implication"] = [
        vrio.implication(v, _yes(r), _yes(i), _yes(o))
        for v, r, i, o in zip(rows["valuable_now"], rows["rare"], rows["inimitable"], rows["organized"], strict=True)
    ]
    rows["unlock"] = rows["capability_id"].map(unlocked).fillna(0.0).astype(float)
    rows["requirement"] = [_points(c, e) for c, e in zip(rows["cost"], rows["effort"], strict=True)]
    rows["requirement"] = rows["requirement"].astype(float)
    rows["n_needs"] = rows["capability_id"].map(n_needs).fillna(0).astype(int)
    rows["summary"] = [
        vrio.summary_line(str(n), v, s, u, k)
        for n, v, s, u, k in zip(
            rows["name"], rows["implication"], rows["strength"], rows["unlock"], rows["n_needs"], strict=True
        )
    ]
    return rows.reset_index(drop=True)


def _yes(value: object) -> bool:
    return bool(value) if value is not None and not pd.isna(value) else False  # type: ignore[arg-type]


def capabilities_view(workspace: Workspace, scores: pd.DataFrame, scoring: ScoringSettings) -> CapabilitiesView:
    """Build the page's view from ``need_scores`` and the capability tables."""
    scenario_id, scenario = active_scenario(workspace)
    frame, shown = choose_columns(scores, scoring, differentiate_steps(workspace, scenario_id), need_choices(workspace))
    all_links = links(workspace)
    all_links["strength"] = all_links["strength"].fillna(0).astype(int)
    caps = capabilities(workspace)
    columns = _by_opportunity(frame[shown]).reset_index(drop=True)
    cells = all_links[all_links["outcome_id"].isin(columns["outcome_id"])].reset_index(drop=True)
    gap_rows = vrio.gaps(columns, cells, caps)
    columns["gap"] = columns["outcome_id"].isin(gap_rows["outcome_id"])
    rows = rate_rows(caps, all_links, columns, scores, scoring.high)
    priorities = rows[["capability_id", "name", "unlock", "requirement", "strength", "implication"]]
    priorities = priorities.sort_values(["unlock", "requirement"], ascending=[False, True], kind="stable")
    counts = {name: int((rows["implication"] == name).sum()) for name in vrio.IMPLICATIONS}
    return CapabilitiesView(
        scoring=scoring,
        scenario=scenario,
        rows=rows,
        columns=columns,
        cells=cells,
        gaps=gap_rows,
        priorities=priorities.reset_index(drop=True),
        available=_by_opportunity(frame[~shown]).reset_index(drop=True),
        counts=counts,
    )
