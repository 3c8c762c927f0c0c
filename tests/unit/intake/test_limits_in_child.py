"""Issue 12: inside the bounded reading child, a sheet without a declared dimension is not scanned
before the read (a third of the read's time); the child's memory limit guards the allocation the
scan guarded, the sheets as read are held to the same limits, and a read stopped for memory is
measured in a second child so that the message still names the limit the file is beyond.
"""

from __future__ import annotations

import pytest

from core.intake.importers.reading import UnreadableFile, read_source
from core.intake.importers.spreadsheet_limits import MAX_COLUMNS, TooLarge, check_source
from core.intake.isolation import in_bounded_child, run_bounded
from core.intake.upload_check import import_bounded
from tests.hostile_files import dimension_bomb, too_wide

WIDE = MAX_COLUMNS + 100


def _extents(data: bytes, *, channel) -> list:
    return [(in_bounded_child(), extent.measured) for extent in check_source(data, "bomb.xlsx")]


def test_only_the_bounded_child_leaves_a_sheet_without_a_dimension_unmeasured():
    assert run_bounded(_extents, too_wide(10, declare=True), what="Checking") == [(True, True)]
    assert run_bounded(_extents, dimension_bomb("none"), what="Checking") == [(True, False)]
    assert not in_bounded_child()
    with pytest.raises(TooLarge, match=r"16,384 columns \(limit 2,000\)"):  # in this process: measured first
        check_source(dimension_bomb("none"), "bomb.xlsx")


def test_the_undeclared_dimension_bomb_is_refused_naming_its_size_through_the_child():
    result = import_bounded(dimension_bomb("none"), "bomb.xlsx")
    assert not result.ok
    (error,) = result.report.errors
    assert "bomb.xlsx has a sheet (xl/worksheets/sheet1.xml) that spans 1,048,576 rows × 16,384 columns" in error.text
    assert "16,384 columns (limit 2,000)" in error.text and error.fix


def test_a_sheet_read_unmeasured_is_held_to_the_limits_after_the_read():
    data = too_wide(WIDE)
    unmeasured = check_source(data, "wide.xlsx", measure=False)
    assert [e.measured for e in unmeasured] == [False]
    with pytest.raises(UnreadableFile) as refused:
        read_source(data, "wide.xlsx", checked=unmeasured)
    assert f"wide.xlsx has a sheet (responses) that spans 3 rows × {WIDE:,} columns" in refused.value.problem
    assert f"{WIDE:,} columns (limit {MAX_COLUMNS:,})" in refused.value.problem

    result = import_bounded(data, "wide.xlsx")  # the same refusal through the child, from the sheet as read
    (error,) = result.report.errors
    assert f"spans 3 rows × {WIDE:,} columns" in error.text and "(responses)" in error.text
