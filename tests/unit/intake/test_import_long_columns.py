"""Long tables (issues 11.3, 12.1, 12.3): per-outcome columns, the columnar reader, Parquet input.

Real files throughout: CSV bytes, openpyxl workbooks, Parquet written by pyarrow, and the CLI
through a subprocess.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.intake.importers import canonical, import_survey
from core.intake.importers.assemble import Assembler
from core.intake.importers.coded import (
    Coded,
    counted,
    first_rows,
    increasing_pairs,
    plain_texts,
    repeated,
    single_characters,
)
from core.intake.importers.columnar_input import read_columns
from core.intake.importers.headers import id_text
from core.intake.importers.reading import read_source
from core.intake.report import ValidationReport
from tests.unit.xlsx_helpers import assert_actionable, csv_bytes, messages, xlsx_bytes

REPO = Path(__file__).resolve().parents[3]
CATEGORY = {"O1": "Plan", "O2": "Plan", "O3": "Execute"}
SEGMENT = {"r1": "Enterprise", "r2": "SMB", "r3": "Enterprise", "r4": "SMB"}
RATINGS = {
    ("r1", "O1"): (5, 1),
    ("r1", "O2"): (4, 2),
    ("r1", "O3"): (2, 5),
    ("r2", "O1"): (4, 2),
    ("r2", "O2"): (5, 1),
    ("r2", "O3"): (3, 4),
    ("r3", "O1"): (1, 5),
    ("r3", "O2"): (5, 2),
    ("r3", "O3"): (4, 4),
    ("r4", "O1"): (2, 3),
    ("r4", "O2"): (3, 3),
    ("r4", "O3"): (5, 1),
}


def long_rows(*extra: str) -> list[list[object]]:
    """respondent_id, outcome_id, segment (per respondent), category (per outcome), ratings, and ``extra`` columns."""
    header = ["respondent_id", "outcome_id", "segment", "category", "importance", "satisfaction", *extra]
    rows: list[list[object]] = [header]
    for index, ((rid, oid), (imp, sat)) in enumerate(RATINGS.items()):
        cells = {"comment": f"note {index}", "step": f"Step {oid}", "region": SEGMENT[rid] if oid == "O1" else ""}
        rows.append([rid, oid, SEGMENT[rid], CATEGORY[oid], imp, sat, *(cells[e] for e in extra)])
    return rows


def ratings_of(survey) -> dict:
    return {
        (r.respondent_id, r.outcome_id): (int(r.importance), int(r.satisfaction)) for r in survey.ratings.itertuples()
    }


def general_path(data: bytes, file_name: str):
    """The same file through the cell-by-cell reader (what the columnar reader must equal)."""
    report = ValidationReport(file_name=file_name)
    file = read_source(data, file_name)
    report.notes.extend(file.notes)
    draft = canonical.parse(file, canonical.detect(file), report)
    survey = Assembler(draft, report, None, Path(file_name).stem).build()
    return survey, report


# --- 11.3: a column that varies within a respondent is per-outcome ----------------------------------


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_per_outcome_category_becomes_the_job_step_and_is_no_attribute(kind):
    rows = long_rows()
    data = csv_bytes(rows) if kind == "csv" else xlsx_bytes({"ratings": rows})
    result = import_survey(data, f"long.{kind}")
    assert result.ok, result.report.to_text()
    survey = result.survey
    assert survey.attribute_catalogue["original_header"].tolist() == ["segment"]
    steps = dict(zip(survey.steps["step_id"], survey.steps["name"], strict=True))
    assert {o: steps[s] for o, s in zip(survey.outcomes["outcome_id"], survey.outcomes["step_id"], strict=True)} == (
        CATEGORY
    )
    assert "'category' holds one value per outcome, so it was read as the job step" in " ".join(result.report.notes)
    assert ratings_of(survey) == RATINGS


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_other_per_row_columns_are_ignored_by_name(kind):
    rows = long_rows("comment", "region")
    data = csv_bytes(rows) if kind == "csv" else xlsx_bytes({"ratings": rows})
    result = import_survey(data, f"long.{kind}")
    assert result.ok, result.report.to_text()
    assert_actionable(result.report)
    text = messages(result.report)
    assert "The column 'comment' was ignored" in text and "differ between the rows of one outcome too" in text
    # region is filled on one row per respondent only: blanks do not make it vary, so it stays an attribute
    assert result.survey.attribute_catalogue["original_header"].tolist() == ["segment", "region"]
    assert result.survey.respondents["region"].tolist() == [SEGMENT[r] for r in ("r1", "r2", "r3", "r4")]


def test_with_a_step_column_a_per_outcome_category_is_ignored_by_name():
    result = import_survey(csv_bytes(long_rows("step")), "long.csv")
    assert result.ok, result.report.to_text()
    assert "The column 'category' was ignored" in messages(result.report)
    assert "already has a step column" in messages(result.report)
    assert sorted(result.survey.steps["name"]) == ["Step O1", "Step O2", "Step O3"]


def test_score_by_a_per_outcome_column_is_refused_and_by_a_respondent_column_splits(tmp_path):
    path = tmp_path / "long.csv"
    path.write_bytes(csv_bytes(long_rows()))

    def score(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "core", "score", str(path), *args]
        return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)

    refused = score("--by", "category")
    assert refused.returncode == 2
    assert "'category' is not a respondent attribute" in refused.stderr and "segment" in refused.stderr
    split = score("--by", "segment", "--format", "json")
    assert split.returncode == 0, split.stderr
    groups = {(r["group"], r["group_n"]) for r in json.loads(split.stdout)}
    assert groups == {("Enterprise", 2), ("SMB", 2)}


# --- 12.1: the columnar reader reads exactly what the general one reads ------------------------------


def test_the_columnar_reader_gives_the_general_readers_result_and_report():
    rows = [
        *long_rows("comment"),
        ["", "O1", "SMB", "Plan", 3, 3],  # no respondent id: row 14
        ["r1", "o1", "Enterprise", "Plan", 1, 1],  # a repeat (outcome ids match case-insensitively): row 15
        ["r5", "O1", "SMB", "Plan", "N/A", 9],  # no valid rating: dropped
        ["r6", "O2", "SMB", "Plan", "Very important", "Very satisfied"],
    ]
    rows = [row + [""] * (len(rows[0]) - len(row)) for row in rows]
    data = csv_bytes(rows, delimiter=";")
    assert read_columns(data, "long.csv") is not None
    result = import_survey(data, "long.csv")
    survey, report = general_path(data, "long.csv")
    assert result.report.to_dict() == report.to_dict()
    pd.testing.assert_frame_equal(result.survey.respondents, survey.respondents)
    pd.testing.assert_frame_equal(result.survey.outcomes, survey.outcomes)
    assert ratings_of(result.survey) == ratings_of(survey)
    assert "1 row has no respondent_id or no outcome_id and was skipped (row 14)" in messages(result.report)
    assert "(row 15)" in messages(result.report)


@pytest.mark.parametrize(
    ("change", "row"),
    [
        (lambda data: data.replace(b"\r\nr2,", b"\r\n\r\nr2,", 1), 7),  # a blank line: a row of its own
        (lambda data: data.replace(b"\r\nr2,", b"\r\n,,,,,\r\nr2,", 1), 7),  # an all-blank row
        (lambda data: data.replace(b"Plan", b'"Pl\nan"', 1), 6),  # a line break inside a cell: still one row
        (lambda data: data.replace(b"\r\nr2,", b"\r\nr2,x,", 1), 6),  # a row wider than the header
        (lambda data: data.replace(b"note", "n\xf6te".encode("cp1252"), 1), 6),  # not UTF-8
    ],
)
def test_files_the_columnar_reader_cannot_number_go_the_general_way_with_true_row_numbers(change, row):
    rows = long_rows("comment")
    rows.insert(5, ["", "O1", "SMB", "Plan", 3, 3, "x"])
    data = change(csv_bytes(rows))
    assert read_columns(data, "long.csv") is None
    result = import_survey(data, "long.csv")
    assert f"was skipped (row {row})" in messages(result.report)


# --- 12.1: a responses table read by columns -------------------------------------------------------------

WIDE_HEADER = ["respondent_id", "imp_O1", "sat_O1", "Importance: O2", "sat_O2", "segment", ""]
ID_CELLS = ["r1", "r2", "r3", "", " r4 ", "r1"]
RATING_CELLS = [
    "1",
    "2",
    "3",
    "4",
    "5",
    "",
    "N/A",
    "9",
    "3.5",
    "-1",
    " 4",
    "Very important",
    "Not at all satisfied",
    "10",
]


def assert_same_import(data: bytes, file_name: str) -> None:
    """The import of ``data`` (by columns when the columnar reader takes it) equals the general reader's."""
    result = import_survey(data, file_name)
    survey, report = general_path(data, file_name)
    assert result.report.to_dict() == report.to_dict()
    if survey is None:
        assert result.survey is None
        return
    assert result.survey is not None
    for name in ("respondents", "outcomes", "steps", "attribute_catalogue"):
        pd.testing.assert_frame_equal(getattr(result.survey, name), getattr(survey, name))
    pd.testing.assert_frame_equal(
        result.survey.ratings.astype({"respondent_id": str, "outcome_id": str}),
        survey.ratings.astype({"respondent_id": str, "outcome_id": str}),
    )


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(ID_CELLS),
            *[st.sampled_from(RATING_CELLS[:8]) for _ in range(2)],
            *[st.sampled_from(RATING_CELLS) for _ in range(2)],
            st.sampled_from(["A", "B", ""]),
            st.sampled_from(["", "x"]),
        ),
        min_size=1,
        max_size=30,
    ),
    st.sampled_from([",", ";"]),
)
def test_a_responses_csv_read_by_columns_gives_the_general_readers_result_and_report(rows, delimiter):
    """Blank, repeated and padded ids, labels, out-of-scale and fractional codes, a 10 (another
    scale), an attribute and a column without a header: every count, row number and score is the
    general reader's."""
    rows = [list(row) for row in rows]
    data = csv_bytes([WIDE_HEADER, *rows], delimiter=delimiter)
    if all(any(cell.strip() for cell in row) for row in rows):  # a blank row goes the general way
        assert read_columns(data, "wide.csv") is not None
    assert_same_import(data, "wide.csv")


