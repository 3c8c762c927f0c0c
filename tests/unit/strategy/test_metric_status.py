"""The metric status rule (core.strategy.metric_status) at its edges, against hand computations."""

from __future__ import annotations

import datetime as dt

import pytest

from core.strategy.metric_status import AT_RISK, NO_DATA, NO_TARGET, OFF_TRACK, ON_TRACK, metric_status

JAN1, JUL2, DEC31 = dt.date(2026, 1, 1), dt.date(2026, 7, 2), dt.date(2026, 12, 31)


def status(values, *, baseline=10.0, target=20.0, baseline_date=JAN1, target_date=DEC31, lower=False, today=JUL2):
    return metric_status(
        [(d, float(v)) for d, v in values],
        baseline=baseline,
        baseline_date=baseline_date,
        target=target,
        target_date=target_date,
        lower_is_better=lower,
        today=today,
    )


def test_no_measurement_is_no_data_and_no_target_is_no_target():
    assert status([]).status == NO_DATA
    assert status([(JAN1, 12)], target=None).status == NO_TARGET


def test_time_gone_is_the_share_of_days_from_baseline_date_to_target_date():
    # 182 of 364 days gone: exactly one half
    state = status([(JUL2, 15)])
    assert state.time_gone == pytest.approx(182 / 364)
    assert state.progress == pytest.approx(0.5)
    assert state.status == ON_TRACK  # progress 0.5 ≥ time gone 0.5


@pytest.mark.parametrize(
    ("latest", "expected"),
    [(20, ON_TRACK), (15, ON_TRACK), (14.9, AT_RISK), (12.6, AT_RISK), (12.4, OFF_TRACK), (9, OFF_TRACK)],
)
def test_progress_against_time_gone(latest, expected):
    # time gone 0.5: on track from progress 0.5 (15), at risk down to 0.25 (12.5), off track below or backwards
    assert status([(JUL2, latest)]).status == expected


def test_lower_is_better_reads_progress_towards_the_lower_target():
    # baseline 100 → target 60, half the time gone: 80 is half way (on track), 95 is 12.5 % (off track)
    assert status([(JUL2, 80)], baseline=100, target=60, lower=True).status == ON_TRACK
    assert status([(JUL2, 88)], baseline=100, target=60, lower=True).status == AT_RISK
    assert status([(JUL2, 95)], baseline=100, target=60, lower=True).status == OFF_TRACK
    assert status([(JUL2, 55)], baseline=100, target=60, lower=True).status == ON_TRACK  # beyond the target
    assert status([(JUL2, 105)], baseline=100, target=60, lower=True).progress == pytest.approx(-0.125)


def test_baseline_equal_to_target_means_hold_the_level():
    assert status([(JUL2, 20)], baseline=20, target=20).status == ON_TRACK
    assert status([(JUL2, 19.5)], baseline=20, target=20).status == OFF_TRACK
    assert status([(JUL2, 19.5)], baseline=20, target=20, lower=True).status == ON_TRACK


def test_past_the_target_date_without_reaching_it_is_off_track():
    late = dt.date(2027, 1, 1)
    assert status([(JUL2, 19.9)], today=late).status == OFF_TRACK
    assert "has passed" in status([(JUL2, 19.9)], today=late).reason
    assert status([(JUL2, 20)], today=late).status == ON_TRACK
    assert status([(JUL2, 19.9)], today=DEC31).status == AT_RISK  # on the day itself: not passed, 99 % of the way


def test_no_target_date_says_only_whether_we_move_the_right_way():
    assert status([(JUL2, 11)], target_date=None).status == ON_TRACK
    assert status([(JUL2, 10)], target_date=None).status == AT_RISK
    assert status([(JUL2, 9)], target_date=None).status == OFF_TRACK


def test_no_baseline_takes_the_first_measurement_and_its_date():
    # from 10 on Jan 1 to 15 on Jul 2: half way at half the time
    state = status([(JUL2, 15), (JAN1, 10)], baseline=None, baseline_date=None)
    assert state.progress == pytest.approx(0.5) and state.status == ON_TRACK
    # only one measurement: it is the baseline too, no progress yet with half the time gone
    assert status([(JUL2, 10)], baseline=None, baseline_date=None).status == ON_TRACK  # no time gone from its day
    assert status([(JAN1, 10)], baseline=None, baseline_date=None).status == OFF_TRACK


def test_the_latest_measurement_counts_whatever_the_order_given():
    assert status([(JUL2, 9), (JAN1, 19)]).status == OFF_TRACK
    assert status([(JAN1, 9), (JUL2, 19)]).status == ON_TRACK


def test_a_target_date_before_the_baseline_date_counts_as_all_time_gone():
    state = status([(JUL2, 15)], baseline_date=DEC31, target_date=JUL2, today=JUL2)
    assert state.time_gone == 1.0 and state.status == OFF_TRACK
