"""Load the SQL that lives in ``core/sql/*.sql``.

Each file holds one family of queries. A file is either one script (``schema.sql``) or
several named queries, each introduced by a line ``-- name: <query_name>``. Queries use
DuckDB named parameters (``$name``); values are always bound, never spliced.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb

SQL_DIR = Path(__file__).parent / "sql"
_NAME_LINE = re.compile(r"^--\s*name:\s*(\w+)\s*$", re.MULTILINE)


@cache
def script(family: str) -> str:
    """The whole text of ``core/sql/<family>.sql``."""
    return (SQL_DIR / f"{family}.sql").read_text(encoding="utf-8")


@cache
def queries(family: str) -> dict[str, str]:
    """The named queries of ``core/sql/<family>.sql`` as ``{name: sql}``."""
    text = script(family)
    parts = _NAME_LINE.split(text)
    # parts = [preamble, name1, body1, name2, body2, ...]
    named = {name: body.strip() for name, body in zip(parts[1::2], parts[2::2], strict=True)}
    if not named:
        raise ValueError(f"core/sql/{family}.sql has no '-- name:' queries")
    return named


def query(family: str, name: str) -> str:
    """One named query, e.g. ``query("scoring", "outcome_scores")``."""
    try:
        return queries(family)[name]
    except KeyError:
        raise KeyError(f"no query {name!r} in core/sql/{family}.sql") from None


def one_row(result: duckdb.DuckDBPyConnection) -> tuple[Any, ...]:
    """The row of a query that always returns exactly one (a count, a next id, an aggregate)."""
    row = result.fetchone()
    if row is None:
        raise LookupError("a query that always returns one row returned none")
    return row


def quote_identifier(name: str) -> str:
    """Quote an identifier for DuckDB, doubling any ``"`` inside it.

    The one sanctioned way to put a name into SQL text. Column names that come from a
    spreadsheet are renamed to internal ids on import, so this is needed only rarely.
    """
    return '"' + name.replace('"', '""') + '"'


def schema_extensions() -> list[str]:
    """Feature schemas (``schema_<feature>.sql``), in name order, run after ``schema.sql``."""
    return sorted(path.stem for path in SQL_DIR.glob("schema_*.sql"))
