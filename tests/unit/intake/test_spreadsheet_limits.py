"""Issue 9.1: files beyond the documented limits are refused before any cell is read.

Without the check, reading the dimension bomb in this process would abort pytest itself
(python-calamine asks for 512 GiB); here it is a report error naming what was seen and the limit.
"""

from __future__ import annotations

import time

import pytest

from core.intake import limits as survey_limits
from core.intake.importers import import_survey
from core.intake.importers import spreadsheet_limits as limits
from core.intake.importers.spreadsheet_limits import TooLarge, check_text, check_workbook
from core.intake.loading import sample_files
from core.intake.upload_check import check_in_process
from tests.hostile_files import FIXTURES, dimension_bomb, shared_strings_bomb, unique_count_bomb
from tests.unit.xlsx_helpers import xlsx_bytes


def refused(data: bytes, name: str = "bomb.xlsx") -> str:
    result = import_survey(data, name)
    assert not result.ok and result.survey is None
    (error,) = result.report.errors
    assert error.fix, "a refusal says what to do"
    return error.text


@pytest.mark.parametrize("declare", ["truth", "none"])
def test_the_dimension_bomb_is_refused_naming_its_size_and_the_limit(declare):
    text = refused(dimension_bomb(declare))
    assert "1,048,576 rows × 16,384 columns" in text
    assert "16,384 columns (limit 2,000)" in text and "(limit 20,000,000)" in text


def test_the_committed_fixtures_are_the_generated_bombs():
    assert (FIXTURES / "dimension_bomb.xlsx").read_bytes()[:4] == b"PK\x03\x04"
    assert "16,384 columns" in refused((FIXTURES / "dimension_bomb.xlsx").read_bytes())
    assert "16,384 columns" in refused((FIXTURES / "dimension_bomb_undeclared.xlsx").read_bytes())


def test_a_zip_bomb_of_shared_strings_is_refused_by_its_packing_ratio_at_once():
    bomb = shared_strings_bomb(64)
    assert len(bomb) < 400_000
    start = time.perf_counter()
    text = refused(bomb)
    assert time.perf_counter() - start < 1.0
    assert "zip bomb" in text and "xl/sharedStrings.xml" in text and "64.0 MiB" in text
    assert f"at most {limits.MAX_RATIO} times" in text


def test_a_workbook_unpacking_beyond_the_total_limit_is_refused(monkeypatch):
    bomb = shared_strings_bomb(8)
    monkeypatch.setattr(limits, "MAX_UNPACKED", 4 << 20)  # the same rule as 1 GiB, on a file quick to make
    text = refused(bomb)
    assert "unpacks from" in text and "to 8.0 MiB" in text and "up to 4.0 MiB unpacked" in text


def test_a_huge_shared_strings_table_is_refused_before_a_reader_sizes_it():
    text = refused(unique_count_bomb())
    assert "1,000,000,000 different texts" in text and "xl/sharedStrings.xml" in text


def test_real_workbooks_pass_and_their_extent_is_what_they_hold():
    for sample in sample_files():
        extents = check_workbook(sample.read_bytes(), sample.name)
        assert extents and all(e.cells <= limits.MAX_CELLS for e in extents)
    rows = [["respondent_id", *[f"imp_{i}" for i in range(30)]]] + [[f"R{r}", *range(30)] for r in range(40)]
    (extent,) = check_workbook(xlsx_bytes({"responses": rows}), "small.xlsx")
    assert (extent.rows, extent.columns) == (41, 31)


def test_a_sheet_without_a_dimension_is_measured_from_its_cells():
    from core.workspace.xlsx_stream import write_xlsx

    rows = [["id", *[f"c{i}" for i in range(749)]]] + [[f"R{r}", *range(749)] for r in range(300)]
    data = write_xlsx({"responses": rows})
    (extent,) = check_workbook(data, "stream.xlsx")
    assert not extent.declared and (extent.rows, extent.columns) == (301, 750)


def test_a_workbook_lying_about_its_dimension_passes_the_check(tmp_path):
    """What the check cannot see is for the reading process's memory limit (test_isolation)."""
    check_workbook(dimension_bomb("lie"), "lying.xlsx")


def test_a_text_file_beyond_the_line_limit_is_refused(monkeypatch):
    """A text file read as rows of cells (every layout but a plain canonical table) is bounded in lines."""
    monkeypatch.setattr(limits, "MAX_ROWS", 1000)
    data = b"respondent_id,imp_A,sat_A\n" + b"R,5,4\n" * 1500
    data = (
        b"respondent_id,imp_A,sat_A\n" + b'"R\n1",5,4\n' + b"R,5,4\n" * 1499
    )  # a line break in a cell: rows, not columns
    with pytest.raises(TooLarge, match=r"1,503 lines of 3 fields"):
        check_text(data, "wide.csv")
    assert "1,503 lines" in refused(data, "wide.csv")
    checked = check_in_process(data, "wide.csv", lambda proposal: (None, None))  # the app's check
    assert checked.result is not None and "1,503 lines" in checked.result.report.errors[0].text


def long_table(respondents: int, outcomes: int) -> bytes:
    lines = [f"R{r},O{o},{(r + o) % 5 + 1},{(r * o) % 5 + 1}" for r in range(respondents) for o in range(outcomes)]
    return ("respondent_id,outcome_id,importance,satisfaction\n" + "\n".join(lines) + "\n").encode()


def wide_table(respondents: int, outcomes: int) -> bytes:
    header = ",".join(["respondent_id"] + [f"{m}_O{o}" for o in range(outcomes) for m in ("imp", "sat")])
    lines = [
        ",".join([f"R{r}"] + [f"{(r + o + m) % 5 + 1}" for o in range(outcomes) for m in (0, 1)])
        for r in range(respondents)
    ]
    return (header + "\n" + "\n".join(lines) + "\n").encode()


@pytest.mark.parametrize(
    ("table", "layout", "size"),
    [(long_table, "canonical long table", (60, 25)), (wide_table, "canonical responses table", (1501, 2))],
)
def test_a_plain_canonical_table_past_the_line_limit_is_read_by_columns(monkeypatch, table, layout, size):
    """Issue 12: a long table holds one line per rating, so Excel's sheet height (the row reader's
    limit) must not refuse it, nor a responses table read without a Python object per cell: the
    columnar reader takes both, in the CLI's import and the app's check alike, and the survey's
    own limits (ratings, respondents) still apply."""
    monkeypatch.setattr(limits, "MAX_ROWS", 1000)
    data = table(*size)  # 1,501 lines or more, and the end
    with pytest.raises(TooLarge, match=r"lines"):
        check_text(data, "survey.csv")
    imported = import_survey(data, "survey.csv")
    assert imported.ok, imported.report.to_text()
    assert imported.report.respondents * len(imported.survey.outcomes) == size[0] * size[1]
    checked = check_in_process(data, "survey.csv", lambda proposal: (None, None))
    assert checked.proposal.layout == layout and checked.result is not None
    assert checked.result.ok and checked.result.report.to_dict() == imported.report.to_dict()
    monkeypatch.setattr(survey_limits, "MAX_RATINGS", 1000)
    assert "ratings" in refused(data, "survey.csv")


def test_a_text_file_beyond_the_cell_limit_is_refused(monkeypatch):
    monkeypatch.setattr(limits, "MAX_CELLS", 10_000)
    header = ",".join(f"c{i}" for i in range(200)).encode()
    data = header + b"\n" + (b"1," * 199 + b"1\n") * 60
    assert "limits are" in refused(data, "wide.csv") and "10,000 cells" in refused(data, "wide.csv")
