"""Property tests: random canonical tables, written as real .xlsx or CSV files, come back exactly.

Each example builds a responses table with random sizes, header spellings, attribute columns and
cells: valid ratings in every accepted form (int, float, text with spaces, decimal comma, Likert
label, "4 - label") and invalid codes at random positions, each with the reason the importer
must give. The import must never raise, must recover exactly the valid ratings, and must count
exactly the invalid cells per column and reason.
"""

from __future__ import annotations

import string
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from core.intake import ratings as reasons
from core.intake.importers import import_survey
from core.intake.importers.assemble import NO_RATINGS
from core.intake.scales import SCALES
from tests.unit.xlsx_helpers import assert_actionable, csv_bytes, xlsx_bytes

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

LABELS = {
    "imp": [
        "Not at all important",
        "Slightly important",
        "Moderately important",
        "Very important",
        "Extremely important",
    ],
    "sat": [
        "Not at all satisfied",
        "Slightly satisfied",
        "Moderately satisfied",
        "Very satisfied",
        "Extremely satisfied",
    ],
}
PREFIXES = {"imp": ["imp", "IMP", "Imp", "importance", "Importance"], "sat": ["sat", "SAT", "Sat", "satisfaction"]}
ATTRIBUTE_VALUES = ["alpha", "Beta x", "é", "10-49", '"; DROP TABLE ratings; --', "a,b", "x;y", "it's"]
ID_HEADERS = ["respondent_id", "Respondent ID", " RESPONDENT_ID ", "respondentid", "Respondent-Id"]
INVALID = [
    (None, reasons.BLANK),
    ("", reasons.BLANK),
    ("   ", reasons.BLANK),
    ("N/A", reasons.NOT_APPLICABLE),
    ("Don't know", reasons.NOT_APPLICABLE),
    ("n/a", reasons.NOT_APPLICABLE),
    ("Prefer not to say", reasons.NOT_APPLICABLE),
    (0, reasons.OUT_OF_SCALE),
    (6, reasons.OUT_OF_SCALE),
    ("6", reasons.OUT_OF_SCALE),
    (0.0, reasons.OUT_OF_SCALE),
    (-99, reasons.NEGATIVE),
    ("-99", reasons.NEGATIVE),
    (-1, reasons.NEGATIVE),
    (2.5, reasons.FRACTION),
    ("3.5", reasons.FRACTION),
    ("#DIV/0!", reasons.ERROR_CELL),
    ("#N/A", reasons.ERROR_CELL),
    ("banana", reasons.UNKNOWN_TEXT),
    ("see, comment", reasons.UNKNOWN_TEXT),
    ("a;b", reasons.UNKNOWN_TEXT),
    ("n/r", reasons.UNKNOWN_TEXT),
]


def spaced(text: str) -> st.SearchStrategy[str]:
    return st.tuples(st.sampled_from(["", " ", "  "]), st.sampled_from(["", " ", "   "])).map(
        lambda pad: f"{pad[0]}{text}{pad[1]}"
    )


def valid_cell(measure: str, point: int) -> st.SearchStrategy[object]:
    """Every accepted spelling of ``point``."""
    label = LABELS[measure][point - 1]
    return st.one_of(
        st.just(point),
        st.just(float(point)),
        st.sampled_from([str(point), f" {point} ", f"{point}.0", f"{point},0", f"\xa0{point}"]),
        st.sampled_from([label, label.upper(), label.lower(), f"  {label} ", f"{point} - {label}"]),
    )


@dataclass
class Cell:
    raw: object
    point: int | None  # the valid rating, or None
    reason: str | None  # why it is missing, when it is


@st.composite
def rating_cell(draw, measure: str) -> Cell:
    if draw(st.integers(0, 3)) == 0:
        raw, reason = draw(st.sampled_from(INVALID))
        return Cell(raw, None, reason)
    point = draw(st.integers(1, 5))
    return Cell(draw(valid_cell(measure, point)), point, None)


@dataclass
class Table:
    """A generated responses table and what the importer must make of it."""

    header: list[str]
    rows: list[list[object]]
    ids: list[str] | None  # None: no id column, the importer numbers the rows
    attributes: list[str]
    outcomes: list[str]  # lower-case outcome keys, in column order
    cells: list[list[tuple[Cell, Cell]]]  # per row, per outcome: (importance, satisfaction)
    invalid: dict[str, Counter] = field(default_factory=dict)  # header text → reasons


def header_text(header: str) -> str:
    return " ".join(header.split())


