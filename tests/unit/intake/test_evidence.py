"""Issue 11 items 1 and 2: evidence before pairing, and one rule for "nothing to score".

No outcome is ever scored from a survey that does not rate importance and satisfaction: the
consent text that says "important", a two-scale array paired by block order, Loop & Merge "% of
time" grids — all once imported and scored. Every layout refuses a file in which no outcome has
both measures with the same message, naming what was found.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.intake.importers import import_survey
from core.intake.importers.mapping import COMPETITOR, ColumnMapping
from core.intake.importers.pairing import propose
from core.intake.importers.pipeline import detect_mapping
from core.intake.importers.platforms.table import PlatformTable, SurveyColumn
from tests.platform_exports.microsoft_forms import microsoft_forms
from tests.platform_exports.model import make_survey
from tests.platform_exports.non_jtbd import CONSENT, limesurvey_wellbeing, qualtrics_time_use
from tests.unit.xlsx_helpers import assert_actionable, csv_bytes

REPO = Path(__file__).resolve().parents[3]
NOTHING = "no outcome has both"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "core", *args], cwd=REPO, capture_output=True, text=True, timeout=300)


def refused(data: bytes, name: str, **options):
    result = import_survey(data, name, **options)
    assert not result.ok and result.survey is None
    assert_actionable(result.report)
    return result


def test_a_limesurvey_wellbeing_survey_scores_nothing():
    data = limesurvey_wellbeing()
    result = refused(data, "results-survey-wellbeing.csv", direction="warn")
    error = result.report.errors[0]
    assert error.text.startswith(f"Nothing to score: 0 importance columns, 0 satisfaction columns, {NOTHING}.")
    assert "[Tired][Scale 1]" in error.text and "no wording or answer label says" in error.text
    assert "column-mapping screen" in error.fix
    proposal = detect_mapping(data, "results-survey-wellbeing.csv")
    assert proposal.mapping.rating_columns() == []  # not the consent, not "Scale 1"/"Scale 2", no "Solution 2–5"
    consent = next(c for c in proposal.mapping.columns if c.header == CONSENT)
    assert consent.role == "attribute"
    assert len(proposal.unrecognised) == 11  # the app opens the column-mapping screen


def test_limesurvey_answer_codes_score_nothing_either():
    result = refused(limesurvey_wellbeing(answers="codes"), "results.csv", direction="as_is")
    assert NOTHING in result.report.errors[0].text


def test_a_loop_and_merge_time_use_export_is_refused_for_the_right_reason():
    data = qualtrics_time_use()
    result = refused(data, "time_use_2018.csv", direction="warn")
    assert len(result.report.errors) == 1
    error = result.report.errors[0].text
    assert error.startswith(f"Nothing to score: 0 importance columns, 0 satisfaction columns, {NOTHING}.")
    assert "59 columns looked like ratings" in error and "'1_Q5_1'" in error
    assert len(result.report.warnings) <= 2  # not dozens of misleading warnings
    proposal = detect_mapping(data, "time_use_2018.csv")
    assert not [c for c in proposal.mapping.columns if c.role == COMPETITOR]
    assert proposal.mapping.rating_columns() == []


def test_a_confirmed_mapping_is_evidence():
    """What the user confirms on the mapping screen is imported (here two Loop & Merge grids)."""
    data = qualtrics_time_use(padding=0, loops=2)
    proposal = detect_mapping(data, "t.csv")
    mapping = proposal.mapping
    first = [c for c in mapping.columns if c.header.startswith("1_Q5_")]
    second = [c for c in mapping.columns if c.header.startswith("2_Q5_")]
    for n, (a, b) in enumerate(zip(first, second, strict=False)):
        mapping = mapping.with_role(a.index, role="importance", outcome=f"T{n}", statement=f"Task {n}")
        mapping = mapping.with_role(b.index, role="satisfaction", outcome=f"T{n}", statement=f"Task {n}")
    result = import_survey(data, "t.csv", mapping=ColumnMapping.from_json(mapping.to_json()), direction="as_is")
    assert result.ok and result.report.outcomes == 9


def test_microsoft_forms_numbers_without_wording_go_to_the_mapping_screen():
    """Issue 11 item 1: repeated statements answered with numbers were paired by block order (a guess)."""
    export = microsoft_forms(make_survey(41, respondents=10), values="numbers")
    result = refused(export.data, export.file_name, direction="as_is")
    assert result.report.errors[0].text.startswith("Nothing to score: 0 importance columns, 0 satisfaction columns")
    assert len(detect_mapping(export.data, export.file_name).unrecognised) == 18


def test_every_layout_gives_the_same_message(tmp_path):
    canonical = csv_bytes([["respondent_id", "imp_a", "sat_b"], ["r1", 4, 3], ["r2", 5, 2]])
    importance_only = csv_bytes([["respondent_id", "imp_a", "imp_b"], ["r1", 4, 3]])
    long = csv_bytes([["respondent_id", "outcome_id", "importance"], ["r1", "a", 4], ["r1", "b", 3]])
    forms = csv_bytes(
        [
            ["Timestamp", "How important is each of the following? [Speed]"],
            ["2024/01/01 1:00:00 PM EST", "Very important"],
        ]
    )
    expected = {
        "canonical.csv": (canonical, "1 importance column, 1 satisfaction column"),
        "importance_only.csv": (importance_only, "2 importance columns, 0 satisfaction columns"),
        "long.csv": (long, "1 importance column, 0 satisfaction columns"),
        "forms.csv": (forms, "1 importance column, 0 satisfaction columns"),
    }
    for name, (data, found) in expected.items():
        error = refused(data, name).report.errors[0]
        assert error.text.startswith(f"Nothing to score: {found}, {NOTHING}."), (name, error.text)
        assert "imp_<id>/sat_<id>" in error.fix


RATED_HEAD = ["respondent_id", "outcome_id", "importance", "satisfaction"]


@pytest.mark.parametrize(
    ("rows", "found"),
    [
        (  # a long table whose satisfaction cells are all blank
            [RATED_HEAD, ["r1", "a", 4, ""], ["r1", "b", 3, ""], ["r2", "a", 5, ""]],
            "2 outcomes with valid importance ratings, 0 outcomes with valid satisfaction ratings",
        ),
        (  # importance of one outcome, satisfaction of the other
            [RATED_HEAD, ["r1", "a", 4, ""], ["r1", "b", "", 3], ["r2", "a", 5, ""], ["r2", "b", "", 2]],
            "1 outcome with valid importance ratings, 1 outcome with valid satisfaction ratings",
        ),
        (  # a wide table with imp_a and sat_a, sat_a empty or off the scale
            [["respondent_id", "imp_a", "sat_a"], ["r1", 4, ""], ["r2", 5, 9], ["r3", 2, ""]],
            "1 outcome with valid importance ratings, 0 outcomes with valid satisfaction ratings",
        ),
    ],
    ids=["long-no-satisfaction", "long-split", "wide-blank-satisfaction"],
)
def test_columns_that_pair_but_whose_cells_rate_no_outcome_twice_are_nothing_to_score(tmp_path, rows, found):
    """Item 2 on the ratings, not only the headers: these files were "Ready to import" (exit 0) and
    scored outcomes with no opportunity at all."""
    error = refused(csv_bytes(rows), "unrated.csv").report.errors[0]
    assert error.text.startswith(f"Nothing to score: {found}, {NOTHING}"), error.text
    path = tmp_path / "unrated.csv"
    path.write_bytes(csv_bytes(rows))
    assert run("validate", str(path)).returncode == 1


def test_both_measures_from_different_respondents_still_score_per_item():
    rows = [RATED_HEAD, ["r1", "a", 4, ""], ["r2", "a", "", 2], ["r1", "b", 5, 3]]
    assert import_survey(csv_bytes(rows), "split.csv").ok
    rows = [RATED_HEAD, ["r1", "a", 4, ""], ["r2", "a", "", 2]]  # no respondent rated both, one outcome has both
    assert import_survey(csv_bytes(rows), "split.csv").ok


def test_the_cli_exits_1_on_nothing_to_score_and_0_on_a_scorable_table(tmp_path):
    unpaired = tmp_path / "unpaired.csv"
    unpaired.write_bytes(csv_bytes([["respondent_id", "imp_a", "sat_b"], ["r1", 4, 3], ["r2", 5, 2]]))
    result = run("validate", str(unpaired))
    assert result.returncode == 1
    assert "Nothing to score: 1 importance column, 1 satisfaction column, no outcome has both" in result.stdout
    wellbeing = tmp_path / "results.csv"
    wellbeing.write_bytes(limesurvey_wellbeing())
    result = run("validate", str(wellbeing))
    assert result.returncode == 1 and "looked like ratings but were not used" in result.stdout
    paired = tmp_path / "paired.csv"
    paired.write_bytes(csv_bytes([["respondent_id", "imp_a", "sat_a"], ["r1", 4, 3], ["r2", 5, 2]]))
    assert run("validate", str(paired)).returncode == 0


WORDS = ["important", "importance", "satisfied", "satisfaction", "dissatisfied", "very", "not", "at", "all"]
FILLER = ["the", "course", "was", "really", "for", "me", "because", "it", "helps", "our", "team", "today"]


@st.composite
def non_rating_column(draw, index: int):
    """A column that is no rating, whatever words it holds: free text, consent, display text, ages, yes/no."""
    kind = draw(st.sampled_from(["free", "consent", "display", "ages", "yesno", "percent"]))
    n = 12
    word = st.sampled_from(WORDS + FILLER)
    sentence = st.lists(word, min_size=5, max_size=9).map(lambda w: "I think " + " ".join(w) + ".")
    question = draw(
        st.sampled_from(
            [
                "How important is this to you?",
                "How satisfied are you? Please explain.",
                "Why is satisfaction important here?",
                "It is important that you read this. Do you consent to take part?",
                "The next questions are important.",
            ]
        )
    )
    if kind == "free":
        values = draw(st.lists(sentence, min_size=n, max_size=n))
    elif kind == "consent":
        question, values = CONSENT, draw(st.lists(st.sampled_from(["Yes", "No", "I agree"]), min_size=n, max_size=n))
    elif kind == "display":
        values = [""] * n
    elif kind == "ages":
        values = draw(st.lists(st.integers(18, 90), min_size=n, max_size=n))
    elif kind == "yesno":
        values = draw(st.lists(st.sampled_from(["Yes", "No"]), min_size=n, max_size=n))
    else:
        values = draw(st.lists(st.integers(11, 100).map(lambda v: f"{v}%"), min_size=n, max_size=n))
    header = draw(st.sampled_from([question, f"Q{index}", f"Q{index}_TEXT", f"important_{index}", f"sat {index}"]))
    return SurveyColumn(index, header, np.array(values, dtype=object), question=question)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 6).flatmap(lambda k: st.tuples(*[non_rating_column(i) for i in range(k)])))
def test_no_non_rating_column_is_ever_a_rating(columns):
    table = PlatformTable(
        "Test", "test export", "s", "file 'x.csv'", [[c.header for c in columns]], list(columns), np.arange(2, 14)
    )
    mapping, _, _ = propose(table)
    assert mapping.rating_columns() == [], [(c.header, c.role, c.rule) for c in mapping.rating_columns()]


def _dual_scale(question: str, scales: list[str]) -> bytes:
    from tests.platform_exports.files import text_bytes

    rows = [["id", "submitdate", "lastpage", "startlanguage"]]
    rows[0] += [f"{question} [{row}][{scale}]" for row in ["Speed", "Price", "Reach"] for scale in scales]
    rows += [[str(n), "2024-01-01", "2", "en"] + [str((n * k) % 5 + 1) for k in range(6)] for n in range(1, 31)]
    return text_bytes(rows, delimiter=";", quote_all=True, bom=True)


def test_a_limesurvey_dual_scale_array_pairs_by_its_scale_headers_or_its_wording():
    """Block order decides only inside one question whose wording names both measures."""
    by_header = import_survey(_dual_scale("Rate each", ["Importance", "Satisfaction"]), "l.csv", direction="as_is")
    assert by_header.ok and by_header.report.pairing == {"measure: scale header": 6, "pair: statement text": 3}
    question = "How important is each, and how satisfied are you with your tool?"
    by_order = import_survey(_dual_scale(question, ["Scale 1", "Scale 2"]), "l.csv", direction="as_is")
    assert by_order.ok and by_order.report.pairing == {"measure: block order": 6, "pair: statement text": 3}
    assert by_order.survey.outcomes["statement"].tolist() == ["Speed", "Price", "Reach"]
    unrelated = refused(_dual_scale("How often do you feel each?", ["Scale 1", "Scale 2"]), "l.csv", direction="as_is")
    assert NOTHING in unrelated.report.errors[0].text
