"""A column as integer codes into its distinct values: how the long-table import stays linear.

Every per-row question of a long import (is the id blank, which outcome, which rating, is this
row a repeat) is answered once per *distinct* value and carried to the rows by indexing the
codes with numpy. A column comes from Python cells (``pandas.factorize``) or from an Arrow
column (``dictionary_encode``, whose chunks share one dictionary); both give the distinct
values in order of first appearance, so reports list them in the same order either way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from core.intake.importers.draft import Cells
from core.intake.ratings import ParsedColumn, parse_cell


@dataclass
class Coded:
    """``uniques[codes]`` is the column; code -1 is a missing cell (None or NaN)."""

    codes: np.ndarray  # int32, one per row
    uniques: np.ndarray  # object, the distinct values in order of first appearance

    def __len__(self) -> int:
        return len(self.codes)

    @classmethod
    def of(cls, values: Coded | Cells) -> Coded:
        """``values`` as codes (a :class:`Coded` is returned as it is)."""
        if isinstance(values, Coded):
            return values
        array = values if isinstance(values, np.ndarray) and values.dtype == object else None
        if array is None:
            array = np.asarray(pd.Series(values, dtype=object))
        codes, uniques = pd.factorize(array, use_na_sentinel=True)
        return cls(codes.astype(np.int32, copy=False), np.asarray(uniques, dtype=object))

    @classmethod
    def of_arrow(cls, column) -> Coded:  # column: pyarrow ChunkedArray
        """An Arrow column, encoded in C; its chunks share one dictionary in first-appearance order.
        A text column of single characters (ratings) is coded from its bytes (:func:`single_characters`)."""
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            characters = single_characters(column)
            if characters is not None:
                return characters
        if not pa.types.is_dictionary(column.type):
            # pyarrow.compute makes its functions at import time: no stub names them
            column = pc.dictionary_encode(column)  # pyright: ignore[reportAttributeAccessIssue]
        column = column.unify_dictionaries() if column.num_chunks > 1 else column
        if column.num_chunks == 0:
            return cls(np.zeros(0, dtype=np.int32), np.zeros(0, dtype=object))
        dictionary = column.chunks[0].dictionary
        if column.null_count:
            indices = pa.chunked_array([chunk.indices for chunk in column.chunks]).combine_chunks().cast(pa.int32())
            codes = indices.fill_null(-1).to_numpy(zero_copy_only=False)
        else:  # the chunks' indices as numpy views, joined once (Arrow's combine_chunks allocated twice as slowly)
            codes = np.concatenate([chunk.indices.to_numpy() for chunk in column.chunks]).astype(np.int32, copy=False)
        return cls(codes, np.asarray(dictionary.to_pylist(), dtype=object))

    def mapped(self, function: Callable[[object], object], plain_unchanged: bool = False) -> Coded:
        """The column after ``function`` on each distinct value (a missing cell is passed as None);
        values that become equal share one code. ``plain_unchanged``: ``function`` returns a
        non-empty text without whitespace as it is, so only the other values are passed to it
        (a column of 100,000 clean respondent ids costs no Python call per id)."""
        values = np.empty(len(self.uniques) + 1, dtype=object)
        values[:-1] = self.uniques
        plain = plain_texts(self.uniques) if plain_unchanged else np.zeros(len(self.uniques), dtype=bool)
        others = np.flatnonzero(~plain)
        if len(others):
            values[others] = [function(u) for u in self.uniques[others]]
        values[-1] = function(None)
        new_codes, new_uniques = pd.factorize(values, use_na_sentinel=True)
        lookup = new_codes.astype(np.int32)  # a missing cell's code -1 picks the last slot
        uniques = np.asarray(new_uniques, dtype=object)
        unchanged = np.array_equal(lookup[:-1], np.arange(len(self.uniques)))
        if unchanged and (not len(self.codes) or self.codes.min() >= 0):
            # every value kept its code: share the rows' codes, no copy; and no row is missing, so the
            # missing cell's value, when it is a value of its own (the last), is no value of the column
            return Coded(self.codes, uniques[: len(self.uniques)])
        return Coded(lookup[self.codes], uniques)

    def values(self, rows: np.ndarray | None = None) -> np.ndarray:
        """The cells (None where missing) at ``rows`` (indices), or all of them."""
        codes = self.codes if rows is None else self.codes[rows]
        table = np.empty(len(self.uniques) + 1, dtype=object)
        table[:-1] = self.uniques
        table[-1] = None
        return table[codes]

    def parsed(self) -> ParsedColumn:
        """The column as :func:`core.intake.ratings.parse_column` reads it, each distinct value read once."""
        counts = counted(self.codes, len(self.uniques))
        cells = [parse_cell(u) for u in self.uniques]
        return ParsedColumn(self.codes, cells, counts[1:], int(counts[0]))


def _byte_keys(chunk) -> np.ndarray | None:  # chunk: a pyarrow StringArray or LargeStringArray
    """One key per value of a text chunk without nulls: 0 for "", the byte + 1 for a one-byte
    value; None when a value is longer (or null)."""
    if chunk.null_count:
        return None
    width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
    _, offset_buffer, data_buffer = chunk.buffers()
    offsets = np.frombuffer(offset_buffer, dtype=width)[chunk.offset : chunk.offset + len(chunk) + 1]
    data = np.frombuffer(data_buffer, dtype=np.uint8) if data_buffer is not None else np.zeros(0, np.uint8)
    lengths = np.diff(offsets)
    if lengths.max(initial=0) > 1:
        return None
    if int(offsets[-1] - offsets[0]) == len(chunk):  # one byte each: the bytes in a row are the keys
        keys = data[offsets[0] : offsets[-1]].astype(np.uint16)
        keys += 1
        return keys
    keys = np.zeros(len(chunk), dtype=np.uint16)
    one = lengths == 1
    keys[one] = data[offsets[:-1][one]].astype(np.uint16) + 1
    return keys


def single_characters(column) -> Coded | None:  # column: a pyarrow ChunkedArray of text
    """The column coded from its bytes when every value is one ASCII character or empty — ratings
    on a scale of up to 9 points, with blanks — else None (the caller hashes it).

    A value's byte is its key (257 possible), so counting and coding are a bincount and a lookup
    per row, where a dictionary hashes every row: 20 M ratings cost 0.1 s instead of 0.4 s. The
    distinct values come in order of first appearance, as a dictionary's do."""
    parts, counts = [], np.zeros(257, dtype=np.int64)
    for chunk in column.chunks:  # chunk by chunk: no temporary the size of the column
        keys = _byte_keys(chunk)
        if keys is None:
            return None
        counts += np.bincount(keys, minlength=257)
        parts.append(keys)
    present = np.flatnonzero(counts)
    if len(present) and present[-1] > 128:  # a byte past ASCII alone is no character (Arrow checks UTF-8)
        return None
    n = int(counts.sum())
    first, start = np.full(257, n, dtype=np.int64), 0
    for keys in parts:  # the first rows hold every value's first row, as a rule: the search stops there
        for offset in range(0, len(keys), BLOCK):
            values, at = np.unique(keys[offset : offset + BLOCK], return_index=True)
            first[values] = np.minimum(first[values], at + start + offset)
        start += len(keys)
        if (first[present] < n).all():
            break
    order = present[np.argsort(first[present], kind="stable")]
    rank = np.full(257, -1, dtype=np.int32)
    rank[order] = np.arange(len(order), dtype=np.int32)
    codes, start = np.empty(n, dtype=np.int32), 0
    for keys in parts:
        np.take(rank, keys, out=codes[start : start + len(keys)])
        start += len(keys)
    uniques = np.array([chr(key - 1) if key else "" for key in order.tolist()], dtype=object)
    return Coded(codes, uniques)


