"""Tables of a working copy as the store keeps them: fingerprints and Parquet snapshots
(issue 17, item 3; SQL in ``core/sql/store_sync.sql``).

Which tables: every base table in the DuckDB catalog (except the local bookkeeping table
``store_sync_state``), so a table a new feature adds is kept without a change here.

**Fingerprints** decide what a push sends (decision). A *small* table (at most
:data:`BIG_ROWS` rows, no BLOB column) is fingerprinted by its columns and a digest of every
row (``sum(hash(*COLUMNS(*)))``): exact, and ~1 ms for thousands of rows. Hashing a *big*
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
    columns: str  # JSON [[name, type], …] in column order
    estimated_rows: int
    has_blob: bool


def table_infos(cur: duckdb.DuckDBPyConnection) -> dict[str, TableInfo]:
    """Every table of the working copy by name (the store's bookkeeping table left out)."""
    rows = cur.execute(_sql("tables")).fetchall()
    return {name: TableInfo(name, columns, int(rows_), bool(blob)) for name, columns, rows_, blob in rows}


def fingerprints(cur: duckdb.DuckDBPyConnection, big_rows: int = BIG_ROWS) -> dict[str, tuple[TableInfo, str]]:
    """``{table: (its info, its fingerprint)}`` for every table (the rule: module docstring)."""
    found: dict[str, tuple[TableInfo, str]] = {}
    signature: str | None = None
    for name, info in table_infos(cur).items():
        if info.has_blob or info.estimated_rows > big_rows:
            count = _one(cur, _sql("row_count"), {"table": quote_identifier(name)})[0]
            if info.has_blob or count > big_rows:
                if signature is None:
                    signature = str(_one(cur, query("focus", "survey_signature"))[0])
                found[name] = (info, f"{info.columns}|{count}|big:{signature}")
                continue
        count, digest = _one(cur, _sql("content_hash"), {"table": quote_identifier(name)})
        found[name] = (info, f"{info.columns}|{count}|{digest}")
    return found


def snapshot(cur: duckdb.DuckDBPyConnection, name: str, columns: str, fingerprint: str) -> TableSnapshot:
    """The rows of table ``name`` as a :class:`TableSnapshot` (Parquet bytes)."""
    table = cur.sql(_sql("snapshot"), params={"table": quote_identifier(name)}).to_arrow_table()
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd")
    return TableSnapshot(name, columns, fingerprint, buffer.getvalue())


def _names(columns: str) -> set[str]:
    return {name for name, _ in json.loads(columns)}


def apply(cur: duckdb.DuckDBPyConnection, stored: TableSnapshot, local: TableInfo | None) -> None:
    """Make the local table ``stored.name`` hold the snapshot's rows (inside the caller's transaction)."""
    rows = pq.read_table(io.BytesIO(stored.data))
    table = quote_identifier(stored.name)
    cur.register("incoming_snapshot", rows)
    try:
        if local is not None and (local.columns == stored.columns or _names(stored.columns) <= _names(local.columns)):
            cur.execute(_sql("clear_table").format(table=table))
            cur.execute(_sql("fill_table").format(table=table))
        else:
            cur.execute(_sql("replace_table").format(table=table))
    finally:
        cur.unregister("incoming_snapshot")
