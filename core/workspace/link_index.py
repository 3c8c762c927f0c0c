"""Where the links of every workspace are recorded: a small key-value index.

The index maps a key (a SHA-256 hex digest, never a token) to a JSON object. It is the only
place :mod:`core.workspace.links` keeps its records, behind four methods (``get``, ``put``,
``delete``, ``items``), so another backend (the PostgreSQL store's key-value table) can take its
place by offering the same methods (:class:`LinkIndex`).

:class:`FileLinkIndex` (the default) keeps one JSON file per key under ``<data dir>/links/``.
Writes go to a temporary file in the same folder that is renamed into place, so a reader never
sees half a record and a crash never leaves one. Keys are checked to be hex digests, so a key
can never name a path outside the folder.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from core.workspace.paths import data_dir

_KEY = re.compile(r"^[0-9a-f]{64}$")


class LinkIndex(Protocol):
    """What :mod:`core.workspace.links` needs from a backend."""

    def get(self, key: str) -> dict[str, Any] | None: ...

    def put(self, key: str, value: dict[str, Any]) -> None: ...

    def delete(self, key: str) -> None: ...

    def items(self) -> Iterator[tuple[str, dict[str, Any]]]: ...


def _checked(key: str) -> str:
    if not _KEY.match(key):
        raise ValueError(f"A link index key is a SHA-256 hex digest; got {key[:12]!r}….")
    return key


class FileLinkIndex:
    """One JSON file per key under ``folder`` (default ``<data dir>/links``), written atomically."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder if folder is not None else data_dir() / "links"

    def _path(self, key: str) -> Path:
        return self.folder / f"{_checked(key)}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            text = self._path(key).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        try:
            value = json.loads(text)
        except json.JSONDecodeError:
            return None  # a damaged record grants nothing
        return value if isinstance(value, dict) else None

    def put(self, key: str, value: dict[str, Any]) -> None:
        target = self._path(key)
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".part")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump(value, file)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def items(self) -> Iterator[tuple[str, dict[str, Any]]]:
        if not self.folder.is_dir():
            return
        for path in sorted(self.folder.glob("*.json")):
            if _KEY.match(path.stem) and (value := self.get(path.stem)) is not None:
                yield path.stem, value
