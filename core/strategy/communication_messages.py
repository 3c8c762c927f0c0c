"""The Communication Map's cells: one message per element × touchpoint × segment variant (issue 14.1).

SQL: ``core/sql/communication.sql`` (upsert discipline there: a write deletes the key, then
inserts). A message holds its text, a proof point (kind: :data:`PROOF_KINDS`, and its text), and
its timing (when to emphasise it). ``segment`` None is the message for everyone; a variant is
keyed ``<segmentation_id>:<segment>`` (:func:`segment_key`) of a saved segmentation. A message
whose text, proof and timing are all blank is stored as no row at all. Every change bumps the
workspace revision at once; a bad request raises CommunicationError and changes nothing.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from core.sqlfiles import query
from core.strategy.communication import (
    MAX_NAME,
    CommunicationError,
    clean_text,
    new_id,
    touchpoints,
)
from core.wording import named
from core.workspace.database import Workspace

PROOF_KINDS = ("demonstration", "comparison", "evidence")
MESSAGE_FIELDS = ("text", "proof_kind", "proof", "timing")
MESSAGE_COLUMNS = ["message_id", "element_id", "touchpoint_id", "segment", "step_id", *MESSAGE_FIELDS]


def _sql(name: str) -> str:
    return query("communication", name)


def messages(workspace: Workspace) -> pd.DataFrame:
    """One row per (element_id, touchpoint_id, segment) (MESSAGE_COLUMNS); segment None = everyone."""
    return workspace.cursor().execute(_sql("messages")).df()


def segments(workspace: Workspace) -> pd.DataFrame:
    """segmentation_id, segmentation (its name), segment, n, key — every saved segment."""
    frame = workspace.cursor().execute(_sql("segments")).df()
    frame["key"] = [segment_key(s, g) for s, g in zip(frame["segmentation_id"], frame["segment"], strict=True)]
    return frame


def segment_key(segmentation_id: object, segment: object) -> str:
    """The variant key of a segment: ``<segmentation_id>:<segment>``."""
    return f"{segmentation_id}:{segment}"


def proof_kind(value: object) -> str | None:
    """A proof kind from :data:`PROOF_KINDS` (any case), None when blank."""
    text = clean_text(value, "proof kind", 40)
    if text is None:
        return None
    if text.lower() not in PROOF_KINDS:
        raise CommunicationError(f"Proof kind “{text}” is not one of: {', '.join(PROOF_KINDS)} (or leave it blank).")
    return text.lower()


def clean_message(row: dict) -> dict[str, str | None]:
    """The four fields of a message checked and normalised (raises CommunicationError)."""
    return {
        "text": clean_text(row.get("text"), "message"),
        "proof_kind": proof_kind(row.get("proof_kind")),
        "proof": clean_text(row.get("proof"), "proof point"),
        "timing": clean_text(row.get("timing"), "timing", MAX_NAME * 2),
    }


def check_cell(workspace: Workspace, element_id: str, touchpoint_ids: list[str], segment: str | None) -> None:
    """CommunicationError unless the element, the touchpoints and the segment variant exist."""
    known = workspace.cursor().execute(_sql("element_known"), {"element_id": element_id}).fetchone()
    if not (known and known[0]):
        raise CommunicationError("That column no longer exists (removed on another screen?).")
    known = set(touchpoints(workspace)["touchpoint_id"])
    if any(t not in known for t in touchpoint_ids):
        raise CommunicationError("That touchpoint no longer exists (deleted on another screen?).")
    if segment is not None and segment not in set(segments(workspace)["key"]):
        raise CommunicationError("That segment no longer exists (its segmentation was deleted or renamed?).")


def _step_id(element_id: str) -> int | None:
    rest = element_id.removeprefix("step:")
    return int(rest) if element_id.startswith("step:") and rest.isdigit() else None


def write_message(cur: Any, element_id: str, touchpoint_id: str, segment: str | None, fields: dict) -> None:
    """Replace the message of one key by ``fields`` (no row when all are blank); inside a transaction."""
    key = {"element_id": element_id, "touchpoint_id": touchpoint_id, "segment": segment}
    cur.execute(_sql("delete_message"), key)
    if any(fields[f] is not None for f in MESSAGE_FIELDS):
        cur.execute(_sql("insert_message"), {**key, **fields, "message_id": new_id("msg"),
                                             "step_id": _step_id(element_id)})  # fmt: skip


def set_message(
    workspace: Workspace, element_id: str, touchpoint_id: str, segment: str | None = None, **fields: object
) -> None:
    """The message of ``element_id`` at ``touchpoint_id`` (for ``segment``, None = everyone).

    Fields: text, proof_kind, proof, timing; a field left out keeps its stored value."""
    unknown = set(fields) - set(MESSAGE_FIELDS)
    if unknown:
        raise CommunicationError(f"Unknown message {named(sorted(unknown), 'field')}.")
    check_cell(workspace, element_id, [touchpoint_id], segment)
    stored = stored_message(workspace, element_id, touchpoint_id, segment)
    clean = clean_message({**stored, **fields})
    with workspace.transaction() as cur:
        write_message(cur, element_id, touchpoint_id, segment, clean)
    workspace.touch()


def stored_message(workspace: Workspace, element_id: str, touchpoint_id: str, segment: str | None) -> dict:
    """The stored fields of one message ({} when there is none)."""
    frame = messages(workspace)
    hit = frame[
        (frame["element_id"] == element_id)
        & (frame["touchpoint_id"] == touchpoint_id)
        & (frame["segment"].fillna("") == (segment or ""))
    ]
    if hit.empty:
        return {}
    row = hit.iloc[0]
    return {f: (None if pd.isna(row[f]) else str(row[f])) for f in MESSAGE_FIELDS}


def apply_message_table(workspace: Workspace, element_id: str, segment: str | None, table: pd.DataFrame) -> list[str]:
    """One element's messages at every touchpoint as edited in a table (touchpoint_id, touchpoint
    and MESSAGE_FIELDS): all are checked first, then the changed rows are written in one transaction.

    Returns what changed, one sentence per touchpoint; rows whose touchpoint is gone are refused."""
    rows = [r for r in table.astype(object).where(table.notna(), None).to_dict("records") if r.get("touchpoint_id")]
    check_cell(workspace, element_id, [str(r["touchpoint_id"]) for r in rows], segment)
    current = messages(workspace)
    current = current[(current["element_id"] == element_id) & (current["segment"].fillna("") == (segment or ""))]
    before = {
        str(r["touchpoint_id"]): {f: (None if pd.isna(r[f]) else str(r[f])) for f in MESSAGE_FIELDS}
        for r in current.to_dict("records")
    }
    blank = dict.fromkeys(MESSAGE_FIELDS)
    changes = []
    for row in rows:
        touchpoint_id = str(row["touchpoint_id"])
        new = clean_message(row)
        if new != before.get(touchpoint_id, blank):
            changes.append((touchpoint_id, str(row.get("touchpoint") or touchpoint_id), new))
    if not changes:
        return []
    with workspace.transaction() as cur:
        for touchpoint_id, _, new in changes:
            write_message(cur, element_id, touchpoint_id, segment, new)
    workspace.touch()
    return [
        f"{name}: {'message cleared' if all(v is None for v in new.values()) else 'message saved'}"
        for _, name, new in changes
    ]