def test_a_responses_csv_is_read_by_columns_with_its_row_numbers():
    rows = [["respondent_id", "imp_A", "sat_A", "imp_B", "sat_B", "region"]]
    rows += [
        [f"R{i}", 1 + i % 5, 1 + (i * 3) % 5, 1 + (i * 7) % 5, "", "North" if i % 2 else "South"] for i in range(400)
    ]
    rows[300][1] = "11"  # out of scale, far below the first rows
    rows[350][0] = ""  # no id: named after its line
    data = csv_bytes(rows)
    columnar = read_columns(data, "wide.csv")
    assert columnar is not None and columnar[0].layout == "canonical responses table"
    result = import_survey(data, "wide.csv")
    assert result.ok, result.report.to_text()
    assert "1 row has no respondent_id; it was given an id from its row number (row351)" in messages(result.report)
    assert result.report.invalid_totals()
    assert_same_import(data, "wide.csv")


def test_a_wide_parquet_file_is_read_by_columns_like_the_general_reader(tmp_path):
    frame = pd.DataFrame(
        {
            "respondent_id": ["r1", "r2", None, "r4"],
            "imp_O1": [5, 4, None, 9],
            "sat_O1": [1.0, 2.5, 3.0, None],
            "imp_O2": ["Very important", "3", "", "2"],
            "sat_O2": [2, 2, 2, 2],
            "segment": ["A", "B", "A", None],
        }
    )
    data = _parquet(tmp_path, frame).read_bytes()
    assert read_columns(data, "wide.parquet") is not None
    assert_same_import(data, "wide.parquet")
    blank_row = _parquet(tmp_path, pd.concat([frame, pd.DataFrame([[None] * 6], columns=frame.columns)])).read_bytes()
    assert read_columns(blank_row, "wide.parquet") is None  # a row of nulls: the general reader numbers the rows
    assert_same_import(blank_row, "wide.parquet")


