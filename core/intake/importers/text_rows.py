"""A UTF-8 delimited text file as rows of cells, parsed by Arrow when it gives what ``csv`` gives.

Decision (issue 12): the general reader hands every layout rows of cells, and Python's ``csv``
module parses them at about 20 MB/s here: 7 s of a 20,000-respondent Qualtrics export (128 MB),
60 % of its import. Arrow's multi-threaded CSV parser, every column read as text, gives the same
cells in a fraction of that time. Each column is read into codes of its distinct texts, so a
text is made once per column and shared by its cells (an export repeats its answer labels in
every row: a Python text per cell cost 400 MB, and hashing each one again when the answers are
counted 2 s). It is used only where it agrees with ``csv.reader`` (default dialect, the sniffed
delimiter): valid UTF-8 (Arrow checks it), every row as wide as the first (a blank line is a row
of empty cells both ways, once :func:`core.intake.importers.reading._read_csv` pads it), quotes
and quoted line breaks read alike. Anything Arrow refuses — ragged rows, an unterminated quote,
another encoding — returns None and ``csv`` reads the file as before; a property test
(tests/unit/intake/test_text_rows.py) compares the two on random texts.
"""

from __future__ import annotations

import codecs

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from core.intake.importers.coded import Coded

BLOCK_BYTES = 16 << 20  # Arrow's 1 MiB default cuts a large file into hundreds of blocks


def arrow_rows(data: bytes, delimiter: str, width: int) -> list[list[str]] | None:
    """The rows ``csv.reader`` would read from ``data`` (UTF-8, with or without a BOM), each
    ``width`` cells wide (the first row's width), or None when Arrow cannot read them the same way."""
    if width < 1:
        return None
    buffer = pa.py_buffer(data)
    if data.startswith(codecs.BOM_UTF8):
        buffer = buffer.slice(len(codecs.BOM_UTF8))
    names = [f"c{i}" for i in range(width)]
    block = min(BLOCK_BYTES, max(1 << 20, len(data) // 8))  # a block for each core, even in a small file
    try:
        table = pacsv.read_csv(
            buffer,
            read_options=pacsv.ReadOptions(column_names=names, block_size=block),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.dictionary(pa.int32(), pa.string())),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowException:
        return None
    cells = np.empty((table.num_rows, width), dtype=object)
    for index in range(width):  # each distinct text of a column made once, and shared by its cells
        cells[:, index] = Coded.of_arrow(table.column(index)).values()
    return cells.tolist()
