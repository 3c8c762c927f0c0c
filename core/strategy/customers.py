"""The customer uniqueness board's entries (issue 14.3): customers, their facts and tags, and their
optional link to a segment. SQL: ``core/sql/customers.sql``; tables: ``customers``,
``customer_facts``, ``customer_tags`` (core/sql/schema_frameworks.sql), which travel in the
workspace .xlsx (core.workspace.file.FRAMEWORK_TABLES). Every change runs in one transaction and
bumps the workspace revision (:meth:`Workspace.touch`): saved the moment it happens.

Rules (README "Customers"):

- A customer's name is trimmed and single-spaced, not empty, at most 120 characters and unique
  ignoring case (two cards called "Acme" could not be told apart on the board). A note is
  optional free text (at most 1,000 characters).
- A fact is one of :data:`KINDS` (quirk, plan, challenge, strength, value; the plural or any
  case is accepted), a text of 1–500 characters, and ``known`` — "the customer knows we
  understand this" — false until marked. The same text twice for one customer (ignoring case and
  spaces, whatever the kind) is refused: it would count twice. Deleting a customer deletes its
  facts and tags.
- Tags are free labels (trimmed, at most 40 characters, no commas, since the board's quick
  field separates them by commas), unique per customer ignoring case.
- A customer links to at most one segment of a saved segmentation (core.analysis.segment_store),
  stored as (segmentation_id, segment name); renaming the segment carries the link along; a link
  whose segment is gone (segmentation deleted, survey replaced) is kept and shown as such, so
  nothing typed is lost.
- A bad request raises :class:`CustomerError` with a sentence for the user; nothing changes.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

import pandas as pd

from core.sqlfiles import query
from core.strategy.ordering import in_order, moved
from core.workspace.database import Workspace

KINDS = ("quirk", "plan", "challenge", "strength", "value")
KIND_TITLES = {kind: kind.capitalize() + "s" for kind in KINDS}  # Quirks, Plans, …
MAX_NAME = 120
MAX_FACT = 500
MAX_NOTE = 1000
MAX_TAG = 40
GONE = "That customer no longer exists (deleted on another screen?)."


class CustomerError(ValueError):
    """A change that cannot be made, with a sentence for the user; nothing was changed."""


def _sql(name: str) -> str:
    return query("customers", name)


# --- reading ---------------------------------------------------------------------------------
def customers(workspace: Workspace) -> pd.DataFrame:
    """customer_id, name, position, note, segmentation_id, segment, in board order."""
    return workspace.cursor().execute(_sql("customers")).df()


def facts(workspace: Workspace) -> pd.DataFrame:
    """fact_id, customer_id, kind, text, known, position of the facts of existing customers."""
    return workspace.cursor().execute(_sql("facts")).df()


def tags(workspace: Workspace) -> pd.DataFrame:
    """customer_id, tag, one row per tag of an existing customer."""
    return workspace.cursor().execute(_sql("tags")).df()


def segments(workspace: Workspace) -> pd.DataFrame:
    """segmentation_id, segmentation (its name), segment, respondents: every saved segment."""
    return workspace.cursor().execute(_sql("segments")).df()


# --- checking what was typed -----------------------------------------------------------------
def clean_text(value: object, what: str, limit: int, *, required: bool) -> str | None:
    """Trimmed, single-spaced text; None when blank and not required (raises CustomerError)."""
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else " ".join(str(value).split())
    if not text:
        if required:
            raise CustomerError(f"The {what} is empty: type something, or leave it out.")
        return None
    if len(text) > limit:
        raise CustomerError(f"The {what} has {len(text):,} characters; keep it to {limit:,}.")
    return text


def clean_kind(value: object) -> str:
    """A kind of :data:`KINDS` from its name or plural, any case (raises CustomerError)."""
    text = str(value or "").strip().lower()
    kind = text[:-1] if text.endswith("s") and text[:-1] in KINDS else text
    if kind not in KINDS:
        raise CustomerError(f"“{value}” is not a kind of fact: use one of {', '.join(KINDS)}.")
    return kind


def _names(workspace: Workspace) -> dict[str, str]:
    """name (casefolded) → customer_id."""
    frame = customers(workspace)
    return {str(n).casefold(): str(c) for c, n in zip(frame["customer_id"], frame["name"], strict=True)}


def _name(workspace: Workspace, value: object, customer_id: str | None) -> str:
    name = clean_text(value, "customer's name", MAX_NAME, required=True)
    assert name is not None
    other = _names(workspace).get(name.casefold())
    if other is not None and other != customer_id:
        raise CustomerError(f"There is already a customer called “{name}”: give this one another name.")
    return name


def _exists(workspace: Workspace, customer_id: str) -> None:
    if customer_id not in set(customers(workspace)["customer_id"]):
        raise CustomerError(GONE)


def new_id(prefix: str) -> str:
    """A fresh id (``cus_…`` for customers, ``fact_…`` for facts)."""
    return f"{prefix}_{secrets.token_hex(6)}"


# --- customers -------------------------------------------------------------------------------
def add_customer(workspace: Workspace, name: str, note: object = None, tags: Iterable[str] = ()) -> str:
    """Add a customer at the end of the board; returns its id."""
    clean = _name(workspace, name, None)
    text = clean_text(note, "note", MAX_NOTE, required=False)
    labels = clean_tags(tags)
    customer_id = new_id("cus")
    with workspace.transaction() as cur:
        cur.execute(_sql("insert_customer"), {"customer_id": customer_id, "name": clean, "note": text})
        for tag in labels:
            cur.execute(_sql("insert_tag"), {"customer_id": customer_id, "tag": tag})
    workspace.touch()
    return customer_id


def update_customer(workspace: Workspace, customer_id: str, *, name: object = None, note: object = "") -> None:
    """Rename (``name`` not None) and/or change the note (``note`` "" keeps it, None clears it)."""
    stored = customers(workspace).set_index("customer_id")
    if customer_id not in stored.index:
        raise CustomerError(GONE)
    row = stored.loc[customer_id]
    clean = _name(workspace, name, customer_id) if name is not None else str(row["name"])
    text = row["note"] if isinstance(note, str) and note == "" else clean_text(note, "note", MAX_NOTE, required=False)
    with workspace.transaction() as cur:
        cur.execute(_sql("update_customer"), {"customer_id": customer_id, "name": clean, "note": _none(text)})
    workspace.touch()


def _none(value: object) -> object:
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else value


def delete_customer(workspace: Workspace, customer_id: str) -> None:
    """Delete a customer with its facts and tags."""
    with workspace.transaction() as cur:
        for step in ("delete_customer_tags", "delete_customer_facts", "delete_customer"):
            cur.execute(_sql(step), {"customer_id": customer_id})
    workspace.touch()


def reorder(workspace: Workspace, order: list[str]) -> None:
    """Put the customers in ``order`` (ids); ids left out keep their relative order after them."""
    stored = customers(workspace)["customer_id"].tolist()
    with workspace.transaction() as cur:
        for position, customer_id in enumerate(in_order(stored, order), start=1):
            cur.execute(_sql("set_position"), {"customer_id": customer_id, "position": position})
    workspace.touch()


def move_customer(workspace: Workspace, customer_id: str, offset: int) -> None:
    """Move one customer earlier (negative ``offset``) or later on the board."""
    ids = customers(workspace)["customer_id"].tolist()
    if customer_id not in ids:
        raise CustomerError(GONE)
    reorder(workspace, moved(ids, customer_id, offset))


# --- facts -----------------------------------------------------------------------------------
def _fact_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _check_repeat(workspace: Workspace, customer_id: str, text: str, fact_id: str | None) -> None:
    stored = facts(workspace)
    mine = stored[(stored["customer_id"] == customer_id) & (stored["fact_id"] != fact_id)]
    if _fact_key(text) in {_fact_key(str(t)) for t in mine["text"]}:
        raise CustomerError(f"This customer already has the fact “{text}”: it would count twice.")


def add_fact(workspace: Workspace, customer_id: str, kind: object, text: object, known: bool = False) -> str:
    """Add a fact to a customer (last of its facts); returns its id."""
    clean_k = clean_kind(kind)
    clean = clean_text(text, "fact", MAX_FACT, required=True)
    assert clean is not None
    _exists(workspace, customer_id)
    _check_repeat(workspace, customer_id, clean, None)
    fact_id = new_id("fact")
    row = {"fact_id": fact_id, "customer_id": customer_id, "kind": clean_k, "text": clean, "known": bool(known)}
    with workspace.transaction() as cur:
        cur.execute(_sql("insert_fact"), row)
    workspace.touch()
    return fact_id


def _fact(workspace: Workspace, fact_id: str) -> dict:
    cur = workspace.cursor().execute(_sql("fact"), {"fact_id": fact_id})
    row = cur.fetchone()
    if row is None:
        raise CustomerError("That fact no longer exists (deleted on another screen?).")
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def update_fact(
    workspace: Workspace, fact_id: str, *, kind: object = None, text: object = None, known: bool | None = None
) -> None:
    """Change a fact's kind, text and/or mark (arguments left None stay as they are)."""
    row = _fact(workspace, fact_id)
    new_kind = clean_kind(kind) if kind is not None else row["kind"]
    new_text = clean_text(text, "fact", MAX_FACT, required=True) if text is not None else row["text"]
    if text is not None:
        _check_repeat(workspace, row["customer_id"], str(new_text), fact_id)
    new_known = bool(row["known"]) if known is None else bool(known)
    with workspace.transaction() as cur:
        cur.execute(_sql("update_fact"), {"fact_id": fact_id, "kind": new_kind, "text": new_text, "known": new_known})
    workspace.touch()