# --- 12.3: Parquet ------------------------------------------------------------------------------------


def _parquet(tmp_path: Path, frame: pd.DataFrame) -> Path:
    path = tmp_path / "survey.parquet"
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)
    return path


def test_a_long_parquet_file_imports_like_the_csv(tmp_path):
    rows = long_rows()
    frame = pd.DataFrame(rows[1:], columns=rows[0])
    path = _parquet(tmp_path, frame)
    result = import_survey(path)
    assert result.ok, result.report.to_text()
    assert result.report.format == "canonical long table"
    assert ratings_of(result.survey) == RATINGS
    assert result.survey.attribute_catalogue["original_header"].tolist() == ["segment"]
    assert "Read as a Parquet file." in result.report.notes


def test_a_wide_parquet_file_with_nulls_imports(tmp_path):
    frame = pd.DataFrame(
        {
            "respondent_id": [101, 102, 103],
            "segment": ["A", None, "B"],
            "imp_O1": [5, 4, None],
            "sat_O1": [1.0, 2.0, 3.0],
            "imp_O2": ["Very important", "Not at all important", "Important"],
            "sat_O2": [4, 5, 1],
        }
    )
    result = import_survey(_parquet(tmp_path, frame))
    assert result.ok, result.report.to_text()
    assert result.report.format == "canonical responses table"
    assert result.survey.respondents["respondent_id"].tolist() == ["101", "102", "103"]
    got = ratings_of_nullable(result.survey)
    assert got[("101", "O1")] == (5, 1) and got[("103", "O1")] == (None, 3) and got[("102", "O2")] == (1, 5)


