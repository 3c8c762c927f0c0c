"""Links to a workspace, each granting one role (issue 17.1).

A workspace is the file ``<data dir>/<id>.duckdb``; its *id* is internal. People reach it through
links (``?ws=<token>``), each token granting one :class:`Role`:

* ``edit`` — the facilitator: everything;
* ``view`` — executives: every page and chart, nothing stored can change (the handle is opened
  ``read_only`` and core refuses every write, :class:`core.workspace.database.WorkspaceReadOnly`);
* ``vote`` — participants (issue 17.2): issued on demand; :func:`open_for` hands out a read-only
  handle with ``Role.VOTE``, and the voting code writes votes through its own path that checks
  the role (the hook: nothing else may be written with a vote link).

Decisions:

* **Tokens** are ``secrets.token_urlsafe(24)`` (192 bits). The index (:mod:`core.workspace.link_index`)
  keeps only their SHA-256: ``sha256(token) -> {"workspace": id, "role": ...}``.
* **Old links keep working.** A workspace made before links existed (and every new one, until its
  edit link is re-issued) has ``id == edit token``: a token that is in no index record but names a
  workspace file opens it for editing. Re-issuing the edit link records ``legacy_closed`` on the
  workspace's record, which locks that first token out for good.
* **The facilitator sees the links again later**, although only hashes are stored: the workspace
  record keeps the view and vote tokens *sealed* with the current edit token (XOR with an
  HMAC-SHA256 keystream of the edit token and a random nonce). Only someone holding the edit link
  can read them; re-issuing the edit link re-seals them under the new one.
* **Revoking** a view or vote link deletes its record (the token opens nothing any more); the
  next request for that role issues a new token. The edit link cannot be revoked without a
  replacement (that would lock the facilitator out): :func:`reissue` replaces it.
* Record writes are atomic per record; a process-wide lock serialises read-modify-write of a
  workspace's record within one server process.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from core.workspace.database import (
    Workspace,
    WorkspaceNotFound,
    is_valid_token,
    open_workspace,
    workspace_exists,
)
from core.workspace.link_index import FileLinkIndex, LinkIndex

_lock = threading.RLock()
_index: LinkIndex | None = None
_exists: Callable[[str | None], bool] = workspace_exists  # is there such a workspace (file or store)?
_NOT_FOUND = "No workspace matches that link. It may have been revoked or deleted, or the link is incomplete."


class Role(StrEnum):
    EDIT = "edit"
    VIEW = "view"
    VOTE = "vote"


class LinkRefused(PermissionError):
    """Raised when a link may not do what was asked (e.g. a view link asking for the edit link)."""


@dataclass(frozen=True)
class Resolved:
    """What a token opens: the workspace's internal id and the role the token grants."""

    workspace_id: str
    role: Role


def set_link_index(index: LinkIndex | None, exists: Callable[[str | None], bool] | None = None) -> None:
    """Use ``index`` for every link from now on (``None``: the file index under the data dir), and
    ``exists`` to tell whether a workspace id names a workspace (default: its local file). With the
    PostgreSQL store both come from the store (ui/store_config.py), so links outlive the local disk."""
    global _index, _exists
    _index = index
    _exists = exists if exists is not None else workspace_exists


def link_index() -> LinkIndex:
    """The index in use: the one set by :func:`set_link_index`, else a :class:`FileLinkIndex`."""
    return _index if _index is not None else FileLinkIndex()


def new_link_token() -> str:
    """A fresh link token: 192 random bits, URL-safe (32 characters)."""
    return secrets.token_urlsafe(24)


def token_key(token: str) -> str:
    """The index key of a token: its SHA-256 (hex). The token itself is never stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def workspace_key(workspace_id: str) -> str:
    """The index key of a workspace's own record (which links it has, sealed)."""
    return hashlib.sha256(b"workspace\0" + workspace_id.encode()).hexdigest()


def _keystream(secret: str, nonce: bytes, length: int) -> bytes:
    blocks, counter = b"", 0
    while len(blocks) < length:
        blocks += hmac.new(secret.encode(), nonce + counter.to_bytes(4, "big"), hashlib.sha256).digest()
        counter += 1
    return blocks[:length]


def _seal(token: str, edit_token: str) -> dict[str, str]:
    nonce = secrets.token_bytes(16)
    raw = token.encode()
    sealed = bytes(a ^ b for a, b in zip(raw, _keystream(edit_token, nonce, len(raw)), strict=True))
    return {"nonce": base64.b64encode(nonce).decode(), "sealed": base64.b64encode(sealed).decode()}


def _unseal(entry: dict[str, Any], edit_token: str) -> str | None:
    try:
        nonce, sealed = base64.b64decode(entry["nonce"]), base64.b64decode(entry["sealed"])
    except (KeyError, TypeError, ValueError):
        return None
    raw = bytes(a ^ b for a, b in zip(sealed, _keystream(edit_token, nonce, len(sealed)), strict=True))
    try:
        token = raw.decode()
    except UnicodeDecodeError:
        return None
    return token if entry.get("hash") == token_key(token) else None


