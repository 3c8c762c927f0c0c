"""A Parquet file (what analysts export from a warehouse) as the one table of a :class:`SourceFile`.

The column names are the header row and each record a row of cells, typed as Parquet stores
them (numbers stay numbers, nulls are empty cells), so the same layout rules apply as to a
CSV. A plain canonical table never comes here: :mod:`core.intake.importers.columnar_input`
reads it by columns.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from core.intake.importers.source import SourceFile, Table, UnreadableFile

PARQUET_MAGIC = b"PAR1"


def parquet_source(data: bytes, file_name: str) -> SourceFile:
    """The file's one table; :class:`UnreadableFile` when Arrow cannot read it."""
    try:
        table = pq.read_table(pa.BufferReader(data))
    except Exception as exc:  # Arrow raises several error types for a damaged file
        raise UnreadableFile(
            f"{file_name} could not be read as a Parquet file ({type(exc).__name__}: {exc}).",
            "Export the table again as Parquet, or as a .csv file.",
        ) from None
    columns = [table.column(i).to_pylist() for i in range(table.num_columns)]
    rows = [list(table.column_names)] + [list(row) for row in zip(*columns, strict=True)]
    return SourceFile(file_name, "parquet", [Table(Path(file_name).stem or "data", rows)], ["Read as a Parquet file."])