def ratings_of_nullable(survey) -> dict:
    def value(v):
        return None if pd.isna(v) else int(v)

    return {
        (r.respondent_id, r.outcome_id): (value(r.importance), value(r.satisfaction))
        for r in survey.ratings.itertuples()
    }


def test_the_cli_scores_a_parquet_file_and_a_damaged_one_is_explained(tmp_path):
    rows = long_rows()
    path = _parquet(tmp_path, pd.DataFrame(rows[1:], columns=rows[0]))
    result = subprocess.run(
        [sys.executable, "-m", "core", "score", str(path), "--format", "json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert {r["outcome_id"] for r in json.loads(result.stdout)} == {"O1", "O2", "O3"}
    damaged = tmp_path / "damaged.parquet"
    damaged.write_bytes(path.read_bytes()[:200])
    refused = import_survey(damaged)
    assert not refused.ok
    assert "could not be read as a Parquet file" in messages(refused.report)
    assert "Traceback" not in messages(refused.report)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=6), min_size=1, max_size=20))
def test_arrow_finds_exactly_the_texts_python_would_change(texts):
    """The columnar reader skips id cleaning for plain texts; Arrow must agree with ``str.isspace``."""
    uniques = np.array(texts, dtype=object)
    expected = [t != "" and not any(c.isspace() for c in t) for t in texts]
    assert plain_texts(uniques).tolist() == expected
    assert [id_text(t) == t for t, plain in zip(texts, expected, strict=True) if plain] == [True] * sum(expected)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 30), max_size=40), st.sampled_from([31, 5_000_000]), st.booleans())