@st.composite
def responses_tables(draw) -> Table:
    n_rows = draw(st.integers(1, 12))
    keys = draw(
        st.lists(
            st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=5), min_size=1, max_size=4, unique=True
        )
    )
    outcomes = [f"o{key}" for key in keys]
    with_ids = draw(st.booleans())
    n_attributes = draw(st.integers(0, 3))
    attributes = [
        draw(spaced(draw(st.sampled_from([f"Attr {k}", f"ATTR_{k}", f"attr-{k}"])))) for k in range(n_attributes)
    ]
    header = [draw(st.sampled_from(ID_HEADERS))] if with_ids else []
    header += attributes
    for outcome in outcomes:
        for measure in ("imp", "sat"):
            spelling = "".join(c.upper() if draw(st.booleans()) else c for c in outcome)
            sep = draw(st.sampled_from(["_", " ", ":", "-", "."]))
            header.append(draw(spaced(f"{draw(st.sampled_from(PREFIXES[measure]))}{sep}{spelling}")))
    ids = [f"r{i}{draw(st.text(string.ascii_letters, max_size=3))}" for i in range(n_rows)] if with_ids else None
    cells = [[(draw(rating_cell("imp")), draw(rating_cell("sat"))) for _ in outcomes] for _ in range(n_rows)]
    rows = []
    for i in range(n_rows):
        values = [draw(st.sampled_from(ATTRIBUTE_VALUES)) for _ in attributes]
        ratings = [cell.raw for pair in cells[i] for cell in pair]
        rows.append(([ids[i]] if ids else []) + values + ratings)
    table = Table(header, rows, ids, attributes, outcomes, cells)
    if not with_ids and not attributes:  # a row with nothing in it is no respondent
        keep = [
            i
            for i, row in enumerate(rows)
            if any(c.raw is not None and str(c.raw).strip() for pair in cells[i] for c in pair)
        ]
        table.cells = [cells[i] for i in keep]
    rating_headers = header[len(header) - 2 * len(outcomes) :]
    for k, head in enumerate(rating_headers):
        found = Counter(row[k // 2][k % 2].reason for row in table.cells if row[k // 2][k % 2].reason)
        if found:
            table.invalid[header_text(head)] = found
    return table


def write(table: Table, kind: str, delimiter: str, bom: bool, encoding: str, sheet: str) -> tuple[bytes, str]:
    rows = [table.header, *table.rows]
    if kind == "xlsx":
        return xlsx_bytes({"Notes": [["notes"]], sheet: rows}), "responses"
    return csv_bytes(rows, delimiter=delimiter, bom=bom, encoding=encoding), "survey export"


@SETTINGS
@given(
    table=responses_tables(),
    kind=st.sampled_from(["xlsx", "csv"]),
    delimiter=st.sampled_from([",", ";", "\t"]),
    bom=st.booleans(),
    encoding=st.sampled_from(["utf-8", "cp1252"]),
    sheet=st.sampled_from(["responses", "Responses", "RESPONSES", "Export"]),
)
def test_random_responses_tables_come_back_exactly(table, kind, delimiter, bom, encoding, sheet):
    data, stem = write(table, kind, delimiter, bom and encoding == "utf-8", encoding, sheet)
    result = import_survey(data, f"{stem}.{kind}")
    report = result.report
    assert_actionable(report)

    ids = table.ids or [f"R{i + 1:05d}" for i in range(len(table.cells))]
    valid = {
        rid: row
        for rid, row in zip(ids, table.cells, strict=True)
        if any(c.point is not None for pair in row for c in pair)
    }
    dropped = [rid for rid in ids if rid not in valid]
    sheet_name = sheet if kind == "xlsx" else stem
    assert report.invalid_values == {(sheet_name, head): counts for head, counts in table.invalid.items()}
    assert report.rows_read == len(table.cells)
    if not valid:
        problem = "No respondent has a single valid rating" if table.cells else "header but no data rows"
        assert not result.ok and problem in report.errors[0].text
        return
    rated_twice = any(  # an outcome with a valid importance (any respondent) and a valid satisfaction
        any(row[o][0].point is not None for row in table.cells)
        and any(row[o][1].point is not None for row in table.cells)
        for o in range(len(table.outcomes))
    )
    if not rated_twice:  # one rule for "nothing to score", on the cells too (issue 11 item 2)
        assert not result.ok and report.errors[0].text.startswith("Nothing to score:"), report.to_text()
        return
    assert result.ok, report.to_text()
    assert report.scale == "1-5" and result.survey.scale == SCALES["1-5"]
    assert report.dropped_respondents == ({NO_RATINGS: dropped} if dropped else {})
    survey = result.survey
    assert survey.respondents["respondent_id"].tolist() == list(valid)
    assert survey.attribute_catalogue["original_header"].tolist() == [header_text(h) for h in table.attributes]
    expected = {
        (rid, outcome): (imp.point, sat.point)
        for rid, row in valid.items()
        for outcome, (imp, sat) in zip(table.outcomes, row, strict=True)
    }
    got = {
        (r.respondent_id, r.outcome_id.lower()): (
            None if pd.isna(r.importance) else int(r.importance),
            None if pd.isna(r.satisfaction) else int(r.satisfaction),
        )
        for r in survey.ratings.itertuples()
    }
    assert got == expected
    assert survey.outcomes["outcome_id"].str.lower().tolist() == table.outcomes


@st.composite
def long_tables(draw) -> tuple[list[list[object]], dict, Counter, Counter]:
    """A long table with random invalid cells; returns rows, expected ratings and invalid counts."""
    respondents = [f"p{i}" for i in range(draw(st.integers(1, 8)))]
    outcomes = [f"Out{k}" for k in range(draw(st.integers(1, 4)))]
    header = [draw(spaced(h)) for h in ("Respondent_ID", "Outcome_ID", "Importance", "Satisfaction")]
    rows, expected = [header], {}
    invalid = {"imp": Counter(), "sat": Counter()}
    for rid in respondents:
        for outcome in draw(st.permutations(outcomes)):
            imp, sat = draw(rating_cell("imp")), draw(rating_cell("sat"))
            rows.append([rid, outcome, imp.raw, sat.raw])
            expected[(rid, outcome)] = (imp.point, sat.point)
            for measure, cell in (("imp", imp), ("sat", sat)):
                if cell.reason:
                    invalid[measure][cell.reason] += 1
    return rows, expected, invalid["imp"], invalid["sat"]


@settings(max_examples=40, deadline=None)
@given(table=long_tables(), kind=st.sampled_from(["xlsx", "csv"]), delimiter=st.sampled_from([",", ";"]))
def test_random_long_tables_come_back_exactly(table, kind, delimiter):
    rows, expected, imp_invalid, sat_invalid = table
    data = xlsx_bytes({"long": rows}) if kind == "xlsx" else csv_bytes(rows, delimiter=delimiter)
    result = import_survey(data, f"long.{kind}")
    report = result.report
    assert_actionable(report)
    headers = [header_text(h) for h in rows[0]]
    expected_invalid = {("long", headers[2]): imp_invalid, ("long", headers[3]): sat_invalid}
    assert report.invalid_values == {key: counts for key, counts in expected_invalid.items() if counts}
    kept = {
        key: pair
        for key, pair in expected.items()
        if any(p is not None for (rid, _), pr in expected.items() if rid == key[0] for p in pr)
    }
    if not kept:
        assert not result.ok
        return
    importance = {outcome for (_, outcome), (imp, _) in expected.items() if imp is not None}
    satisfaction = {outcome for (_, outcome), (_, sat) in expected.items() if sat is not None}
    if not importance & satisfaction:  # one rule for "nothing to score", on the cells too (issue 11 item 2)
        assert not result.ok and report.errors[0].text.startswith("Nothing to score:"), report.to_text()
        return
    assert result.ok, report.to_text()
    got = {
        (r.respondent_id, r.outcome_id): (
            None if pd.isna(r.importance) else int(r.importance),
            None if pd.isna(r.satisfaction) else int(r.satisfaction),
        )
        for r in result.survey.ratings.itertuples()
    }
    assert got == kept


CELLS = st.one_of(
    st.none(),
    st.integers(-200, 200),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(max_size=12),
    st.sampled_from(
        [
            "imp_a",
            "sat_a",
            "respondent_id",
            "outcome_id",
            "importance",
            "satisfaction",
            "#DIV/0!",
            "=1/0",
            "N/A",
            '"; DROP TABLE ratings; --',
        ]
    ),
)


@settings(max_examples=60, deadline=None)
@given(
    grid=st.lists(st.lists(CELLS, min_size=1, max_size=5), min_size=1, max_size=6),
    kind=st.sampled_from(["xlsx", "csv"]),
)
def test_arbitrary_grids_never_raise(grid, kind):
    if kind == "xlsx":  # openpyxl refuses control characters; CSV keeps them (even NUL)
        grid = [[ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in row] for row in grid]
    data = xlsx_bytes({"responses": grid}) if kind == "xlsx" else csv_bytes(grid)
    result = import_survey(data, f"grid.{kind}")
    assert_actionable(result.report)
    assert result.ok == (result.survey is not None)
    if result.ok:
        values = result.survey.ratings[["importance", "satisfaction"]].stack().dropna().astype(int)
        assert values.between(result.survey.scale.low, result.survey.scale.high).all()


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=400), name=st.sampled_from(["x.xlsx", "x.csv", "x.xls", "upload"]))
def test_arbitrary_bytes_never_raise(data, name):
    result = import_survey(data, name)
    assert result.ok == (result.survey is not None)
    assert_actionable(result.report)
