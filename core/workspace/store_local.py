"""The default workspace store: the local DuckDB files are the workspaces (core.workspace.store).

Nothing is copied anywhere; :class:`LocalStore` only gives the same small key-value area the
PostgreSQL store has, as JSON files under ``<data dir>/.kv/<namespace digest>/<key digest>.json``
(each written to a temporary file and renamed, so a reader never sees half a value), and deletes
a workspace's file.
"""

from __future__ import annotations

import json
import os
import shutil
from hashlib import sha256
from pathlib import Path
from typing import Any

from core.workspace.database import workspace_path
from core.workspace.paths import data_dir
from core.workspace.store_types import StoredChanges, TableSnapshot


def _key_file(folder: Path, key: str) -> Path:
    return folder / f"{sha256(key.encode()).hexdigest()}.json"


class LocalStore:
    """Workspaces in local files (nothing to configure); key-value pairs in small JSON files."""

    durable = False

    def describe(self) -> str:
        return "local files"

    def _folder(self, ns: str) -> Path:
        return data_dir() / ".kv" / sha256(ns.encode()).hexdigest()[:32]

    def revision(self, workspace_id: str) -> int | None:
        return None

    def changes_since(self, workspace_id: str, revision: int) -> StoredChanges | None:
        return None

    def write(self, workspace_id: str, tables: list[TableSnapshot]) -> int:
        return 0  # the local file is the workspace: nothing to copy

    def delete_workspace(self, workspace_id: str) -> bool:
        path = workspace_path(workspace_id)
        found = path.exists()
        for leftover in (path, path.with_name(path.name + ".wal")):
            leftover.unlink(missing_ok=True)
        return found

    def workspace_ids(self) -> list[str]:
        folder = data_dir()
        return sorted(p.stem for p in folder.glob("*.duckdb")) if folder.exists() else []

    def kv_get(self, ns: str, key: str) -> dict[str, Any] | None:
        path = _key_file(self._folder(ns), key)
        if not path.exists():
            return None
        return json.loads(path.read_text(encoding="utf-8"))["value"]

    def kv_put(self, ns: str, key: str, value: dict[str, Any]) -> None:
        folder = self._folder(ns)
        folder.mkdir(parents=True, exist_ok=True)
        path = _key_file(folder, key)
        part = path.with_name(f"{path.stem}.{os.getpid()}.part")
        part.write_text(json.dumps({"key": key, "value": value}), encoding="utf-8")
        os.replace(part, path)

    def kv_delete(self, ns: str, key: str) -> bool:
        path = _key_file(self._folder(ns), key)
        found = path.exists()
        path.unlink(missing_ok=True)
        return found

    def kv_items(self, ns: str) -> dict[str, dict[str, Any]]:
        folder = self._folder(ns)
        items = {}
        for path in sorted(folder.glob("*.json")) if folder.exists() else []:
            stored = json.loads(path.read_text(encoding="utf-8"))
            items[stored["key"]] = stored["value"]
        return items

    def close(self) -> None:
        return None

    def clear_kv(self) -> None:
        """Remove every key-value pair (tests)."""
        shutil.rmtree(data_dir() / ".kv", ignore_errors=True)