def set_known(workspace: Workspace, fact_id: str, known: bool) -> None:
    """Mark (True) or unmark a fact as "the customer knows we understand this" (one statement:
    the tick on the board is the page's most frequent change)."""
    with workspace.transaction() as cur:
        changed = cur.execute(_sql("set_known"), {"fact_id": fact_id, "known": bool(known)}).fetchall()
    if not changed:
        raise CustomerError("That fact no longer exists (deleted on another screen?).")
    workspace.touch()


def delete_fact(workspace: Workspace, fact_id: str) -> None:
    with workspace.transaction() as cur:
        cur.execute(_sql("delete_fact"), {"fact_id": fact_id})
    workspace.touch()


# --- tags ------------------------------------------------------------------------------------
def clean_tags(values: Iterable[object]) -> list[str]:
    """Tags trimmed, checked and without repeats (ignoring case), in the order given."""
    seen: dict[str, str] = {}
    for value in values:
        tag = clean_text(value, "tag", MAX_TAG, required=False)
        if tag is None:
            continue
        if "," in tag:
            raise CustomerError(f"The tag “{tag}” holds a comma: commas separate tags, so use two tags.")
        seen.setdefault(tag.casefold(), tag)
    return list(seen.values())


def split_tags(text: object) -> list[str]:
    """The tags typed in one field, separated by commas ("key account, EMEA")."""
    return clean_tags(str(text or "").split(","))


