"""What a scenario wins (issue 16.5): the respondents whose own top underserved outcomes lie in
the steps the scenario differentiates, by segment, by current solution and with their
willingness to pay. SQL: ``core/sql/wins.sql``.

**The rule** (:func:`rule_text` says it on screen and in the report):

1. A respondent's *underserved outcomes* are those they rate important (importance in the top
   box: the scale's top two points, 4–5 on 1–5) and not satisfied (satisfaction rated, below the
   top box). Outcomes with either rating missing are not in it.
2. They are ranked by the respondent's importance (high first), then the respondent's
   satisfaction (low first), then the outcome's opportunity in the whole sample (top-two-box),
   then job order — so a tie at the cut-off never depends on storage order.
3. The respondent's *top* underserved outcomes are the first three (all of them when fewer).
4. The respondent is **won** when at least half of those lie in differentiated steps: 2 of 3,
   1 of 2, 1 of 1. A respondent with no underserved outcome is never won.

Decisions: the rule reads the raw ratings of the survey's base wave (the one respondents belong
to), whatever the scoring method, counting rule or wave of the scores shown. "Share of the sample"
divides by every respondent of the survey. Segments are those of the grouping "serves best" uses
when it is a saved segmentation, else of the newest saved segmentation (as the Segments page
opens). The current solution is the attribute the Competitors page groups by
(:func:`core.analysis.competitors.current_solution_attribute`); willingness to pay is
:func:`core.analysis.wtp.wtp_attribute`, summed and averaged over the won respondents who gave
an amount.

Speed: :func:`wins_basis` runs the SQL once per survey (the UI caches it by the survey's
signature) and keeps a respondents × steps matrix of hits; :func:`scenario_wins` then only sums
the differentiated steps' columns (numpy, no loop per respondent), so a board move costs well
under a millisecond for 5,000 respondents.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.analysis.competitors import current_solution_attribute
from core.analysis.segment_store import GROUPING_PREFIX, list_segmentations
from core.analysis.wtp import wtp_attribute
from core.intake.scales import DEFAULT_SCALE, Scale
from core.intake.store import survey_info
from core.intake.survey_queries import attribute_header
from core.sqlfiles import query
from core.strategy.focus import DIFFERENTIATE, Assignment
from core.workspace.database import Workspace

TOP_N = 3  # a respondent's top underserved outcomes
NO_SEGMENT = "(no segment)"
NO_SOLUTION = "(not stated)"


@dataclass(frozen=True)
class Groups:
    """Respondents split by one attribute, factorised once per survey (so a move only counts)."""

    column: str  # "segment" or "solution"
    names: tuple[str, ...]
    codes: np.ndarray  # per respondent: index into ``names``
    sizes: np.ndarray  # respondents per name

    @classmethod
    def of(cls, people: pd.DataFrame, column: str, missing: str) -> Groups:
        """Empty (no names) when nobody has a value: the survey has no such grouping."""
        if people[column].isna().all():
            return cls(column, (), np.zeros(len(people), dtype=np.intp), np.zeros(0, dtype=np.intp))
        codes, names = pd.factorize(people[column].fillna(missing).astype(str), sort=True)
        return cls(column, tuple(str(n) for n in names), codes, np.bincount(codes, minlength=len(names)))

    def count(self, won: np.ndarray) -> pd.DataFrame:
        """Per name: n, won, share of it won; most won first, then the largest, then by name."""
        if not self.names:
            return pd.DataFrame(columns=[self.column, "n", "won", "share"])
        counts = np.bincount(self.codes[won], minlength=len(self.names))
        order = np.lexsort((np.arange(len(self.names)), -self.sizes, -counts))
        return pd.DataFrame(
            {
                self.column: np.asarray(self.names, dtype=object)[order],
                "n": self.sizes[order],
                "won": counts[order],
                "share": counts[order] / self.sizes[order],
            }
        )


@dataclass(frozen=True)
class WinsBasis:
    """Per survey, independent of any scenario: who holds which top underserved outcomes where."""

    people: pd.DataFrame  # respondent_id, n_underserved, n_top, segment, solution, wtp (every respondent)
    step_ids: tuple[int, ...]  # the columns of ``hits``
    hits: np.ndarray  # people × steps: how many of the respondent's top outcomes lie in the step
    scale: Scale
    segmentation: str | None  # the segmentation's name (None: no saved segmentation)
    solution: str | None  # the current-solution attribute's header (None: the survey has none)
    wtp: str | None  # the willingness-to-pay attribute's header (None: the survey has none)
    segments: Groups
    solutions: Groups
    n_top: np.ndarray  # people["n_top"] as an array (a move reads it without pandas)
    amounts: np.ndarray  # people["wtp"] as floats, NaN without an amount

    @property
    def with_underserved(self) -> int:
        return int((self.n_top > 0).sum())

    @property
    def sample(self) -> int:
        return len(self.people)


@dataclass(frozen=True)
class Wins:
    """What one scenario wins (see the module docstring for the rule)."""

    won: int
    sample: int
    with_underserved: int  # respondents with at least one underserved outcome (the most that can be won)
    by_segment: pd.DataFrame  # segment, n, won, share (share of the segment won); empty without segments
    by_solution: pd.DataFrame  # solution, n, won, share; empty without a current-solution attribute
    wtp_sum: float | None  # Σ WTP of the won who gave one (None: no WTP in the survey)
    wtp_mean: float | None
    wtp_n: int  # won respondents with a WTP amount

    @property
    def share(self) -> float | None:
        """Won ÷ every respondent of the survey (None for an empty sample)."""
        return self.won / self.sample if self.sample else None


def _top_box(scale: Scale) -> str:
    return f"{scale.top_min}–{scale.high}" if scale.top_min < scale.high else str(scale.high)


def rule_summary(scale: Scale = DEFAULT_SCALE) -> str:
    """The rule in one sentence (under the Focus matrix's panel; :func:`rule_text` in full)."""
    return (
        f"at least half of a respondent's top {TOP_N} underserved outcomes (importance {_top_box(scale)}, "
        f"satisfaction below {scale.top_min}) lie in differentiated steps."
    )


def rule_text(scale: Scale = DEFAULT_SCALE) -> str:
    """The rule in words, with the scale's top box."""
    top = _top_box(scale)
    return (
        f"A respondent is won when at least half of their top {TOP_N} underserved outcomes (all of them when they "
        f"have fewer) lie in differentiated steps. Their underserved outcomes are those they rate important "
        f"(importance {top}) and not satisfied (satisfaction below {scale.top_min}), ranked by their importance, "
        "then their dissatisfaction, then the outcome's opportunity in the whole sample."
    )


def wins_segmentation(workspace: Workspace, group_by: str | None) -> str | None:
    """The segmentation wins are shown by: ``group_by`` (the focus settings' "serves best"
    grouping) when it is a saved segmentation, else the newest saved one; None without any."""
    saved = list_segmentations(workspace)
    ids = [s.segmentation_id for s in saved]
    if group_by and group_by.startswith(GROUPING_PREFIX) and group_by.removeprefix(GROUPING_PREFIX) in ids:
        return group_by.removeprefix(GROUPING_PREFIX)
    return ids[-1] if ids else None


def wins_basis(workspace: Workspace, segmentation_id: str | None = None) -> WinsBasis:
    """Run the SQL once: every respondent with their top-outcome hits per step (see the module docstring)."""
    info = survey_info(workspace)
    scale = info.scale if info else DEFAULT_SCALE
    solution, wtp = current_solution_attribute(workspace), wtp_attribute(workspace)
    cur = workspace.cursor()
    hits = cur.execute(query("wins", "top_underserved"), {"top_min": scale.top_min, "top_n": TOP_N}).df()
    people = cur.execute(
        query("wins", "respondents"),
        {
            "segmentation_id": segmentation_id or "",
            "solution": solution or "",
            "wtp": wtp.attribute if wtp else "",
        },
    ).df()
    step_ids = tuple(int(s) for s in cur.execute(query("wins", "step_ids")).df()["step_id"])
    rows = pd.Index(people["respondent_id"]).get_indexer(pd.Index(hits["respondent_id"]))
    columns = pd.Index(step_ids).get_indexer(pd.Index(hits["step_id"]))
    known = (rows >= 0) & (columns >= 0)
    matrix = np.zeros((len(people), len(step_ids)), dtype=np.int16)
    matrix[rows[known], columns[known]] = hits["hits"].to_numpy()[known]
    n_underserved = np.zeros(len(people), dtype=np.int32)
    n_underserved[rows[known]] = hits["n_underserved"].to_numpy()[known]
    people = people.assign(n_underserved=n_underserved, n_top=np.minimum(n_underserved, TOP_N))
    names = {s.segmentation_id: s.name for s in list_segmentations(workspace)}
    return WinsBasis(
        people=people[["respondent_id", "n_underserved", "n_top", "segment", "solution", "wtp"]],
        step_ids=step_ids,
        hits=matrix,
        scale=scale,
        segmentation=names.get(segmentation_id or ""),
        solution=attribute_header(workspace, solution) if solution else None,
        wtp=wtp.header if wtp else None,
        segments=Groups.of(people, "segment", NO_SEGMENT),
        solutions=Groups.of(people, "solution", NO_SOLUTION),
        n_top=people["n_top"].to_numpy(),
        amounts=people["wtp"].to_numpy(dtype=float, na_value=np.nan),
    )


def won_mask(basis: WinsBasis, assignment: Assignment) -> np.ndarray:
    """One boolean per respondent of ``basis.people``: won by ``assignment``."""
    chosen = np.array([assignment.get(s) == DIFFERENTIATE for s in basis.step_ids], dtype=bool)
    in_differentiated = basis.hits[:, chosen].sum(axis=1) if chosen.any() else np.zeros(basis.sample, dtype=int)
    return (basis.n_top > 0) & (2 * in_differentiated >= basis.n_top)


def scenario_wins(basis: WinsBasis, assignment: Assignment) -> Wins:
    """What ``assignment`` wins, from the per-survey ``basis`` (vectorised; see the module docstring)."""
    won = won_mask(basis, assignment)
    amounts = basis.amounts[won] if basis.wtp else np.array([])
    amounts = amounts[~np.isnan(amounts)]
    return Wins(
        won=int(won.sum()),
        sample=basis.sample,
        with_underserved=basis.with_underserved,
        by_segment=basis.segments.count(won),
        by_solution=basis.solutions.count(won),
        wtp_sum=float(amounts.sum()) if basis.wtp else None,
        wtp_mean=float(amounts.mean()) if basis.wtp and len(amounts) else None,
        wtp_n=len(amounts),
    )