def test_repeated_rows_are_exactly_the_ones_pandas_calls_duplicated(keys, n_keys, distinct):
    """The count per key decides only that nothing repeats; otherwise (or when the keys are too
    sparse to count) every repeat after the first is found, in order, as pandas finds it."""
    keys = np.array(sorted(set(keys)) if distinct else keys, dtype=np.int64)
    assert repeated(keys, n_keys).tolist() == pd.Series(keys, dtype=np.int64).duplicated().tolist()


def test_a_repeat_in_a_long_csv_read_by_columns_names_its_row():
    """The columnar reader numbers rows without an array per row; a repeated pair far down the
    file, and a row without an id, are named by their line."""
    rows = [["respondent_id", "outcome_id", "importance", "satisfaction"]]
    rows += [[f"R{i}", f"O{k}", 1 + (i + k) % 5, 1 + i % 5] for i in range(1, 401) for k in range(1, 4)]
    rows.insert(1000, ["R7", "O2", 5, 5])  # line 1000 repeats R7 / O2
    rows.insert(1100, ["", "O1", 5, 5])
    data = csv_bytes(rows)
    assert read_columns(data, "long.csv") is not None  # the columnar reader takes this file
    result = import_survey(data, "long.csv")
    text = messages(result.report)
    assert "1 row repeats a respondent and outcome already seen; the first row was kept (row 1001)" in text
    assert "1 row has no respondent_id or no outcome_id and was skipped (row 1101)" in text
    assert result.survey is not None and len(result.survey.ratings) == 1200


@pytest.mark.parametrize("layout", ["long", "wide"])
def test_counts_in_the_skipped_rows_messages_read_as_numbers_of_rows(layout):
    """Many skipped rows are counted with thousands separators and named in the plural ("1,200
    rows repeat …, rows 1202, 1203, …"); one is named in the singular (the tests above)."""
    if layout == "long":
        rows = [["respondent_id", "outcome_id", "importance", "satisfaction"]]
        rows += [[f"R{i}", f"O{k}", 1 + (i + k) % 5, 1 + i % 5] for i in range(1, 401) for k in range(1, 4)]
        rows += [*rows[1:], ["", "O1", 5, 5], ["R1", "", 5, 5]]  # lines 1202-2401 repeat 2-1201
        text = messages(import_survey(csv_bytes(rows), "long.csv").report)
        assert (
            "1,200 rows repeat a respondent and outcome already seen; the first row was kept "
            "(rows 1202, 1203, 1204, 1205, 1206, …)"
        ) in text
        assert "2 rows have no respondent_id or no outcome_id and were skipped (rows 2402, 2403)" in text
    else:
        rows = [["respondent_id", "imp_O1", "sat_O1"]] + [[f"R{i}", 1 + i % 5, 1 + i % 4] for i in range(1, 41)]
        rows[7][0] = rows[9][0] = ""
        text = messages(import_survey(csv_bytes(rows), "wide.csv").report)
        assert "2 rows have no respondent_id; they were given ids from their row number (row8, row10)" in text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["1", "2", "5", "", " ", "x", "\x00", "\x7f", "10", "é"]), max_size=40),
    st.lists(st.integers(0, 40), max_size=4),
    st.booleans(),
    st.integers(0, 3),
)
def test_single_characters_code_a_column_as_its_dictionary_does(texts, cuts, large, skip):
    """Coded from its bytes, a column of single characters gets the codes and first-appearance
    order a hashed dictionary gives, however Arrow chunked (and sliced) it; any longer or
    non-ASCII value leaves the column to the dictionary."""
    kind = pa.large_string() if large else pa.string()
    whole = pa.array(["9"] * skip + texts, type=kind).slice(skip)  # a chunk that starts past its buffers' start
    bounds = sorted({0, len(texts), *(c for c in cuts if c <= len(texts))})
    column = pa.chunked_array([whole.slice(a, b - a) for a, b in itertools.pairwise(bounds)], type=kind)
    hashed = Coded.of_arrow(column.dictionary_encode())
    coded = single_characters(column)
    if any(len(t.encode()) > 1 for t in texts):
        assert coded is None
        return
    assert coded is not None
    assert coded.codes.dtype == np.int32
    assert coded.codes.tolist() == hashed.codes.tolist()
    assert coded.uniques.tolist() == hashed.uniques.tolist()
    assert Coded.of_arrow(column).codes.tolist() == hashed.codes.tolist()


