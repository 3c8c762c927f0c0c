"""The pairing rules in isolation: wording, label vocabulary, ImportIds, statements, block order."""

from __future__ import annotations

import numpy as np
import pytest

from core.intake.importers.answers import profile
from core.intake.importers.mapping import ATTRIBUTE, COMPETITOR, IGNORE, IMPORTANCE, NOT_RECOGNISED, SATISFACTION
from core.intake.importers.pairing import UNNAMED_SOLUTION, propose
from core.intake.importers.pairing_log import rule_counts
from core.intake.importers.platforms.table import META, PlatformTable, SurveyColumn
from core.intake.importers.wording import header_marker, measure_in, solution_in, statement_in_question, step_in

IMP = ["Very important", "Extremely important", "Not at all important", "Slightly important"]
SAT = ["Very satisfied", "Slightly satisfied", "Not at all satisfied", "Extremely satisfied"]
NUM = [1, 5, 3, 4]


def column(index: int, header: str, values: list, **described) -> SurveyColumn:
    return SurveyColumn(index, header, np.array(values, dtype=object), **described)


def table(*columns: SurveyColumn) -> PlatformTable:
    return PlatformTable(
        "Test",
        "test export",
        "s",
        "file 'x.csv'",
        [[c.header for c in columns]],
        list(columns),
        np.arange(2, 2 + len(columns[0].values)),
    )


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("How important is each of the following to you?", IMPORTANCE),
        ("Importance of each aspect", IMPORTANCE),
        ("How much does it matter to you that…", IMPORTANCE),
        ("How satisfied are you with your current solution?", SATISFACTION),
        ("Satisfaction with the tool you use today", SATISFACTION),
        ("How dissatisfied are you with…", SATISFACTION),
        ("How well does your current tool do each of these?", SATISFACTION),
        ("How important is it that you are satisfied with the result?", IMPORTANCE),
        ("Which tool do you use?", None),
        ("", None),
        # issue 11: declarative, display and consent text says nothing about what a column measures
        ("This study is important to us. Do you consent to take part?", None),
        ("Thank you. It is important that you answer honestly.", None),
        ("Q5. How important is e.g. speed?", IMPORTANCE),
        ("Importance of each aspect.", IMPORTANCE),
    ],
)
def test_the_measure_in_the_wording(text, measure):
    assert measure_in(text) == measure


@pytest.mark.parametrize(
    ("header", "found"),
    [
        ("[Imp] Minimize the wait", (IMPORTANCE, "Minimize the wait")),
        ("Sat: Minimize the wait", (SATISFACTION, "Minimize the wait")),
        ("Importance - Minimize the wait", (IMPORTANCE, "Minimize the wait")),
        ("Minimize the wait (satisfaction)", (SATISFACTION, "Minimize the wait")),
        ("Impact on cost", None),
        ("Minimize the wait", None),
    ],
)
def test_header_markers(header, found):
    assert header_marker(header) == found


@pytest.mark.parametrize(
    ("question", "step"),
    [
        ("When you plan a trip, how important is each of the following?", "Plan a trip"),
        ("While you're cooking dinner, please rate each of these", "Cooking dinner"),
        ("How important is each of the following when you pay the bill?", "Pay the bill"),
        ("Checkout: how satisfied are you with each of these?", "Checkout"),
        ("How important is each of the following?", None),
        ("Which tool do you use?", None),
    ],
)
def test_the_step_in_the_wording(question, step):
    assert step_in(question) == step


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("When you plan, how satisfied are you with Acme Travel on each of the following?", "Acme Travel"),
        ("How satisfied are you with Globex?", "Globex"),
        ("Satisfaction with Initech", "Initech"),
        ("Satisfaction – Initech", "Initech"),
        ("How satisfied are you with your current solution?", None),
        ("How satisfied are you with the following?", None),
        ("How satisfied are you with each of these when you pay?", None),
    ],
)
def test_the_named_solution_in_the_wording(text, name):
    assert solution_in(text) == name


