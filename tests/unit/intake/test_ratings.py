"""Rating cells, label sets and scales: core.intake.ratings, core.intake.labels, core.intake.scales."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from core.intake import ratings
from core.intake.labels import label_book, normalise_text
from core.intake.ratings import parse_cell, parse_column, resolve_column
from core.intake.scales import DEFAULT_SCALE, SCALES, detect_scale, parse_scale


def resolve(values, scale=DEFAULT_SCALE, family=None):
    column = resolve_column(parse_column(values), scale, family)
    return [None if p < 0 else int(p) for p in column.points], column.reasons


# --- parse_cell ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        (4, 4.0),
        (4.0, 4.0),
        (np.int64(3), 3.0),
        (np.float64(2.0), 2.0),
        ("4", 4.0),
        (" 4 ", 4.0),
        ("4.0", 4.0),
        ("4,0", 4.0),
        ("\xa05\xa0", 5.0),
        ("+3", 3.0),
        ("2.5", 2.5),
        ("-99", -99.0),
        ("5 - Extremely important", 5.0),
        ("1 – Never", 1.0),
        ("3: neutral", 3.0),
        ("4) agree", 4.0),
    ],
)
def test_parse_cell_reads_numbers_in_every_form(raw, number):
    assert parse_cell(raw) == ratings.Cell(number=number)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (None, ratings.BLANK),
        ("", ratings.BLANK),
        ("   ", ratings.BLANK),
        (float("nan"), ratings.BLANK),
        ("N/A", ratings.NOT_APPLICABLE),
        ("n/a", ratings.NOT_APPLICABLE),
        ("Don't know", ratings.NOT_APPLICABLE),
        ("Don’t know", ratings.NOT_APPLICABLE),
        ("Prefer not to say", ratings.NOT_APPLICABLE),
        ("Not applicable", ratings.NOT_APPLICABLE),
        ("#DIV/0!", ratings.ERROR_CELL),
        ("#VALUE!", ratings.ERROR_CELL),
        ("#REF!", ratings.ERROR_CELL),
        (True, ratings.UNKNOWN_TEXT),
        ("=SUM(B2:B9)", ratings.FORMULA),
    ],
)
def test_parse_cell_gives_a_reason_for_non_ratings(raw, reason):
    assert parse_cell(raw).reason == reason


def test_parse_cell_keeps_label_text_normalised():
    assert parse_cell("  <b>Very&nbsp;Important</b> ").label == "very important"
    assert parse_cell("Extremely   satisfied").label == "extremely satisfied"


# --- resolve_column ------------------------------------------------------------------------------


def test_invalid_codes_are_missing_never_zero_and_counted_by_reason():
    values = [1, 5, 0, 6, -99, "", None, "N/A", "Don't know", 2.5, "#DIV/0!", "banana", 3.0, " 2 "]
    points, reasons = resolve(values)
    assert points == [1, 5] + [None] * 10 + [3, 2]
    assert 0 not in points
    assert reasons == Counter(
        {
            ratings.OUT_OF_SCALE: 2,
            ratings.NEGATIVE: 1,
            ratings.BLANK: 2,
            ratings.NOT_APPLICABLE: 2,
            ratings.FRACTION: 1,
            ratings.ERROR_CELL: 1,
            ratings.UNKNOWN_TEXT: 1,
        }
    )


@pytest.mark.parametrize(
    ("scale", "valid", "invalid"),
    [
        ("1-5", [1, 5], [0, 6]),
        ("1-7", [1, 6, 7], [0, 8]),
        ("1-10", [1, 9, 10], [0, 11]),
        ("0-10", [0, 9, 10], [11, -1]),
    ],
)
def test_scale_bounds_decide_validity(scale, valid, invalid):
    points, reasons = resolve(valid + invalid, SCALES[scale])
    assert points == valid + [None] * len(invalid)
    assert sum(reasons.values()) == len(invalid)


@pytest.mark.parametrize(
    ("family", "labels"),
    [
        (
            "importance",
            [
                "Not at all important",
                "Slightly important",
                "Moderately important",
                "Very important",
                "Extremely important",
            ],
        ),
        ("importance", ["Not important", "Slightly important", "Moderately important", "Important", "Very important"]),
        (
            "importance",
            [
                "Not at all Important",
                "Slightly Important",
                "Moderately Important",
                "Very Important",
                "Extremely Important",
            ],
        ),
        (
            "satisfaction",
            [
                "Not at all satisfied",
                "Slightly satisfied",
                "Moderately satisfied",
                "Very satisfied",
                "Completely satisfied",
            ],
        ),
        (
            "satisfaction",
            [
                "Extremely dissatisfied",
                "Somewhat dissatisfied",
                "Neither satisfied nor dissatisfied",
                "Somewhat satisfied",
                "Extremely satisfied",
            ],
        ),
        ("satisfaction", ["Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"]),
        (
            "satisfaction",
            [
                "Very dissatisfied",
                "Somewhat dissatisfied",
                "Neither satisfied nor dissatisfied",
                "Somewhat satisfied",
                "Very satisfied",
            ],
        ),
    ],
)
def test_label_sets_map_to_one_through_five(family, labels):
    column = resolve_column(parse_column(list(reversed(labels)) * 2), DEFAULT_SCALE, family)
    assert column.points.tolist() == [5, 4, 3, 2, 1] * 2
    assert column.label_family == family
    assert not column.reasons


def test_unknown_labels_in_a_labelled_column_are_counted():
    points, reasons = resolve(["Very important", "Extremely important", "Sort of", "N/A"], family="importance")
    assert points == [4, 5, None, None]
    assert reasons == Counter({ratings.UNKNOWN_TEXT: 1, ratings.NOT_APPLICABLE: 1})


def test_labels_on_a_longer_scale_are_not_guessed():
    points, reasons = resolve(["Very important", 7], SCALES["1-7"], "importance")
    assert points == [None, 7]
    assert reasons == Counter({ratings.LABEL_OFF_SCALE: 1})


def test_each_distinct_value_is_classified_once(monkeypatch):
    calls = []
    original = ratings.parse_cell
    monkeypatch.setattr(ratings, "parse_cell", lambda raw: calls.append(raw) or original(raw))
    parse_column([1, 2, 2, "N/A", 1, None] * 1000)
    assert len(calls) == 3  # None is the NaN sentinel, never parsed


# --- labels ----------------------------------------------------------------------------------------


def test_normalise_text_rules():
    assert normalise_text("  Very\xa0 <i>Important</i>\t") == "very important"
    assert normalise_text("1 – Never") == "1 - never"
    assert normalise_text("Don’t know") == "don't know"
    assert normalise_text("ＦＵＬＬ width") == "full width"


def test_label_book_is_consistent():
    book = label_book()
    families = {s.family for s in book.sets}
    assert {"importance", "satisfaction"} <= families
    for label_set in book.sets:
        assert set(label_set.points.values()) == {1, 2, 3, 4, 5}, label_set.key
        assert not label_set.points.keys() & book.missing, label_set.key
        assert all(label == normalise_text(label) for label in label_set.points), label_set.key


# --- scales ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "name"), [("1-5", "1-5"), ("1–7", "1-7"), ("0..10", "0-10"), (" 1 to 10 ", "1-10")])
def test_parse_scale(text, name):
    assert parse_scale(text).name == name


@pytest.mark.parametrize("text", ["1-6", "", "five", "2-5"])
def test_parse_scale_refuses_unknown_scales(text):
    with pytest.raises(ValueError, match="Unknown scale"):
        parse_scale(text)


@pytest.mark.parametrize(
    ("counts", "has_labels", "expected"),
    [
        (Counter({1: 10, 2: 10, 3: 10, 4: 10, 5: 10}), False, "1-5"),
        (Counter({1: 100, 2: 100, 3: 100, 4: 100, 5: 100, 0: 30, 6: 30}), False, "1-5"),
        (Counter({v: 10 for v in range(1, 8)}), False, "1-7"),
        (Counter({v: 10 for v in range(1, 11)}), False, "1-10"),
        (Counter({v: 10 for v in range(0, 11)}), False, "0-10"),
        (Counter({v: 10 for v in range(1, 8)}), True, "1-5"),
        (Counter(), False, "1-5"),
    ],
)
def test_detect_scale(counts, has_labels, expected):
    scale, why = detect_scale(counts, has_labels)
    assert scale.name == expected
    assert expected in why


def test_top_two_box_points():
    assert {name: s.top_points for name, s in SCALES.items()} == {
        "1-5": (4, 5),
        "1-7": (6, 7),
        "1-10": (9, 10),
        "0-10": (9, 10),
    }
