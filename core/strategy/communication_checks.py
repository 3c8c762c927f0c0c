"""The Communication Map's coverage and checks, and the message-consistency metric (issue 14.1, 14.4).

Pure functions of three frames (elements of core.strategy.communication.map_elements, touchpoints,
messages of core.strategy.communication_messages.messages), so they are tested against hand
computations; :func:`message_consistency` reads them from a workspace.

Definitions (README, Communication):

- A **message** is a cell (base or per-segment variant) whose text is not blank; a proof point
  without a text is not a message. It **has a proof point** when its proof text is not blank
  (the proof kind classifies it).
- **Coverage** of an element at a touchpoint: the number of messages there (base + variants);
  its status is *no message*, *message, no proof* (some message lacks a proof point) or
  *message + proof* (every message there has one).
- **Thin elements**: differentiated elements with a message at fewer than N touchpoints
  (N = the ``min_touchpoints`` setting, default 3), "no message anywhere" when at none.
- **Silent touchpoints**: touchpoints without any message about a differentiated element (a
  message about an accepted step is not something to say).
- **Accepted steps advertised**: messages about a step the active scenario chose to *accept*.
- **Removed steps**: messages about a step that is no longer on the job map.
- **Without proof**: messages of shown elements without a proof point.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.strategy.communication import REMOVED, load_communication_settings, map_elements, touchpoints
from core.strategy.communication_messages import messages
from core.strategy.focus import ACCEPT
from core.workspace.database import Workspace

NO_MESSAGE = "no message"
NO_PROOF = "message, no proof"
PROVEN = "message + proof"
STATUSES = (NO_MESSAGE, NO_PROOF, PROVEN)


@dataclass(frozen=True)
class Checks:
    """The page's check lists; each frame has a ``line`` (a sentence naming what is wrong)."""

    min_touchpoints: int
    thin: pd.DataFrame  # element_id, name, touchpoints (with a message), line
    silent: pd.DataFrame  # touchpoint_id, name, line
    accepted: pd.DataFrame  # element_id, touchpoint_id, line
    removed: pd.DataFrame  # element_id, touchpoint_id, line
    unproven: pd.DataFrame  # element_id, touchpoint_id, segment, line

    @property
    def total(self) -> int:
        """How many findings in all."""
        return sum(len(f) for f in (self.thin, self.silent, self.accepted, self.removed, self.unproven))


def _filled(values: pd.Series) -> pd.Series:
    """Not blank (a plain loop: the messages are a few dozen rows, where pandas' string methods cost more)."""
    return pd.Series([isinstance(v, str) and bool(v.strip()) for v in values], index=values.index, dtype=bool)


def written(frame: pd.DataFrame, touchpoint_ids: set[str]) -> pd.DataFrame:
    """The messages with a text at existing touchpoints, with ``has_proof``. A frame that is
    already such a result (it has ``has_proof``) is only restricted to the touchpoints."""
    if "has_proof" in frame:
        return frame[frame["touchpoint_id"].isin(touchpoint_ids)]
    kept = frame[_filled(frame["text"]) & frame["touchpoint_id"].isin(touchpoint_ids)].copy()
    kept["has_proof"] = _filled(kept["proof"])
    return kept


