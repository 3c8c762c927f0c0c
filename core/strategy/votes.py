"""Participant voting (issue 17.2): each participant places job steps and dot-votes outcomes.

SQL: ``core/sql/votes.sql``; tables ``voters``, ``votes``, ``dot_votes`` (schema_frameworks.sql,
round-tripped through the workspace .xlsx like every framework table).

Decisions:

* **Who**: a participant is a random id the vote page keeps in the browser's URL (a reload keeps
  their votes); the name is optional (``None``: anonymous, shown as "Anonymous").
* **One vote per participant per step**: a vote replaces the participant's earlier vote on that
  step (upsert); ``choice=None`` withdraws it. Votes belong to no scenario.
* **Dot votes**: a participant's dot votes are replaced as a whole, at most
  :func:`dot_limit` (the workspace setting ``vote_dots``, default 3) distinct existing outcomes.
* **Saved at once**: each call is one transaction (:meth:`Workspace.write_votes`), which a vote
  link's handle allows and a view link's handle refuses; nothing else can be written that way.
  Votes do not bump the workspace revision: the facilitator's other views stay cached, and the
  Room votes panel reads the tallies afresh on every refresh.
* **Agreement** of a step is the share of its votes that went to its most common choice.
* **Majority rule**: a step's majority is the choice with strictly more votes than each other
  choice. A tie, or a step nobody voted on, has no majority: "Apply the room's majority" keeps
  the active scenario's choice there (or leaves it unassigned). The room *disagrees* with the
  board on a step whose majority differs from the active scenario's choice (unassigned included).
* Bad input (unknown step, choice or outcome, too many dots, a name too long) raises
  :class:`VoteError` with a sentence for the participant; nothing is written.
"""

from __future__ import annotations

import re

import pandas as pd

from core.sqlfiles import one_row, query
from core.strategy import scenarios
from core.strategy.focus import CHOICES, LABELS, UNASSIGNED, Assignment
from core.workspace.change_marks import Drawn
from core.workspace.database import Workspace
from core.workspace.setting_writes import put_setting

DOTS_KEY = "vote_dots"
DEFAULT_DOTS = 3
MAX_DOTS = 20
MAX_NAME = 60
ANONYMOUS = "Anonymous"
_PARTICIPANT = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
TALLY_COLUMNS = ["step_id", "step", *CHOICES, "votes", "agreement", "majority", "board", "disagrees"]


class VoteError(ValueError):
    """A vote that cannot be recorded; nothing was written. ``str(error)`` is for the participant."""


def _sql(name: str) -> str:
    return query("votes", name)


def dot_limit(workspace: Workspace) -> int:
    """How many outcomes each participant may dot-vote (the setting ``vote_dots``, default 3)."""
    value = workspace.get_setting(DOTS_KEY, DEFAULT_DOTS)
    return int(value) if isinstance(value, int) and 0 <= value <= MAX_DOTS else DEFAULT_DOTS


def set_dot_limit(workspace: Workspace, dots: int, drawn: Drawn | None = None) -> None:
    """Set N, the dot votes per participant (0–20); the facilitator's setting (an edit handle);
    ``drawn``: refused when changed elsewhere since (core.workspace.setting_writes)."""
    if not isinstance(dots, int) or isinstance(dots, bool) or not 0 <= dots <= MAX_DOTS:
        raise VoteError(f"The number of dot votes must be a whole number from 0 to {MAX_DOTS}; got {dots!r}.")
    put_setting(workspace, DOTS_KEY, dots, drawn=drawn, what="The number of dot votes")


def _participant(participant_id: str) -> str:
    if not isinstance(participant_id, str) or not _PARTICIPANT.match(participant_id):
        raise VoteError("This voting page lost who you are: reload the vote link to start again.")
    return participant_id


def _name(name: str | None) -> str | None:
    text = " ".join(str(name).split()) if name is not None else ""
    if len(text) > MAX_NAME:
        raise VoteError(f"Keep your name to {MAX_NAME} characters (it has {len(text)}).")
    return text or None


def _voter(participant_id: str, name: str | None) -> tuple[str, dict]:
    return "write_voter", {"participant_id": participant_id, "display_name": _name(name)}


def cast_vote(
    workspace: Workspace, participant_id: str, step_id: int, choice: str | None, name: str | None = None
) -> None:
    """Record (or replace) the participant's vote on ``step_id``; ``choice=None`` withdraws it."""
    pid = _participant(participant_id)
    steps = {int(r[0]) for r in workspace.cursor().execute(_sql("step_ids")).fetchall()}
    if int(step_id) not in steps:
        raise VoteError("That job step is no longer on the job map: reload the page to see the current steps.")
    if choice is not None and choice not in CHOICES:
        raise VoteError(f"“{choice}” is not a choice: vote {', '.join(LABELS[c] for c in CHOICES)}.")
    params = {"participant_id": pid, "step_id": int(step_id)}
    write = ("write_unvote", params) if choice is None else ("write_vote", {**params, "choice": choice})
    workspace.write_votes([_voter(pid, name), write])


