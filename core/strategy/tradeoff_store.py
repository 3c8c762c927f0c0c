"""What the facilitator sets on the Trade-off Decision Matrix, stored in the workspace the moment
it changes (SQL: ``core/sql/tradeoffs.sql``): the weights (``tradeoff_criteria``), the hand
scores (``tradeoff_scores``), the hand-added rows (``tradeoff_rows``) and the basis of the rows
(setting ``tradeoffs``, read through the one settings loader core.workspace.settings). All of
them travel in the workspace .xlsx (core.workspace.file.FRAMEWORK_TABLES and the settings sheet).

Weights and hand scores are shared by every basis: a hand score belongs to a row key
(``step:3``, ``cluster:2``, ``segment:<segmentation>:<name>``, ``hand:<id>``), so switching the
basis and back finds the scores again.
"""

from __future__ import annotations

import math
import secrets
from dataclasses import asdict, dataclass

from core.analysis.segment_store import clean_name
from core.sqlfiles import query
from core.strategy.tradeoff_criteria import BY_ID, HAND_IDS, HAND_RANGE, IDS, complete_weights, rescale
from core.workspace.change_marks import Drawn
from core.workspace.database import Workspace
from core.workspace.setting_writes import put_setting
from core.workspace.settings import Loaded, SettingSpec, load_setting

SETTINGS_KEY = "tradeoffs"
BASES = ("steps", "clusters", "segments")
HAND_PREFIX = "hand:"


class TradeoffError(ValueError):
    """A choice the matrix cannot take; nothing was saved. The message says why."""


@dataclass(frozen=True)
class TradeoffSettings:
    """The rows' basis: job steps, need clusters (``clusters`` = k, None: by silhouette) or the
    segments of the saved segmentation ``segmentation_id``."""

    by: str = "steps"
    segmentation_id: str | None = None
    clusters: int | None = None

    def __post_init__(self) -> None:
        if self.by not in BASES:
            raise ValueError(f"Rows are job steps, need clusters or segments, not {self.by!r}.")
        if self.clusters is not None and not 2 <= self.clusters <= 12:
            raise ValueError("The number of need clusters must be between 2 and 12.")


SPEC = SettingSpec(SETTINGS_KEY, TradeoffSettings, "trade-off settings", "the Trade-offs page")


def _sql(name: str) -> str:
    return query("tradeoffs", name)


def read_tradeoff_settings(workspace: Workspace) -> Loaded[TradeoffSettings]:
    return load_setting(workspace, SPEC)


def load_tradeoff_settings(workspace: Workspace) -> TradeoffSettings:
    """The basis setting; anything missing or unreadable takes its default (job steps)."""
    return read_tradeoff_settings(workspace).settings


def save_tradeoff_settings(workspace: Workspace, settings: TradeoffSettings, drawn: Drawn | None = None) -> None:
    """Store the basis; ``drawn``: refused when changed elsewhere since (core.workspace.setting_writes)."""
    put_setting(workspace, SETTINGS_KEY, asdict(settings), drawn=drawn, what="The trade-off basis")


# --- weights ---------------------------------------------------------------------------------
def load_weights(workspace: Workspace) -> dict[str, int]:
    """Every criterion's weight in whole %, summing to 100 (defaults for criteria never set)."""
    rows = workspace.cursor().execute(_sql("weights")).fetchall()
    stored = {str(c): float(w) for c, w in rows if c in BY_ID and w is not None and math.isfinite(w)}
    return complete_weights(stored)


def save_weights(workspace: Workspace, weights: dict[str, int]) -> None:
    """Store all weights at once (one transaction)."""
    complete = complete_weights({k: float(v) for k, v in weights.items()})
    with workspace.transaction() as cur:
        cur.execute(_sql("clear_weights"))
        for criterion in IDS:
            name = BY_ID[criterion].name
            cur.execute(_sql("insert_weight"), {"criterion_id": criterion, "name": name, "weight": complete[criterion]})
    workspace.touch()


def set_weight(workspace: Workspace, criterion: str, value: int) -> dict[str, int]:
    """Move one weight (the others rescale proportionally, core.strategy.tradeoff_criteria); saved."""
    if criterion not in BY_ID:
        raise TradeoffError(f"There is no criterion {criterion!r}.")
    weights = rescale(load_weights(workspace), criterion, value)
    save_weights(workspace, weights)
    return weights


# --- hand scores -----------------------------------------------------------------------------
def load_hand_scores(workspace: Workspace) -> dict[tuple[str, str], float]:
    """(criterion, row key) → 1–5 score of the hand criteria."""
    rows = workspace.cursor().execute(_sql("hand_scores")).fetchall()
    return {(str(c), str(o)): float(s) for c, o, s in rows if c in HAND_IDS}


def set_hand_score(workspace: Workspace, criterion: str, row_key: str, score: float | None) -> None:
    """Score a hand criterion 1–5 for one row (None clears it); saved at once."""
    if criterion not in HAND_IDS:
        raise TradeoffError(f"{criterion!r} is not scored by hand (hand criteria: {', '.join(HAND_IDS)}).")
    if score is not None and not (isinstance(score, int | float) and HAND_RANGE[0] <= score <= HAND_RANGE[1]):
        raise TradeoffError(f"A hand score is a number from 1 to 5; {score!r} is not.")
    with workspace.transaction() as cur:
        cur.execute(_sql("clear_hand_score"), {"criterion_id": criterion, "option": row_key})
        if score is not None:
            cur.execute(_sql("insert_hand_score"), {"criterion_id": criterion, "option": row_key, "score": score})
    workspace.touch()


# --- hand-added rows -------------------------------------------------------------------------
def hand_rows(workspace: Workspace) -> list[tuple[str, str]]:
    """(row key, name) of the rows added by hand, in the order they were added."""
    rows = workspace.cursor().execute(_sql("hand_rows")).fetchall()
    return [(HAND_PREFIX + str(row_id), str(name)) for row_id, name, _ in rows]


def add_hand_row(workspace: Workspace, name: str) -> str:
    """Add a row (e.g. "new job step we could create"); returns its key."""
    try:
        clean = clean_name(name, "row name")
    except ValueError as exc:
        raise TradeoffError(str(exc)) from None
    row_id = secrets.token_hex(4)
    with workspace.transaction() as cur:
        cur.execute(_sql("insert_hand_row"), {"row_id": row_id, "name": clean})
    workspace.touch()
    return HAND_PREFIX + row_id


def delete_hand_row(workspace: Workspace, row_key: str) -> None:
    """Remove a hand-added row and its hand scores."""
    if not row_key.startswith(HAND_PREFIX):
        raise TradeoffError("Only rows added by hand can be deleted; the others come from the survey.")
    with workspace.transaction() as cur:
        cur.execute(_sql("delete_hand_row"), {"row_id": row_key.removeprefix(HAND_PREFIX)})
        cur.execute(_sql("clear_row_scores"), {"option": row_key})
    workspace.touch()