def set_tags(workspace: Workspace, customer_id: str, values: Iterable[object]) -> None:
    """Replace a customer's tags with ``values``."""
    labels = clean_tags(values)
    _exists(workspace, customer_id)
    stored = tags(workspace)
    with workspace.transaction() as cur:
        for tag in stored.loc[stored["customer_id"] == customer_id, "tag"]:
            cur.execute(_sql("delete_tag"), {"customer_id": customer_id, "tag": tag})
        for tag in labels:
            cur.execute(_sql("insert_tag"), {"customer_id": customer_id, "tag": tag})
    workspace.touch()


def add_tag(workspace: Workspace, customer_id: str, tag: object) -> None:
    """Add one tag (a tag the customer already has, in any case, is left as it is)."""
    stored = tags(workspace)
    current = stored.loc[stored["customer_id"] == customer_id, "tag"].tolist()
    set_tags(workspace, customer_id, [*current, *clean_tags([tag])])


def remove_tag(workspace: Workspace, customer_id: str, tag: str) -> None:
    """Remove one tag (ignoring case); a tag the customer does not have is nothing to remove."""
    _exists(workspace, customer_id)
    with workspace.transaction() as cur:
        cur.execute(_sql("delete_tag"), {"customer_id": customer_id, "tag": tag})
    workspace.touch()


# --- segments --------------------------------------------------------------------------------
def link_segment(workspace: Workspace, customer_id: str, segmentation_id: str | None, segment: str | None) -> None:
    """Link a customer to a segment of a saved segmentation; None, None unlinks it."""
    _exists(workspace, customer_id)
    if segmentation_id is None or segment is None:
        segmentation_id = segment = None
    else:
        saved = segments(workspace)
        hit = saved[(saved["segmentation_id"] == segmentation_id) & (saved["segment"] == segment)]
        if hit.empty:
            raise CustomerError(
                f"There is no segment “{segment}” in that segmentation (renamed or deleted?): pick one from the list."
            )
    with workspace.transaction() as cur:
        cur.execute(
            _sql("set_segment"), {"customer_id": customer_id, "segmentation_id": segmentation_id, "segment": segment}
        )
    workspace.touch()
