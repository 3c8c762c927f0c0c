"""How strongly each outcome is tied to the job steps (issue 16.4, "new job step creation").

An outcome's **tie to a step** is the mean Pearson r between its importance ratings and those of
the step's outcomes (the need clusters' correlation matrix, core.analysis.need_clusters), leaving
the outcome itself out of its own step; a step with no other outcome has no tie. An outcome is
**weakly tied to any step** when its strongest tie, over its own step and every other step, is
below ``r_max`` (default :data:`WEAK_TIE_R` = 0.10): respondents who find it important are not
the ones who find any step's outcomes important, so it may belong to a step the map lacks.

Decision: the strongest tie over *all* steps, not "own step weaker than another step": need
clusters often span steps (the sample surveys put most outcomes closer to another step than to
their own), which says the map's steps share needs, not that a step is missing. On the two
sample surveys the weakest outcome's strongest tie is 0.12 and 0.27, so none is flagged.
Computed with one matrix product (outcomes × steps), no loop per outcome.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

WEAK_TIE_R = 0.10
COLUMNS = ["outcome_id", "statement", "step_id", "own_r", "best_r", "best_step_id"]


def step_ties(scores: pd.DataFrame, correlation: pd.DataFrame | None) -> pd.DataFrame:
    """Per outcome in ``correlation``: its tie to its own step (``own_r``, NaN when it is alone in
    its step), its strongest tie over all steps (``best_r``) and that step (``best_step_id``).

    ``scores``: outcome scores of everyone (outcome_id, step_id, statement)."""
    if correlation is None or correlation.empty:
        return pd.DataFrame(columns=COLUMNS)
    facts = scores.drop_duplicates("outcome_id").set_index("outcome_id")
    ids = [o for o in correlation.index if o in facts.index]
    if len(ids) < 2:
        return pd.DataFrame(columns=COLUMNS)
    r = correlation.loc[ids, ids].to_numpy(dtype=float).copy()
    np.fill_diagonal(r, 0.0)
    steps = facts.loc[ids, "step_id"].astype(int).to_numpy()
    labels = np.unique(steps)
    member = (steps[:, None] == labels[None, :]).astype(float)  # outcomes × steps
    counts = member.sum(axis=0)[None, :] - member  # other outcomes of each step, the outcome left out
    with np.errstate(invalid="ignore", divide="ignore"):
        ties = np.where(counts > 0, (r @ member) / counts, np.nan)
    own = ties[np.arange(len(ids)), np.searchsorted(labels, steps)]
    has_tie = ~np.isnan(ties).all(axis=1)
    best = np.full(len(ids), np.nan)
    best_step = np.full(len(ids), -1)
    best[has_tie] = np.nanmax(ties[has_tie], axis=1)
    best_step[has_tie] = labels[np.nanargmax(ties[has_tie], axis=1)]
    return pd.DataFrame(
        {
            "outcome_id": ids,
            "statement": facts.loc[ids, "statement"].astype(str).to_numpy() if "statement" in facts else ids,
            "step_id": steps,
            "own_r": own,
            "best_r": best,
            "best_step_id": best_step,
        }
    )


def weakly_tied(ties: pd.DataFrame, r_max: float = WEAK_TIE_R) -> pd.DataFrame:
    """The outcomes of :func:`step_ties` whose strongest tie to any step is below ``r_max``,
    weakest first."""
    return ties[ties["best_r"] < r_max].sort_values(["best_r", "outcome_id"]).reset_index(drop=True)


def describe(scores: pd.DataFrame, weak: pd.DataFrame) -> str:
    """The outcomes of :func:`weakly_tied` as evidence: id, statement, step name and strongest tie."""
    names = dict(zip(scores["step_id"].astype(int), scores["step"].astype(str), strict=False))
    columns = (weak["outcome_id"], weak["statement"], weak["step_id"].astype(int), weak["best_r"])
    return "; ".join(
        f"{o} “{text}” (step {names.get(step, step)}): strongest tie r {r:.2f}"
        for o, text, step, r in zip(*columns, strict=True)
    )