def coverage(elements: pd.DataFrame, points: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """One row per shown element × touchpoint: touchpoint_id, element_id, messages, proven, status."""
    shown = elements[elements["shown"]]
    grid = pd.MultiIndex.from_product(
        [points["touchpoint_id"].astype(str), shown["element_id"].astype(str)], names=["touchpoint_id", "element_id"]
    ).to_frame(index=False)
    kept = written(frame, set(points["touchpoint_id"]))
    counts = kept.groupby(["touchpoint_id", "element_id"]).agg(messages=("text", "size"), proven=("has_proof", "sum"))
    grid = grid.merge(counts.reset_index(), on=["touchpoint_id", "element_id"], how="left")
    grid[["messages", "proven"]] = grid[["messages", "proven"]].fillna(0).astype(int)
    grid["status"] = NO_MESSAGE
    grid.loc[grid["messages"] > 0, "status"] = NO_PROOF
    grid.loc[(grid["messages"] > 0) & (grid["proven"] == grid["messages"]), "status"] = PROVEN
    return grid


def reach(elements: pd.DataFrame, points: pd.DataFrame, frame: pd.DataFrame, proven: bool = False) -> pd.Series:
    """Per element id: at how many touchpoints it has a message (``proven``: one with a proof point)."""
    kept = written(frame, set(points["touchpoint_id"]))
    if proven:
        kept = kept[kept["has_proof"]]
    counts = kept.groupby("element_id")["touchpoint_id"].nunique()
    return elements["element_id"].map(counts).fillna(0).astype(int).set_axis(elements["element_id"])


def _where(points: pd.DataFrame) -> dict[str, str]:
    return dict(zip(points["touchpoint_id"].astype(str), points["name"].astype(str), strict=True))


def _segment(segment: object) -> str:
    if segment is None or (not isinstance(segment, str) and pd.isna(segment)):  # type: ignore[arg-type]
        return ""
    return f" (variant for {str(segment).split(':', 1)[-1]})"


def checks(elements: pd.DataFrame, points: pd.DataFrame, frame: pd.DataFrame, min_touchpoints: int) -> Checks:
    """The check lists of the module docstring, in column and row order."""
    names = dict(zip(elements["element_id"].astype(str), elements["name"].astype(str), strict=True))
    at = _where(points)
    differentiated = elements[elements["differentiated"]]
    counts = reach(differentiated, points, frame)
    thin_rows = []
    for element_id, count in counts.items():
        if count < min_touchpoints:
            what = "no message anywhere" if count == 0 else f"a message at {count} of the {min_touchpoints} touchpoints"
            thin_rows.append((element_id, names[str(element_id)], count, f"{names[str(element_id)]}: {what}."))
    thin = pd.DataFrame(thin_rows, columns=["element_id", "name", "touchpoints", "line"])

    kept = written(frame, set(points["touchpoint_id"]))
    said = set(kept.loc[kept["element_id"].isin(differentiated["element_id"]), "touchpoint_id"])
    silent = points.loc[~points["touchpoint_id"].isin(said), ["touchpoint_id", "name"]].copy()
    silent["line"] = [f"{n}: nothing to say about the differentiation." for n in silent["name"]]

    choice = dict(zip(elements["element_id"], elements["choice"], strict=True))
    ordered = _in_map_order(kept, elements, points)

    def listed(rows: pd.DataFrame, sentence: str) -> pd.DataFrame:
        out = rows[["element_id", "touchpoint_id", "segment"]].copy()
        out["line"] = [
            f"{names.get(e, e)} at {at[t]}{_segment(s)}: {sentence}"
            for e, t, s in zip(rows["element_id"], rows["touchpoint_id"], rows["segment"], strict=True)
        ]
        return out.reset_index(drop=True)

    accepted = listed(
        ordered[ordered["element_id"].map(choice) == ACCEPT],
        "the scenario accepts this step — don't advertise where you chose to be merely good enough.",
    )
    removed = listed(
        ordered[ordered["element_id"].map(choice) == REMOVED],
        "the step is no longer on the job map — move the message or delete it.",
    )
    shown = set(elements.loc[elements["shown"], "element_id"])
    unproven = listed(ordered[~ordered["has_proof"] & ordered["element_id"].isin(shown)], "no proof point.")
    return Checks(min_touchpoints, thin, silent.reset_index(drop=True), accepted, removed, unproven)


def _in_map_order(kept: pd.DataFrame, elements: pd.DataFrame, points: pd.DataFrame) -> pd.DataFrame:
    column = {e: i for i, e in enumerate(elements["element_id"])}
    row = {t: i for i, t in enumerate(points["touchpoint_id"])}
    return (
        kept.assign(_c=kept["element_id"].map(column), _r=kept["touchpoint_id"].map(row))
        .sort_values(["_c", "_r"], kind="stable")
        .drop(columns=["_c", "_r"])
    )


def consistency(
    elements: pd.DataFrame, points: pd.DataFrame, frame: pd.DataFrame, min_touchpoints: int
) -> float | None:
    """Share of differentiated elements with a proven message at ≥ ``min_touchpoints`` touchpoints."""
    differentiated = elements[elements["differentiated"]]
    if differentiated.empty:
        return None
    proven = reach(differentiated, points, frame, proven=True)
    return float((proven >= min_touchpoints).mean())


def message_consistency(workspace: Workspace) -> float | None:
    """The "message consistency" metric (issue 14.4, internal alignment) for the Metrics page.

    The share (0–1) of the differentiated elements of the Communication map — the active
    scenario's differentiated steps that are not hidden, plus the elements added by hand — that
    have a message *with a proof point* at N or more touchpoints (N = the page's "fewer than N
    touchpoints" setting, default 3). A message counts once per touchpoint, whether it is the
    message for everyone or a per-segment variant. None when there are no differentiated elements
    (nothing to be consistent about), never a guess.
    """
    frame = messages(workspace)
    elements = map_elements(workspace, set(frame["element_id"]))
    n = load_communication_settings(workspace).min_touchpoints
    return consistency(elements, touchpoints(workspace), frame, n)
