"""Settings saved from a page, checked against changes made elsewhere (issue 17.4).

Every workspace setting a page saves (competition, focus, communication, trade-off, customer,
vote and import settings) goes through :func:`put_setting`: one transaction that checks and
marks the item ``setting:<key>`` (core.workspace.change_marks) and stores the value, so a save from
a page drawn before another tab changed the same setting is refused with ``ChangedElsewhere``
instead of silently putting the old values back. The scoring settings do the same in
core.analysis.scoring.

Decisions:

- A save that stores what is already stored changes nothing and is never refused (a stale page
  that agrees with the current state overwrites nothing). It is still refused on a handle that
  refuses writes, like any write.
- ``merge``: the value is a dict laid over the stored dict, inside the transaction, so keys
  another page keeps under the same setting (the Focus matrix and the Competitors page share
  ``competition``) are never lost.
"""

from __future__ import annotations

import json
from typing import Any

from core.sqlfiles import query
from core.workspace.change_marks import Drawn, check_and_mark
from core.workspace.database import Workspace


def _stored(cur, key: str) -> Any:
    row = cur.execute(query("settings", "get"), {"key": key}).fetchone()
    return None if row is None or row[0] is None else json.loads(row[0])


def _new(stored: Any, value: Any, merge: bool) -> Any:
    new = {**stored, **value} if merge and isinstance(stored, dict) else value
    return json.loads(json.dumps(new))  # as stored: tuples become lists


def put_setting(
    workspace: Workspace,
    key: str,
    value: Any,
    *,
    drawn: Drawn | None = None,
    what: str = "This setting",
    merge: bool = False,
) -> bool:
    """Store ``value`` (JSON-serialisable) under ``key``; False when that is what is stored already.

    With ``drawn`` (the page it was changed on), refused with ChangedElsewhere when another writer
    changed ``key`` since; ``what`` names the setting in that message (see the module docstring)."""
    workspace.require_writable()
    stored = _stored(workspace.cursor(), key)
    if _new(stored, value, merge) == stored:
        return False
    with workspace.transaction() as cur:
        new = _new(_stored(cur, key), value, merge)
        check_and_mark(cur, [f"setting:{key}"], drawn, what)  # bumps the revision
        cur.execute(query("settings", "put"), {"key": key, "value": json.dumps(new)})
    return True