def test_a_long_csv_whose_ratings_run_past_one_character_further_down_reads_them_all():
    """The first rows decide that a rating column is read as characters; a 10 far below (a 1–10
    scale) still counts, as the general reader counts it."""
    rows = [["respondent_id", "outcome_id", "importance", "satisfaction"]]
    rows += [[f"R{i}", f"O{k}", 1 + (i + k) % 9, 1 + i % 9] for i in range(1, 201) for k in range(1, 4)]
    rows[500][2] = 10
    data = csv_bytes(rows)
    assert read_columns(data, "long.csv") is not None
    result = import_survey(data, "long.csv")
    survey, report = general_path(data, "long.csv")
    assert result.report.to_dict() == report.to_dict()
    assert ratings_of(result.survey) == ratings_of(survey)
    assert result.survey is not None and result.survey.scale.name == "1-10"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-1, 6), max_size=50), st.integers(1, 7))
def test_codes_counted_in_blocks_are_counted_once_each(codes, block):
    """Counting a block of rows at a time gives the one-pass count, missing cells (-1) first,
    whatever the block size and however the blocks fall."""
    array = np.array(codes, dtype=np.int32)
    assert counted(array, 7, block=block).tolist() == np.bincount(array + 1, minlength=8).tolist()
    where = np.arange(len(array)) % 3 != 1  # only the rows picked, wherever the blocks fall
    assert counted(array, 7, block=block, where=where).tolist() == np.bincount(array[where] + 1, minlength=8).tolist()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(-1, 6), max_size=60), st.integers(1, 9), st.booleans())
def test_first_rows_read_in_blocks_are_each_codes_first_row(codes, block, grouped):
    """Only rows that change code are looked at, a block at a time, stopping once every code is
    seen; the first row of each code is still the first, and an absent code gets len(codes)."""
    array = np.array(sorted(codes) if grouped else codes, dtype=np.int32)
    expected = [array.tolist().index(c) if c in array else len(array) for c in range(7)]
    assert first_rows(array, 7, block=block).tolist() == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(-1, 4), st.integers(-1, 4)), max_size=40), st.integers(1, 9), st.booleans())
def test_increasing_pairs_is_true_exactly_when_no_pair_repeats_in_sorted_order(pairs, block, ordered):
    """The shortcut may say "no repeats" only for pairs that strictly increase row by row, and
    must say it for every such table, whatever the block size."""
    pairs = sorted(set(pairs)) if ordered else pairs
    major = np.array([p[0] for p in pairs], dtype=np.int32)
    minor = np.array([p[1] for p in pairs], dtype=np.int32)
    assert increasing_pairs(major, minor, block=block) == all(a < b for a, b in itertools.pairwise(pairs))


def test_an_unsorted_long_csv_still_finds_its_repeats():
    """A table not sorted by respondent and outcome takes the count of every pair: a repeat is named."""
    rows = [["respondent_id", "outcome_id", "importance", "satisfaction"]]
    rows += [[f"R{i}", f"O{k}", 3, 3] for k in range(1, 4) for i in range(1, 51)]  # by outcome, then respondent
    rows.insert(60, ["R2", "O1", 5, 5])
    result = import_survey(csv_bytes(rows), "by_outcome.csv")
    assert "1 row repeats a respondent and outcome already seen; the first row was kept (row 61)" in messages(
        result.report
    )
    assert result.survey is not None and len(result.survey.ratings) == 150