def _record(index: LinkIndex, workspace_id: str) -> dict[str, Any]:
    return index.get(workspace_key(workspace_id)) or {"links": {}, "legacy_closed": False}


def resolve(token: str | None) -> Resolved:
    """The workspace and role ``token`` grants; raises :class:`WorkspaceNotFound` when it grants none."""
    if not is_valid_token(token):
        raise WorkspaceNotFound(_NOT_FOUND)
    index = link_index()
    entry = index.get(token_key(token))
    if entry is not None:
        workspace_id, role = entry.get("workspace"), entry.get("role")
        if is_valid_token(workspace_id) and role in Role.__members__.values() and _exists(workspace_id):
            return Resolved(workspace_id, Role(role))
        raise WorkspaceNotFound(_NOT_FOUND)
    if _exists(token) and not _record(index, token).get("legacy_closed"):
        return Resolved(token, Role.EDIT)
    raise WorkspaceNotFound(_NOT_FOUND)


def open_resolved(resolved: Resolved) -> Workspace:
    """A handle for ``resolved``: writable for the edit role, read-only for view and vote."""
    role = resolved.role
    return open_workspace(resolved.workspace_id, refuse_writes=role is not Role.EDIT, votes=role is Role.VOTE)


def open_for(token: str | None) -> tuple[Workspace, Role]:
    """The workspace ``token`` opens and the role it grants (the entry point for every link).

    A view or vote handle refuses every write (:class:`WorkspaceReadOnly`); votes (issue 17.2)
    go through a path of their own that accepts ``Role.VOTE``.
    """
    resolved = resolve(token)
    return open_resolved(resolved), resolved.role


def _edit(edit_token: str) -> str:
    """The workspace id ``edit_token`` edits; raises :class:`LinkRefused` for any other role."""
    resolved = resolve(edit_token)
    if resolved.role is not Role.EDIT:
        raise LinkRefused("Only the edit link can show, issue or revoke this workspace's links.")
    return resolved.workspace_id


def _issue(index: LinkIndex, record: dict[str, Any], workspace_id: str, role: Role, edit_token: str) -> str:
    token = new_link_token()
    index.put(token_key(token), {"workspace": workspace_id, "role": role.value})
    record["links"][role.value] = {"hash": token_key(token), **_seal(token, edit_token)}
    return token


def link(edit_token: str, role: Role) -> str:
    """The current ``role`` link of the workspace ``edit_token`` edits, issued when it has none."""
    if role is Role.EDIT:
        _edit(edit_token)
        return edit_token
    with _lock:
        workspace_id = _edit(edit_token)
        index = link_index()
        record = _record(index, workspace_id)
        entry = record["links"].get(role.value)
        if entry is not None and (token := _unseal(entry, edit_token)) and index.get(token_key(token)):
            return token
        token = _issue(index, record, workspace_id, role, edit_token)
        index.put(workspace_key(workspace_id), record)
        return token


def revoke(edit_token: str, role: Role) -> None:
    """Make the current ``role`` link open nothing (view or vote); the next :func:`link` issues a new one."""
    if role is Role.EDIT:
        raise LinkRefused("The edit link cannot be revoked without a replacement: re-issue it instead.")
    with _lock:
        workspace_id = _edit(edit_token)
        index = link_index()
        record = _record(index, workspace_id)
        entry = record["links"].pop(role.value, None)
        if entry is not None and isinstance(entry.get("hash"), str):
            index.delete(entry["hash"])
        index.put(workspace_key(workspace_id), record)


def reissue(edit_token: str, role: Role) -> str:
    """A new ``role`` link in place of the current one, which stops working; returns the new token.

    Re-issuing the edit link also locks out the workspace's first token (its id) and re-seals the
    view and vote links under the new edit token, so they keep working.
    """
    if role is not Role.EDIT:
        revoke(edit_token, role)
        return link(edit_token, role)
    with _lock:
        workspace_id = _edit(edit_token)
        index = link_index()
        record = _record(index, workspace_id)
        others = {}
        for name, entry in record["links"].items():
            if name != Role.EDIT.value and (token := _unseal(entry, edit_token)):
                others[name] = token
        old = record["links"].get(Role.EDIT.value)
        new = new_link_token()
        index.put(token_key(new), {"workspace": workspace_id, "role": Role.EDIT.value})
        record["links"] = {Role.EDIT.value: {"hash": token_key(new)}}
        for name, token in others.items():
            record["links"][name] = {"hash": token_key(token), **_seal(token, new)}
        record["legacy_closed"] = True
        index.put(workspace_key(workspace_id), record)
        if old is not None and isinstance(old.get("hash"), str):
            index.delete(old["hash"])
        return new


def forget(workspace_id: str) -> None:
    """Remove every link of ``workspace_id`` from the index (the workspace is being deleted)."""
    with _lock:
        index = link_index()
        for key, value in list(index.items()):
            if value.get("workspace") == workspace_id:
                index.delete(key)
        index.delete(workspace_key(workspace_id))
