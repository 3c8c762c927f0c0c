"""Reading measurement values and pasted or uploaded CSV text (core.strategy.metric_values,
core.strategy.metric_csv): decimal comma, %, date formats, and every bad row named."""

from __future__ import annotations

import datetime as dt

import pytest

from core.strategy.metric_csv import MeasurementFileError, decode, parse_measurements
from core.strategy.metric_values import ValueProblem, parse_date, parse_number

NAMES = {"met_a": "met_a", "retention": "met_a", "met_b": "met_b", "margin": "met_b"}


@pytest.mark.parametrize(
    ("text", "number"),
    [("42", 42.0), ("12,5", 12.5), ("12.5", 12.5), ("45 %", 45.0), ("45%", 45.0), ("-3", -3.0),
     ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("€ 1 200", 1200.0), ("1\u00a0200,75 €", 1200.75), (7, 7.0)],
)  # fmt: skip
def test_numbers_as_people_type_them(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["abc", "", "1,2,3", "nan", "inf", "12 apples", True])
def test_what_is_not_a_number_is_refused_with_the_text_seen(text):
    with pytest.raises(ValueProblem, match="number"):
        parse_number(text)


@pytest.mark.parametrize(
    ("text", "day"),
    [("2026-01-31", dt.date(2026, 1, 31)), ("2026/1/31", dt.date(2026, 1, 31)), ("31.01.2026", dt.date(2026, 1, 31)),
     ("31/01/2026", dt.date(2026, 1, 31)), ("01/31/2026", dt.date(2026, 1, 31)), ("31 Jan 2026", dt.date(2026, 1, 31)),
     ("Jan 31, 2026", dt.date(2026, 1, 31)), ("January 31 2026", dt.date(2026, 1, 31)),
     ("2026-01-31 00:00:00", dt.date(2026, 1, 31)),
     ("2026-01-31T00:00:00.000Z", dt.date(2026, 1, 31)), (dt.datetime(2026, 1, 31), dt.date(2026, 1, 31)),
     ("04/04/2026", dt.date(2026, 4, 4))],
)  # fmt: skip
def test_dates_in_common_formats(text, day):
    assert parse_date(text) == day


@pytest.mark.parametrize(
    ("text", "problem"),
    [("03/04/2026", "could be 3 April or 4 March"), ("2026-02-30", "not a day of the calendar"),
     ("31.13.2026", "not a day"), ("1850-01-01", "year 1850"), ("yesterday", "not a date"),
     ("2026-01-31 14:00", "not a date")],
)  # fmt: skip
def test_bad_or_ambiguous_dates_are_refused(text, problem):
    with pytest.raises(ValueProblem, match=problem):
        parse_date(text)


def test_a_header_paste_into_one_metric_with_decimal_commas_and_percent():
    parsed = parse_measurements("Date;Value;Note\n2026-01-31;45,5 %;first\n2026-02-28;47;\n", NAMES, "met_a")
    assert parsed.rows.values.tolist() == [
        ["met_a", dt.date(2026, 1, 31), 45.5, "first"],
        ["met_a", dt.date(2026, 2, 28), 47.0, None],
    ]
    assert parsed.skipped == [] and parsed.lines_read == 2


def test_without_a_header_the_columns_go_in_order_and_tabs_separate():
    parsed = parse_measurements("31.01.2026\t12,5\n28.02.2026\t13\tafter launch\n", NAMES, "met_a")
    assert parsed.rows["value"].tolist() == [12.5, 13.0]
    assert parsed.rows["note"].tolist() == [None, "after launch"]
    everyone = parse_measurements("Retention,2026-01-31,3\nmet_b,2026-01-31,4\n", NAMES)
    assert everyone.rows["metric_id"].tolist() == ["met_a", "met_b"]


def test_every_bad_row_is_skipped_with_its_line_and_what_is_wrong():
    text = (
        "metric,date,value,note,source system\n"
        "Retention,2026-01-31,80,ok,crm\n"  # line 2: kept
        "Nope,2026-01-31,80\n"  # 3: unknown metric
        ",2026-02-01,80\n"  # 4: no metric
        "Margin,,80\n"  # 5: no date
        "Margin,2026-02-01,\n"  # 6: no value
        "Margin,2026-02-30,5\n"  # 7: bad date
        "Margin,2026-03-01,lots\n"  # 8: bad value
        "Margin,2026-03-01,12,5\n"  # 9: a decimal comma split the value
        "\n"  # a blank line is no row
        "Margin,2026-04-01,33\n"  # 11: kept
    )
    parsed = parse_measurements(text, NAMES)
    assert parsed.rows[["metric_id", "value"]].values.tolist() == [["met_a", 80.0], ["met_b", 33.0]]
    lines = [s.split(":")[0] for s in parsed.skipped]
    assert lines == ["Line 3", "Line 4", "Line 5", "Line 6", "Line 7", "Line 8", "Line 9"]
    assert "no metric called “Nope”" in parsed.skipped[0]
    assert "the metric is empty" in parsed.skipped[1]
    assert "date is empty" in parsed.skipped[2] and "value is empty" in parsed.skipped[3]
    assert "not a day of the calendar" in parsed.skipped[4] and "“lots” is not a number" in parsed.skipped[5]
    assert "decimal comma" in parsed.skipped[6]
    assert parsed.ignored_columns == ["source system"]


def test_a_row_for_another_metric_is_not_put_into_the_chosen_one():
    parsed = parse_measurements("metric;date;value\nMargin;2026-01-31;3\n;2026-02-28;4\n", NAMES, "met_a")
    assert parsed.rows["metric_id"].tolist() == ["met_a"]
    assert parsed.skipped == [
        "Line 2: the row is for the metric “Margin”, not the one chosen; import it into that one."
    ]


def test_two_rows_for_the_same_day_keep_the_later_and_report_the_earlier():
    parsed = parse_measurements("date,value\n2026-01-31,1\n2026-02-01,2\n31.01.2026,3\n", NAMES, "met_a")
    assert sorted(parsed.rows["value"].tolist()) == [2.0, 3.0]
    assert parsed.skipped == ["Line 2: the same metric and date as line 4, which is kept."]


def test_slashed_dates_are_read_one_way_for_the_whole_paste():
    parsed = parse_measurements("date,value\n03/04/2026,1\n25/04/2026,2\n", NAMES, "met_a")
    assert parsed.rows["measured_on"].tolist() == [dt.date(2026, 4, 3), dt.date(2026, 4, 25)]
    american = parse_measurements("date,value\n03/04/2026,1\n04/25/2026,2\n", NAMES, "met_a")
    assert american.rows["measured_on"].tolist() == [dt.date(2026, 3, 4), dt.date(2026, 4, 25)]


def test_a_whole_paste_that_cannot_be_read_says_why():
    with pytest.raises(MeasurementFileError, match="nothing to import"):
        parse_measurements("\n  \n", NAMES, "met_a")
    with pytest.raises(MeasurementFileError, match="not a text file"):
        decode(b"PK\x03\x04\x00\x00binary", "book.xlsx")
    assert decode("date;value\n2026-01-31;1\n".encode("utf-8-sig")).startswith("date")
    assert decode("note\nCaf\xe9".encode("cp1252")).endswith("Café")
