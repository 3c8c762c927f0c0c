"""Tables of a working copy as the store keeps them: fingerprints and Parquet snapshots
(issue 17, item 3; SQL in ``core/sql/store_sync.sql``).

Which tables: every base table in the DuckDB catalog (except the local bookkeeping table
``store_sync_state``), so a table a new feature adds is kept without a change here.

**Fingerprints** decide what a push sends (decision). A *small* table (at most
:data:`BIG_ROWS` rows, no BLOB column) is fingerprinted by its columns and a digest of every
row (``sum(hash(*COLUMNS(*)))``): exact, and ~1 ms for thousands of rows; a table that was
empty and that DuckDB still estimates at 0 rows is not read at all. All tables are fingerprinted
in one query. Hashing a *big*
table (the ratings of a large survey, the uploaded file) on every change would cost more than
the change (~15 ms per 300,000 ratings), so a big table is fingerprinted by its columns, its
row count and the survey's signature (core/sql/focus.sql: the import id, the job map, the
segmentations and segment names). The app changes big tables only by an import, a restore, a
segmentation or a segment rename, each of which changes that signature or the row count; a
new kind of in-place edit of a big table must change one of them too (or the table must stay
under :data:`BIG_ROWS`), else it reaches the store only with the next change that does.

**Snapshots** are Parquet (zstd) written from DuckDB's Arrow output. Applying one keeps the local
table (its keys and defaults) and replaces its rows when the snapshot's columns are the local
table's or a subset of them (an older snapshot after a column was added); otherwise (the
respondents table, re-created with one column per attribute at each import) the table is
re-created from the snapshot's columns.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

import duckdb
import pyarrow.parquet as pq

from core.sqlfiles import query, quote_identifier
from core.workspace.store_types import TableSnapshot

BIG_ROWS = 50_000


def _sql(name: str) -> str:
    return query("store_sync", name)


def _one(cur: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None) -> tuple:
    """The one row of ``sql``, read to the end (DuckDB wants a result finished before the next)."""
    return cur.execute(sql, params or {}).fetchall()[0]


@dataclass(frozen=True)
class TableInfo:
    name: str
    definition: str  # a digest of the table's CREATE statement (its columns and types)
    estimated_rows: int
    has_blob: bool

    @property
    def empty_fingerprint(self) -> str:
        return f"{self.definition}|0|0"


def table_infos(cur: duckdb.DuckDBPyConnection) -> dict[str, TableInfo]:
    """Every table of the working copy by name (the store's bookkeeping table left out)."""
    rows = cur.execute(_sql("tables")).fetchall()
    return {name: TableInfo(name, definition, int(n), bool(blob)) for name, definition, n, blob in rows}


def columns_of(cur: duckdb.DuckDBPyConnection, names: list[str]) -> dict[str, str]:
    """The columns of the tables ``names`` as JSON ``[[name, type], …]``, by table."""
    return dict(cur.execute(_sql("columns"), {"names": names}).fetchall()) if names else {}


def fingerprints(
    cur: duckdb.DuckDBPyConnection,
    big_rows: int = BIG_ROWS,
    known: dict[str, str] | None = None,
    only: tuple[str, ...] | None = None,
) -> dict[str, str]:
    """``{table: fingerprint}`` for every table (of ``only``, when given; the rule: module
    docstring), in one query.

    ``known``: fingerprints recorded earlier; a table DuckDB estimates at 0 rows that was empty then
    (under the same definition) is taken as still empty without reading it (most tables, most of
    the time: a workshop uses a few frameworks).
    """
    known = known or {}
    infos = table_infos(cur)
    if only is not None:
        infos = {name: info for name, info in infos.items() if name in only}
    found = {
        name: info.empty_fingerprint
        for name, info in infos.items()
        if info.estimated_rows == 0 and known.get(name) == info.empty_fingerprint
    }
    todo = [info for name, info in infos.items() if name not in found]
    if not todo:
        return found
    big = {info.name for info in todo if info.has_blob or info.estimated_rows > big_rows}
    parts, params = [], {}
    for i, info in enumerate(todo):
        parts.append(_sql("row_count_part" if info.name in big else "content_hash_part").format(i=i))
        params[f"table_{i}"] = quote_identifier(info.name)
    names = {quote_identifier(info.name): info.name for info in todo}
    signature = str(_one(cur, query("focus", "survey_signature"))[0]) if big else ""
    for quoted, count, digest in cur.execute(" UNION ALL ".join(parts), params).fetchall():
        name = names[quoted]
        content = f"big:{signature}" if name in big and count else digest
        found[name] = f"{infos[name].definition}|{count}|{content if count else 0}"
    return found


def is_exact(fingerprint: str) -> bool:
    """True for a small table's fingerprint (a digest of every row); False for a big table's, which
    stands for its content only through the row count and the survey signature (module docstring)."""
    return "|big:" not in fingerprint


def snapshot(cur: duckdb.DuckDBPyConnection, name: str, columns: str, fingerprint: str) -> TableSnapshot:
    """The rows of table ``name`` as a :class:`TableSnapshot` (Parquet bytes)."""
    table = cur.sql(_sql("snapshot"), params={"table": quote_identifier(name)}).to_arrow_table()
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd")
    return TableSnapshot(name, columns, fingerprint, buffer.getvalue())


def _names(columns: str) -> set[str]:
    return {name for name, _ in json.loads(columns)} if columns else set()


def apply(cur: duckdb.DuckDBPyConnection, stored: TableSnapshot, local: str | None) -> None:
    """Make the local table ``stored.name`` (``local``: its columns, None when missing) hold the
    snapshot's rows, inside the caller's transaction."""
    rows = pq.read_table(io.BytesIO(stored.data))
    table = quote_identifier(stored.name)
    cur.register("incoming_snapshot", rows)
    try:
        if local is not None and (local == stored.columns or _names(stored.columns) <= _names(local)):
            cur.execute(_sql("clear_table").format(table=table))
            cur.execute(_sql("fill_table").format(table=table))
        else:
            cur.execute(_sql("replace_table").format(table=table))
    finally:
        cur.unregister("incoming_snapshot")
