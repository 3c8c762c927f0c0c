"""The Trade-offs page's view: the matrix under the current weights and hand scores.

Two parts, so that a weight change costs no survey query: :class:`core.strategy.tradeoffs.TradeoffData`
(rows and raw data criteria, cached by ``ui`` under the survey's signature and settings) and
:func:`matrix`, a pure function of it plus what the facilitator set (weights, hand scores, hand
rows) and the capability fit — read from the workspace on every run (small tables).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.strategy.tradeoff_criteria import (
    DATA_IDS,
    FEASIBILITY_IDS,
    HAND_IDS,
    IDS,
    VALUE_IDS,
    normalise,
    quadrant,
    ranks,
    robust,
    sensitivity,
    weighted,
)
from core.strategy.tradeoff_store import hand_rows, load_hand_scores, load_weights
from core.strategy.tradeoffs import TradeoffData, capability_fit
from core.workspace.database import Workspace


@dataclass(frozen=True)
class TradeoffsView:
    data: TradeoffData
    weights: dict[str, int]  # criterion → whole %, summing to 100
    raw: pd.DataFrame  # indexed by row key: the data criteria's raw values (capability included)
    scores: pd.DataFrame  # indexed by row key: every criterion on 1–5 (NaN: empty)
    summary: (
        pd.DataFrame
    )  # indexed by row key, best first: name, kind, steps, score, rank, value, feasibility, quadrant, robust
    sensitivity: pd.DataFrame  # core.strategy.tradeoff_criteria.sensitivity
    reasons: dict[str, str]  # criterion → why it is empty for every row

    @property
    def names(self) -> dict[str, str]:
        return dict(zip(self.summary.index, self.summary["name"], strict=True))


def matrix(
    data: TradeoffData,
    capability: pd.Series | None,
    capability_reason: str,
    weights: dict[str, int],
    hand_scores: dict[tuple[str, str], float],
    added: list[tuple[str, str]],
) -> TradeoffsView:
    """The matrix: normalised data criteria, hand scores, weighted score, rank, quadrant, sensitivity."""
    rows = pd.concat(
        [
            data.rows,
            pd.DataFrame(
                {
                    "key": [k for k, _ in added],
                    "name": [n for _, n in added],
                    "kind": "hand",
                    "steps": [()] * len(added),
                }
            ),
        ],
        ignore_index=True,
    ).set_index("key")
    raw = data.raw.reindex(rows.index)
    raw["capability"] = capability.reindex(rows.index).astype(float) if capability is not None else float("nan")
    reasons = dict(data.reasons)
    if capability is None:
        reasons["capability"] = capability_reason
    scores = pd.DataFrame(index=rows.index)
    for criterion in DATA_IDS:
        scores[criterion] = normalise(raw[criterion])
    for criterion in HAND_IDS:
        scores[criterion] = [hand_scores.get((criterion, key), float("nan")) for key in rows.index]
    scores = scores[list(IDS)].astype(float)
    summary = rows[["name", "kind", "steps"]].copy()
    summary["score"] = weighted(scores, weights)
    summary["rank"] = ranks(summary["score"])
    summary["value"] = weighted(scores, weights, VALUE_IDS)
    summary["feasibility"] = weighted(scores, weights, FEASIBILITY_IDS)
    summary["quadrant"] = [quadrant(v, f) for v, f in zip(summary["value"], summary["feasibility"], strict=True)]
    table = sensitivity(scores, weights)
    summary["robust"] = robust(summary.index, table)
    summary["position"] = range(len(summary))
    summary = summary.sort_values(["rank", "position"]).drop(columns="position")
    return TradeoffsView(data, weights, raw, scores, summary, table, reasons)


def tradeoffs_view(workspace: Workspace, data: TradeoffData) -> TradeoffsView:
    """:func:`matrix` under what the workspace holds now (weights, hand scores, hand rows, capabilities)."""
    capability, reason = capability_fit(workspace, data.members)
    return matrix(data, capability, reason, load_weights(workspace), load_hand_scores(workspace), hand_rows(workspace))