# what ``str.split()`` splits on (``str.isspace``), for Arrow's regular expressions
_WHITESPACE = "[\\s\\x0b\\x1c-\\x1f\\x85\\xa0\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}]"


def plain_texts(uniques: np.ndarray) -> np.ndarray:
    """Which values are non-empty text without any whitespace, decided in C (Arrow)."""
    if not len(uniques) or pd.api.types.infer_dtype(uniques, skipna=False) != "string":
        return np.array([isinstance(u, str) and u != "" and not any(c.isspace() for c in u) for u in uniques], bool)
    texts = pa.array(uniques, type=pa.string())
    # pyarrow.compute makes its functions at import time: no stub names them
    special = pc.or_(pc.match_substring_regex(texts, _WHITESPACE), pc.equal(pc.binary_length(texts), 0))  # pyright: ignore[reportAttributeAccessIssue]
    return ~special.to_numpy(zero_copy_only=False)


BLOCK = 1 << 18  # rows per block of the scans below: a few MB of temporaries, never one per row of 20 M


def first_rows(codes: np.ndarray, n_groups: int, block: int = BLOCK) -> np.ndarray:
    """The first row index of each code 0…n_groups-1 (len(codes) where a code never occurs).

    Read a block of rows at a time, and in each block only the rows whose code differs from the
    row before (a first row always does): a table grouped by respondent has one such row per
    respondent. Once every code has been seen (a few outcome ids in the first block, as a rule)
    the rest cannot hold a first row and is not read. Temporaries are per block: at 20 M rows,
    index arrays of every row cost more in fresh memory (0.5 ms per MB here) than in arithmetic."""
    n = len(codes)
    first = np.full(n_groups, n, dtype=np.int64)
    check_every = max(1, n_groups // block)  # whether all codes are seen costs n_groups: not every block
    for index, start in enumerate(range(0, n, block)):
        part = codes[start : start + block]
        changed = np.empty(len(part), dtype=bool)
        changed[0] = True
        np.not_equal(part[1:], part[:-1], out=changed[1:])
        at = np.flatnonzero(changed)
        at = at[part[at] >= 0]
        np.minimum.at(first, part[at], at + start)
        if index % check_every == 0 and not (first == n).any():
            break
    return first


def increasing_pairs(major: np.ndarray, minor: np.ndarray, block: int = BLOCK) -> bool:
    """Whether the pairs (major, minor) strictly increase from row to row, so that none repeats: a
    long table sorted by respondent and then outcome (both coded in order of first appearance)
    shows it with one comparison per row, where finding repeats needs a count per possible pair."""
    for start in range(1, len(major), block):
        stop = min(start + block, len(major))
        earlier, later = major[start - 1 : stop - 1], major[start:stop]
        if not ((later > earlier) | ((later == earlier) & (minor[start:stop] > minor[start - 1 : stop - 1]))).all():
            return False
    return True


def counted(codes: np.ndarray, n_codes: int, block: int = 1 << 20, where: np.ndarray | None = None) -> np.ndarray:
    """How many rows hold each code, missing cells (-1) first: n_codes + 1 counts; only the rows
    ``where`` is true, when given. Counted a block of rows at a time, so 20 M codes need no 160 MB
    array of shifted (or picked) copies."""
    counts = np.zeros(n_codes + 1, dtype=np.int64)
    for start in range(0, len(codes), block):
        part = codes[start : start + block]
        if where is not None:
            part = part[where[start : start + block]]
        counts += np.bincount(part + 1, minlength=n_codes + 1)
    return counts


def repeated(keys: np.ndarray, n_keys: int) -> np.ndarray:
    """Which rows repeat a key (0…n_keys-1) of an earlier row. The usual table repeats none, which
    one count per key shows at C speed; only then does the hashing of every key pay off."""
    if n_keys <= max(4 * len(keys), 1 << 20) and np.bincount(keys, minlength=n_keys).max(initial=0) <= 1:
        return np.zeros(len(keys), dtype=bool)
    return pd.Series(keys).duplicated().to_numpy()


def varies_within(groups: np.ndarray, values: np.ndarray) -> np.ndarray:
    """For each group code 0…max, whether ``values`` (codes, -1 = blank, ignored) take two different values in it."""
    n = int(groups.max()) + 1 if len(groups) else 0
    known = values >= 0
    low = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    high = np.full(n, -1, dtype=np.int64)
    np.minimum.at(low, groups[known], values[known])
    np.maximum.at(high, groups[known], values[known])
    return (high >= 0) & (low != high)
