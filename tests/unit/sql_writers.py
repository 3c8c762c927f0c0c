"""Which statements in core/ write a table: the derived counts (core.workspace.rating_counts,
core.workspace.segment_counts) stay fresh only while every writer of their source keeps them."""

from __future__ import annotations

import re

from core.sqlfiles import SQL_DIR


def statements_writing(table: str) -> list[str]:
    """``"<file>: <statement head>"`` for every statement in core/ (SQL files and Python) that
    inserts, updates, deletes, truncates, replaces, drops, alters or copies into ``table``."""
    writes = re.compile(
        r"\b(INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|TRUNCATE|(CREATE\s+OR\s+REPLACE|DROP|ALTER)\s+TABLE"
        rf"|COPY)\s+(main\.)?{re.escape(table)}\b",
        re.IGNORECASE,
    )
    core = SQL_DIR.parent
    return sorted(
        f"{path.relative_to(core.parent)}: {match.group(0)}"
        for path in [*core.rglob("*.sql"), *core.rglob("*.py")]
        for match in writes.finditer(path.read_text(encoding="utf-8"))
    )
