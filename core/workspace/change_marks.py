"""Two people at once: a change made from a stale view is refused, never silently applied (issue 17.4).

Every checked change names its *items* (``choice:<scenario>:<step>``, ``note:<scenario>:<step>``,
``scenario:<id>``, ``step:<id>``, ``setting:<key>``) and, inside the change's own transaction:

1. reads their marks (table ``change_marks``: the workspace revision at which each last changed,
   and the writer who changed it);
2. refuses with :class:`ChangedElsewhere` when an item changed after the revision the change was
   drawn at (:class:`Drawn`) by *another* writer (a writer is one browser session; its own quick
   changes never conflict with each other);
3. bumps the workspace revision and marks the items with it.

So the check and the change commit together, or neither does. A change without ``drawn`` (the CLI,
tests, a background job) is not checked but still marks its items, so later stale views notice it.
Marks are per item: a stale view may still change *another* step, scenario or setting.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import duckdb

from core.sqlfiles import query

ANONYMOUS = ""


@dataclass(frozen=True)
class Drawn:
    """What a change was made from: the workspace revision the view showed, and who drew it."""

    revision: int
    writer: str


class ChangedElsewhere(ValueError):
    """A change made from a stale view: ``items`` changed elsewhere since it was drawn."""

    def __init__(self, what: str, items: list[str]):
        super().__init__(
            f"{what} was changed elsewhere (another tab or another person) since this page was drawn, so "
            "this change was not saved. Here is the current state: make the change again if you still want it."
        )
        self.items = items


def check_and_mark(cur: duckdb.DuckDBPyConnection, items: Iterable[str], drawn: Drawn | None, what: str) -> int:
    """Inside a write transaction: refuse a stale change (module docstring), else mark ``items``
    at a new workspace revision, which is returned. ``what`` names the thing for the message."""
    wanted = sorted(set(items))
    if drawn is not None and wanted:
        rows = cur.execute(query("change_marks", "read"), {"items": wanted}).fetchall()
        stale = sorted(item for item, rev, writer in rows if int(rev) > drawn.revision and writer != drawn.writer)
        if stale:
            raise ChangedElsewhere(what, stale)
    cur.execute(query("settings", "bump_revision"))
    row = cur.execute(query("change_marks", "revision")).fetchone()
    revision = int(row[0]) if row else 0
    writer = drawn.writer if drawn is not None else ANONYMOUS
    for item in wanted:
        cur.execute(query("change_marks", "mark"), {"item": item, "rev": revision, "writer": writer})
    return revision