def set_dots(workspace: Workspace, participant_id: str, outcome_ids: list[str], name: str | None = None) -> None:
    """Replace the participant's dot votes with ``outcome_ids`` (distinct, at most :func:`dot_limit`)."""
    pid = _participant(participant_id)
    chosen = list(dict.fromkeys(str(o) for o in outcome_ids))
    limit = dot_limit(workspace)
    if len(chosen) > limit:
        raise VoteError(f"You can dot-vote up to {limit} outcomes; {len(chosen)} were chosen. Remove one.")
    known = {str(r[0]) for r in workspace.cursor().execute(_sql("outcome_ids")).fetchall()}
    unknown = [o for o in chosen if o not in known]
    if unknown:
        raise VoteError(f"The outcome “{unknown[0]}” is no longer in the survey: reload the page.")
    writes = [_voter(pid, name), ("write_clear_dots", {"participant_id": pid})]
    if chosen:
        writes.append(("write_dots", {"participant_id": pid, "outcome_ids": chosen}))
    workspace.write_votes(writes)


def set_name(workspace: Workspace, participant_id: str, name: str | None) -> None:
    """Set (or clear: anonymous) the participant's display name."""
    workspace.write_votes([_voter(_participant(participant_id), name)])


def my_name(workspace: Workspace, participant_id: str) -> str | None:
    row = workspace.cursor().execute(_sql("voter"), {"participant_id": participant_id}).fetchone()
    return None if row is None else row[0]


def my_votes(workspace: Workspace, participant_id: str) -> dict[int, str]:
    """The participant's votes: step_id → choice."""
    rows = workspace.cursor().execute(_sql("my_votes"), {"participant_id": participant_id}).fetchall()
    return {int(s): str(c) for s, c in rows}


def my_dots(workspace: Workspace, participant_id: str) -> list[str]:
    rows = workspace.cursor().execute(_sql("my_dots"), {"participant_id": participant_id}).fetchall()
    return [str(r[0]) for r in rows]


def step_tally(workspace: Workspace, board: Assignment) -> pd.DataFrame:
    """Per step (job-map order): votes per choice, ``votes``, ``agreement`` (share of the most
    common choice, NaN without votes), ``majority`` (None on a tie or without votes), ``board``
    (the given assignment's choice, ``unassigned`` when none) and ``disagrees``."""
    frame = workspace.cursor().execute(_sql("step_tally")).df()
    if frame.empty:
        return pd.DataFrame(columns=TALLY_COLUMNS)
    counts = frame[list(CHOICES)].astype(int)
    top = counts.max(axis=1)
    frame[list(CHOICES)] = counts
    frame["votes"] = frame["votes"].astype(int)
    frame["agreement"] = (top / frame["votes"].where(frame["votes"] > 0)).astype(float)
    unique_top = counts.eq(top, axis=0).sum(axis=1).eq(1) & top.gt(0)
    majority = counts.idxmax(axis=1).astype(object)
    majority[~unique_top] = None
    frame["majority"] = majority
    frame["board"] = [board.get(int(s), UNASSIGNED) for s in frame["step_id"].astype(int).tolist()]
    frame["disagrees"] = frame["majority"].notna() & frame["majority"].ne(frame["board"])
    return frame[TALLY_COLUMNS].reset_index(drop=True)


def dot_tally(workspace: Workspace) -> pd.DataFrame:
    """outcome_id, statement, step, dots — most dots first."""
    return workspace.cursor().execute(_sql("dot_tally")).df()


def counts(workspace: Workspace) -> dict[str, object]:
    """participants (who cast any vote), votes, dots and the time of the last vote (text)."""
    participants, votes, dots, last = one_row(workspace.cursor().execute(_sql("counts")))
    return {"participants": int(participants), "votes": int(votes), "dots": int(dots), "last_vote": last}


def majority_assignment(tally: pd.DataFrame) -> Assignment:
    """The board the room's majority gives: each step's majority choice; a step without one (a tie,
    no votes) keeps the board's choice (module docstring, majority rule)."""
    result: Assignment = {}
    for step_id, majority, board in tally[["step_id", "majority", "board"]].itertuples(index=False):
        choice = majority if isinstance(majority, str) else board
        if choice in CHOICES:
            result[int(step_id)] = choice
    return result


def apply_majority(workspace: Workspace, name: str | None = None) -> str:
    """A new scenario with the room's majority (over the active scenario); returns its id.

    The name defaults to "Room majority" (numbered when taken). Only an edit handle can do this.
    """
    workspace.require_writable()
    board = scenarios.assignment(workspace, scenarios.active_scenario(workspace))
    tally = step_tally(workspace, board)
    if tally.empty or int(tally["votes"].sum()) == 0:
        raise VoteError("Nobody has voted yet: share the vote link first.")
    taken = {n.casefold() for n in scenarios.list_scenarios(workspace)["name"]}
    chosen = name or "Room majority"
    if name is None and chosen.casefold() in taken:
        number = 2
        while f"{chosen} {number}".casefold() in taken:
            number += 1
        chosen = f"{chosen} {number}"
    return scenarios.create_scenario(workspace, chosen, majority_assignment(tally))