def test_the_statement_in_a_one_outcome_question():
    assert statement_in_question("How important is it to you to minimize the wait?", IMPORTANCE) == "Minimize the wait"
    assert (
        statement_in_question("How satisfied are you today with how well you can minimize the wait?", SATISFACTION)
        == "Minimize the wait"
    )
    assert statement_in_question("How important is speed to you?", IMPORTANCE) == "Speed"
    assert statement_in_question("Which tool?", IMPORTANCE) is None


def test_profiles_read_the_answers():
    labels = profile(column(0, "a", [*IMP, None, "N/A"]))
    assert labels.rating_like and labels.family == IMPORTANCE and not labels.numeric_only
    numbers = profile(column(0, "a", [1, 5, "3", -99, None]))
    assert numbers.rating_like and numbers.family is None and numbers.numeric_only
    neutral = profile(column(0, "a", ["Neutral", "Neutral"]))
    assert neutral.rating_like and neutral.family is None  # several families know "neutral": not decisive
    assert not profile(column(0, "a", ["Acme", "Globex", "Acme"])).rating_like
    assert not profile(column(0, "a", [24, 37, 51])).rating_like


def test_labels_decide_before_wording_and_a_disagreement_is_reported():
    mapping, _, warnings = propose(
        table(
            column(0, "q1", IMP, question="How satisfied are you?", statement="Speed", block="b1"),
            column(1, "q2", SAT, question="How satisfied are you?", statement="Speed", block="b2"),
        )
    )
    assert [c.role for c in mapping.columns] == [IMPORTANCE, SATISFACTION]
    assert mapping.columns[0].rule == "answer labels"
    assert len(warnings) == 1 and "column 'q1'" in warnings[0].where and "says satisfaction" in warnings[0].text


def test_import_id_recodes_pair_grids_whose_statements_differ():
    imp = [
        column(
            i,
            f"Q5_{i + 1}",
            NUM,
            question="How important is each?",
            statement=f"Speed {i}",
            block="QID5",
            code=str(3 + 4 * i),
            codebook_keys=("QID5",),
        )
        for i in range(2)
    ]
    sat = [
        column(
            2 + i,
            f"Q6_{i + 1}",
            NUM,
            question="How satisfied are you with each?",
            statement=f"Fast {i}",
            block="QID6",
            code=str(3 + 4 * (1 - i)),
            codebook_keys=("QID6",),
        )
        for i in range(2)
    ]
    mapping, _, _ = propose(table(*imp, *sat))
    assert [(c.role, c.outcome, c.pair_rule) for c in mapping.columns[2:]] == [
        (SATISFACTION, "O2", "ImportId recode"),
        (SATISFACTION, "O1", "ImportId recode"),
    ]


def test_column_order_is_the_last_resort_within_matching_grids():
    imp = [column(i, f"i{i}", NUM, question="How important?", statement=f"A{i}", block="g1") for i in range(3)]
    sat = [column(3 + i, f"s{i}", NUM, question="How satisfied?", statement=f"B{i}", block="g2") for i in range(3)]
    mapping, _, _ = propose(table(*imp, *sat))
    assert [c.outcome for c in mapping.columns[3:]] == ["O1", "O2", "O3"]
    assert rule_counts(mapping)["pair: column order"] == 3


def test_repeated_statements_without_evidence_are_not_paired_by_block_order():
    """Issue 11 item 1 (the old rule guessed: first block importance, next satisfaction)."""
    cols = [column(i, name, NUM, statement=name) for i, name in enumerate(["Speed", "Price", "Speed", "Price"])]
    mapping, unrecognised, _ = propose(table(*cols))
    assert [(c.role, c.rule) for c in mapping.columns] == [(ATTRIBUTE, NOT_RECOGNISED)] * 4
    assert unrecognised == [0, 1, 2, 3]


def test_grids_of_separate_questions_are_never_paired_by_block_order():
    cols = [
        column(
            g * 2 + i,
            f"{g}_Q5_{i}",
            NUM,
            question="What share of your time goes to it?",
            statement=s,
            block=f"{g}_QID5",
        )
        for g in range(1, 4)
        for i, s in enumerate(["Email", "Meetings"])
    ]
    mapping, unrecognised, _ = propose(table(*cols))
    assert {c.role for c in mapping.columns} == {ATTRIBUTE}
    assert not mapping.rating_columns() and len(unrecognised) == 6


def test_block_order_inside_one_question_that_names_both_measures():
    question = "How important is each to you, and how satisfied are you with your current tool?"
    cols = [
        column(i + 2 * scale, f"Q7#{scale + 1}_{i + 1}", NUM, question=question, statement=s, block=f"QID7#{scale + 1}")
        for scale in range(2)
        for i, s in enumerate(["Speed", "Price"])
    ]
    mapping, unrecognised, _ = propose(table(*cols))
    assert [(c.role, c.outcome, c.rule) for c in mapping.columns] == [
        (IMPORTANCE, "O1", "block order"),
        (IMPORTANCE, "O2", "block order"),
        (SATISFACTION, "O1", "block order"),
        (SATISFACTION, "O2", "block order"),
    ]
    assert unrecognised == []


def test_a_third_satisfaction_question_rates_a_named_competitor():
    cols = [
        column(0, "i", IMP, question="How important?", statement="Speed", block="g1"),
        column(1, "c", SAT, question="How satisfied are you with Acme?", statement="Speed", block="g2"),
        column(2, "s", SAT, question="How satisfied are you with your current tool?", statement="Speed", block="g3"),
        column(3, "d", SAT, question="How satisfied are you with the following?", statement="Speed", block="g4"),
    ]
    mapping, unrecognised, _ = propose(table(*cols))
    roles = [(c.role, c.competitor) for c in mapping.columns]
    # an extra satisfaction question naming no solution is not an invented competitor "Solution 3"
    assert roles == [(IMPORTANCE, ""), (COMPETITOR, "Acme"), (SATISFACTION, ""), (ATTRIBUTE, "")]
    assert mapping.columns[3].rule == UNNAMED_SOLUTION and unrecognised == [3]


def test_unplaced_ratings_metadata_and_text_answers():
    cols = [
        column(0, "StartDate", ["x"] * 4, kind=META),
        column(1, "Grid row", NUM, statement="Speed", block="g"),
        column(2, "Which tool?", ["Acme", "Globex", "Acme", "Acme"], question="Which tool?"),
        column(3, "i", IMP, question="How important?", statement="Price", block="h"),
        column(4, "s", SAT, question="How satisfied?", statement="Price", block="k"),
    ]
    mapping, unrecognised, _ = propose(table(*cols))
    assert [(c.role, c.rule) for c in mapping.columns[:3]] == [
        (IGNORE, "platform metadata"),
        (ATTRIBUTE, NOT_RECOGNISED),
        (ATTRIBUTE, "answers are not ratings"),
    ]
    assert unrecognised == [1]


def test_a_satisfaction_without_importance_is_its_own_outcome():
    mapping, _, _ = propose(
        table(
            column(0, "i", IMP, question="How important?", statement="Speed", block="a"),
            column(1, "s", SAT, question="How satisfied?", statement="Price", block="b"),
        )
    )
    assert mapping.columns[1].outcome == "O2" and mapping.columns[1].pair_rule.startswith("unpaired")


def test_steps_come_from_each_grid_and_the_notes_count_them():
    cols = [
        column(0, "a", IMP, question="When you plan, how important is each?", statement="A", block="1"),
        column(1, "b", IMP, question="When you pay, how important is each?", statement="B", block="2"),
        column(2, "c", IMP, question="How important is each?", statement="C", block="3"),
    ]
    mapping, _, _ = propose(table(*cols))
    assert [c.step for c in mapping.columns] == ["Plan", "Pay", ""]
    assert "Job steps from the question wording: 2 (Plan, Pay); 1 outcome in 'Unassigned'." in mapping.notes
