"""The three canonical layouts, through real .xlsx and CSV files: what comes in, what is reported."""

from __future__ import annotations

import io
from collections import Counter

import pandas as pd
import pytest

from core.intake import ratings as reasons
from core.intake.importers import import_survey
from core.intake.importers.assemble import DUPLICATE_ID, NO_RATINGS
from core.intake.scales import SCALES
from core.intake.store import store_survey
from tests.unit.xlsx_helpers import assert_actionable, csv_bytes, messages, write_xlsx, xlsx_bytes

JOB_MAP = [
    ["step_order", "step", "outcome_id", "statement"],
    [1, "Plan", "O1", "Minimize the time it takes to plan the work"],
    [1, "Plan", "O2", "Minimize the likelihood of missing a task"],
    [2, "Execute", "O3", "Minimize the rework after a change"],
]
RESPONSES = [
    ["respondent_id", "role", "company_size", "imp_O1", "sat_O1", "imp_O2", "sat_O2", "imp_O3", "sat_O3"],
    ["r1", "Engineer", 10, 5, 2, 4, 4, 3, 1],
    ["r2", "Manager", 250, 4, 3, 5, 5, 2, 2],
    ["r3", "Engineer", None, 1, 5, 3, 3, 5, 4],
]
EXPECTED = {
    ("r1", "O1"): (5, 2),
    ("r1", "O2"): (4, 4),
    ("r1", "O3"): (3, 1),
    ("r2", "O1"): (4, 3),
    ("r2", "O2"): (5, 5),
    ("r2", "O3"): (2, 2),
    ("r3", "O1"): (1, 5),
    ("r3", "O2"): (3, 3),
    ("r3", "O3"): (5, 4),
}


def ratings_of(survey) -> dict[tuple[str, str], tuple[int | None, int | None]]:
    def value(v):
        return None if pd.isna(v) else int(v)

    return {
        (r.respondent_id, r.outcome_id): (value(r.importance), value(r.satisfaction))
        for r in survey.ratings.itertuples()
    }


def imported(source, file_name=None, **kwargs):
    result = import_survey(source, file_name, **kwargs)
    assert result.ok, result.report.to_text()
    assert_actionable(result.report)
    return result


def responses_table(pairs_by_respondent: dict[str, list[tuple[object, object]]]) -> list[list[object]]:
    """A responses table: one row per respondent, imp_O<k>/sat_O<k> for each pair."""
    n = len(next(iter(pairs_by_respondent.values())))
    header = ["respondent_id"] + [f"{m}_O{k}" for k in range(1, n + 1) for m in ("imp", "sat")]
    return [header] + [[rid, *[v for pair in pairs for v in pair]] for rid, pairs in pairs_by_respondent.items()]


# --- layout (a): the canonical workbook --------------------------------------------------------------


def test_canonical_workbook(tmp_path):
    path = write_xlsx(tmp_path / "Invoice survey.xlsx", {"job_map": JOB_MAP, "responses": RESPONSES})
    result = imported(path)
    survey, report = result.survey, result.report
    assert report.format == "canonical workbook"
    assert (report.rows_read, report.respondents, report.outcomes, report.steps) == (3, 3, 3, 2)
    assert report.scale == "1-5"
    assert report.warnings == [] and report.dropped_respondents == {} and report.invalid_values == {}
    assert survey.name == "Invoice survey"
    assert survey.steps[["step_id", "step_order", "name"]].values.tolist() == [[1, 1, "Plan"], [2, 2, "Execute"]]
    assert survey.outcomes[["outcome_id", "step_id", "statement", "source"]].values.tolist() == [
        ["O1", 1, JOB_MAP[1][3], "imp_O1"],
        ["O2", 1, JOB_MAP[2][3], "imp_O2"],
        ["O3", 2, JOB_MAP[3][3], "imp_O3"],
    ]
    assert ratings_of(survey) == EXPECTED
    assert str(survey.ratings["importance"].dtype) == "Int16"
    respondents = survey.respondents.set_index("respondent_id")
    assert respondents["role"].tolist() == ["Engineer", "Manager", "Engineer"]
    assert respondents["company_size"].tolist()[:2] == [10, 250] and pd.isna(respondents["company_size"].iloc[2])
    assert survey.attribute_catalogue[["column_name", "original_header", "data_type"]].values.tolist() == [
        ["role", "role", "VARCHAR"],
        ["company_size", "company_size", "BIGINT"],
    ]
    assert survey.competitor_ratings.empty


def test_steps_follow_step_order_not_row_order(tmp_path):
    job_map = [JOB_MAP[0], [2, "Execute", "O3", "c"], [1, "Plan", "O1", "a"], [1, "Plan", "O2", "b"]]
    path = write_xlsx(tmp_path / "s.xlsx", {"job_map": job_map, "responses": RESPONSES})
    survey = imported(path).survey
    assert survey.steps["name"].tolist() == ["Plan", "Execute"]
    assert survey.outcomes["outcome_id"].tolist() == ["O3", "O1", "O2"]
    steps = dict(zip(survey.outcomes["outcome_id"], survey.outcomes["step_id"], strict=True))
    assert steps == {"O1": 1, "O2": 1, "O3": 2}


def test_sheet_and_column_names_ignore_case_and_surrounding_spaces(tmp_path):
    job_map = [[" Step_Order ", "STEP", "Outcome_ID  ", " Statement"], *JOB_MAP[1:]]
    responses = [
        [" Respondent ID", "ROLE ", "Company_Size", "IMP_O1", " sat_o1 ", "Imp_O2", "SAT_O2 ", "imp_o3", "Sat_O3"],
        *RESPONSES[1:],
    ]
    competitors = [[" RESPONDENT_ID", "Outcome_Id", " Competitor ", "SATISFACTION"], ["r1", "o2", "Acme", 4]]
    path = write_xlsx(
        tmp_path / "s.xlsx", {"  JOB_MAP ": job_map, "Responses  ": responses, " Competitors": competitors}
    )
    survey = imported(path).survey
    assert ratings_of(survey) == EXPECTED
    assert survey.outcomes["statement"].tolist() == [row[3] for row in JOB_MAP[1:]]
    assert survey.steps["name"].tolist() == ["Plan", "Execute"]
    assert survey.attribute_catalogue["original_header"].tolist() == ["ROLE", "Company_Size"]
    assert survey.competitor_ratings.values.tolist() == [["r1", "O2", "Acme", 4]]


def test_workbook_sources_bytes_stream_and_path_agree(tmp_path):
    sheets = {"job_map": JOB_MAP, "responses": RESPONSES}
    path = write_xlsx(tmp_path / "s.xlsx", sheets)
    stream = io.BytesIO(path.read_bytes())
    stream.name = "s.xlsx"
    for source, name in ((str(path), None), (path, None), (xlsx_bytes(sheets), "s.xlsx"), (stream, None)):
        result = imported(source, name)
        assert result.report.file_name == "s.xlsx"
        assert ratings_of(result.survey) == EXPECTED


# --- layout (b): the responses table alone -------------------------------------------------------------


@pytest.mark.parametrize("kind", ["csv", "xlsx", "xlsx other sheet name"])
def test_responses_table_alone_goes_to_one_unassigned_step(tmp_path, kind):
    if kind == "csv":
        source, name = csv_bytes(RESPONSES), "responses.csv"
    else:
        sheet = "responses" if kind == "xlsx" else "Export 2024"
        source, name = xlsx_bytes({"Notes": [["exported by hand"]], sheet: RESPONSES}), "responses.xlsx"
    result = imported(source, name)
    survey = result.survey
    assert result.report.format == "canonical responses table"
    assert ratings_of(survey) == EXPECTED
    assert survey.steps["name"].tolist() == ["Unassigned"]
    assert survey.outcomes[["outcome_id", "statement", "step_id"]].values.tolist() == [
        ["O1", "O1", 1],
        ["O2", "O2", 1],
        ["O3", "O3", 1],
    ]
    assert result.report.warnings == []
    sizes = survey.respondents["company_size"]
    assert sizes.iloc[:2].tolist() == [10, 250] and pd.isna(sizes.iloc[2])


def test_a_responses_sheet_without_rating_columns_does_not_hide_the_real_table():
    raw = [["ResponseId", "Q1", "Q2"], ["R_1", "Very important", "Satisfied"]]
    source = xlsx_bytes({"Responses": raw, "clean": RESPONSES})
    result = imported(source, "two sheets.xlsx")
    assert ratings_of(result.survey) == EXPECTED


# --- layout (c): the long table ----------------------------------------------------------------------

LONG = [["respondent_id", "outcome_id", "importance", "satisfaction", "statement", "step", "segment"]] + [
    [
        rid,
        oid,
        imp,
        sat,
        dict((row[2], row[3]) for row in JOB_MAP[1:])[oid],
        {"O1": "Plan", "O2": "Plan", "O3": "Execute"}[oid],
        "SMB" if rid == "r2" else "Enterprise",
    ]
    for (rid, oid), (imp, sat) in EXPECTED.items()
]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_long_table_with_statements_and_steps(kind):
    source = csv_bytes(LONG) if kind == "csv" else xlsx_bytes({"Sheet1": LONG})
    result = imported(source, f"long.{kind}")
    survey = result.survey
    assert result.report.format == "canonical long table"
    assert ratings_of(survey) == EXPECTED
    assert survey.steps["name"].tolist() == ["Plan", "Execute"]
    assert survey.outcomes["statement"].tolist() == [row[3] for row in JOB_MAP[1:]]
    assert survey.respondents[["respondent_id", "segment"]].values.tolist() == [
        ["r1", "Enterprise"],
        ["r2", "SMB"],
        ["r3", "Enterprise"],
    ]


def test_long_table_without_statement_or_step_uses_one_step():
    rows = [[" Respondent_ID ", "OUTCOME_ID", " Importance", "Satisfaction "]]
    rows += [[rid, oid, imp, sat] for (rid, oid), (imp, sat) in EXPECTED.items()]
    survey = imported(csv_bytes(rows), "long.csv").survey
    assert ratings_of(survey) == EXPECTED
    assert survey.steps["name"].tolist() == ["Unassigned"]
    assert survey.outcomes["statement"].tolist() == ["O1", "O2", "O3"]


def test_long_table_counts_invalid_codes_and_drops_respondents_without_ratings():
    rows = [
        ["respondent_id", "outcome_id", "importance", "satisfaction"],
        ["a", "O1", 5, "N/A"],
        ["a", "O2", 0, 4],
        ["b", "O1", "", "Don't know"],
        ["b", "O2", -99, 6],
        ["", "O1", 3, 3],
        ["a", "O1", 1, 1],
        ["c", "O1", 4, 2],  # one outcome rated on both measures, so there is something to score
    ]
    result = imported(csv_bytes(rows), "long.csv")
    survey, report = result.survey, result.report
    assert ratings_of(survey) == {("a", "O1"): (5, None), ("a", "O2"): (None, 4), ("c", "O1"): (4, 2)}
    assert report.dropped_respondents == {NO_RATINGS: ["b"]}
    assert report.invalid_values[("long", "importance")] == Counter(
        {reasons.OUT_OF_SCALE: 1, reasons.BLANK: 1, reasons.NEGATIVE: 1}
    )
    assert report.invalid_values[("long", "satisfaction")] == Counter(
        {reasons.NOT_APPLICABLE: 2, reasons.OUT_OF_SCALE: 1}
    )
    text = messages(report)
    assert "1 row has no respondent_id" in text
    assert "1 row repeats a respondent and outcome" in text


def test_long_table_without_satisfaction_is_refused():
    rows = [["respondent_id", "outcome_id", "importance"], ["a", "O1", 5], ["b", "O1", 4]]
    result = import_survey(csv_bytes(rows), "long.csv")
    assert not result.ok
    assert "1 importance column, 0 satisfaction columns, no outcome has both" in messages(result.report)
    assert_actionable(result.report)


# --- cell forms ----------------------------------------------------------------------------------------


def test_floats_text_numbers_and_labels_are_ratings(tmp_path):
    rows = [
        ["respondent_id", "imp_A", "sat_A", "imp_B", "sat_B", "imp_C", "sat_C"],
        ["r1", 4.0, " 2 ", "Extremely important", "Very dissatisfied", "5 - Extremely important", "3.0"],
        ["r2", 5, "4", "Very important", "Neither satisfied nor dissatisfied", "1 – Not at all important", 1.0],
        ["r3", "3", "\xa05\xa0", "Not at all important", "Very satisfied", "4", "2"],
    ]
    path = write_xlsx(tmp_path / "s.xlsx", {"responses": rows})
    survey = imported(path).survey
    assert ratings_of(survey) == {
        ("r1", "A"): (4, 2),
        ("r1", "B"): (5, 1),
        ("r1", "C"): (5, 3),
        ("r2", "A"): (5, 4),
        ("r2", "B"): (4, 3),
        ("r2", "C"): (1, 1),
        ("r3", "A"): (3, 5),
        ("r3", "B"): (1, 5),
        ("r3", "C"): (4, 2),
    }


@pytest.mark.parametrize(
    ("importance", "satisfaction"),
    [
        (
            [
                "Not at all important",
                "Slightly important",
                "Moderately important",
                "Very important",
                "Extremely important",
            ],
            [
                "Not at all satisfied",
                "Slightly satisfied",
                "Moderately satisfied",
                "Very satisfied",
                "Extremely satisfied",
            ],
        ),
        (
            ["Not important", "Slightly important", "Moderately important", "Important", "Very important"],
            [
                "Extremely dissatisfied",
                "Somewhat dissatisfied",
                "Neither satisfied nor dissatisfied",
                "Somewhat satisfied",
                "Extremely satisfied",
            ],
        ),
        (
            [
                "NOT AT ALL IMPORTANT",
                "Slightly Important",
                "Moderately Important",
                "Very Important",
                "Extremely Important",
            ],
            ["Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"],
        ),
        (
            [
                "not important at all",
                "slightly important",
                "moderately important",
                "very important",
                "extremely important",
            ],
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
def test_label_sets_unipolar_and_bipolar(importance, satisfaction):
    order = [2, 0, 4, 1, 3]
    rows = [["respondent_id", "imp_O1", "sat_O1"]] + [
        [f"r{i}", importance[k], satisfaction[(k + 1) % 5]] for i, k in enumerate(order)
    ]
    result = imported(csv_bytes(rows), "labels.csv")
    assert ratings_of(result.survey) == {(f"r{i}", "O1"): (k + 1, (k + 1) % 5 + 1) for i, k in enumerate(order)}
    assert result.report.invalid_values == {}
    assert result.report.scale == "1-5"


def test_swapped_label_families_are_warned():
    rows = [
        ["respondent_id", "imp_O1", "sat_O1"],
        ["r1", "Very satisfied", "Very important"],
        ["r2", "Extremely satisfied", "Extremely important"],
    ]
    report = imported(csv_bytes(rows), "swapped.csv").report
    text = messages(report)
    assert "column 'imp_O1'" in text and "column 'sat_O1'" in text
    assert "swapped" in text


# --- invalid codes -----------------------------------------------------------------------------------


def test_invalid_codes_are_missing_and_counted_per_column_by_reason(tmp_path):
    rows = [
        ["respondent_id", "imp_O1", "sat_O1", "imp_O2", "sat_O2"],
        ["r1", 5, None, "N/A", 0],
        ["r2", 6, "Don't know", 4, -99],
        ["r3", "", 3, 2.5, "#DIV/0!"],
        ["r4", 1, "banana", "  ", 2],
    ]
    path = write_xlsx(tmp_path / "s.xlsx", {"responses": rows})
    result = imported(path)
    assert ratings_of(result.survey) == {
        ("r1", "O1"): (5, None),
        ("r1", "O2"): (None, None),
        ("r2", "O1"): (None, None),
        ("r2", "O2"): (4, None),
        ("r3", "O1"): (None, 3),
        ("r3", "O2"): (None, None),
        ("r4", "O1"): (1, None),
        ("r4", "O2"): (None, 2),
    }
    assert result.report.invalid_values == {
        ("responses", "imp_O1"): Counter({reasons.OUT_OF_SCALE: 1, reasons.BLANK: 1}),
        ("responses", "sat_O1"): Counter({reasons.BLANK: 1, reasons.NOT_APPLICABLE: 1, reasons.UNKNOWN_TEXT: 1}),
        ("responses", "imp_O2"): Counter({reasons.NOT_APPLICABLE: 1, reasons.FRACTION: 1, reasons.BLANK: 1}),
        ("responses", "sat_O2"): Counter({reasons.OUT_OF_SCALE: 1, reasons.NEGATIVE: 1, reasons.ERROR_CELL: 1}),
    }
    text = result.report.to_text()
    assert "responses / sat_O2: " in text and "1 spreadsheet error" in text


# --- respondent ids ----------------------------------------------------------------------------------


def test_missing_respondent_id_column_is_generated():
    rows = [["role", "imp_O1", "sat_O1"], ["a", 5, 4], ["b", 3, 2], ["c", 1, 1]]
    result = imported(csv_bytes(rows), "noid.csv")
    survey = result.survey
    assert survey.respondents["respondent_id"].tolist() == ["R00001", "R00002", "R00003"]
    assert ratings_of(survey) == {("R00001", "O1"): (5, 4), ("R00002", "O1"): (3, 2), ("R00003", "O1"): (1, 1)}
    assert any("numbered R00001" in note for note in result.report.notes)


def test_blank_respondent_ids_get_their_spreadsheet_row(tmp_path):
    rows = [["respondent_id", "imp_O1", "sat_O1"], ["a", 5, 4], [None, 3, 2], [None, None, None], [None, 1, 1]]
    path = write_xlsx(tmp_path / "s.xlsx", {"responses": rows})
    result = imported(path)
    assert result.survey.respondents["respondent_id"].tolist() == ["a", "row3", "row5"]
    warning = next(w for w in result.report.warnings if "no respondent_id" in w.text)
    assert warning.where == "sheet 'responses', column 'respondent_id'"


def test_duplicate_respondent_ids_are_dropped_and_reported():
    rows = [["respondent_id", "imp_O1", "sat_O1"], ["a", 5, 4], ["b", 3, 2], ["a", 1, 1], [" a ", 2, 2], ["c", 4, 4]]
    result = imported(csv_bytes(rows), "dup.csv")
    assert ratings_of(result.survey) == {("a", "O1"): (5, 4), ("b", "O1"): (3, 2), ("c", "O1"): (4, 4)}
    assert result.report.dropped_respondents == {DUPLICATE_ID: ["a", "a"]}
    assert result.report.rows_dropped == 2
    assert "2 with a duplicate respondent_id" in result.report.to_text()


def test_numeric_ids_read_as_floats_come_back_as_integers(tmp_path):
    rows = [["respondent_id", "imp_O1", "sat_O1"], [1001, 5, 4], [1002.0, 3, 2]]
    path = write_xlsx(tmp_path / "s.xlsx", {"responses": rows})
    assert imported(path).survey.respondents["respondent_id"].tolist() == ["1001", "1002"]


def test_respondents_without_a_valid_rating_are_dropped_and_reported():
    rows = [
        ["respondent_id", "role", "imp_O1", "sat_O1", "imp_O2", "sat_O2"],
        ["a", "x", 5, 4, 3, 3],
        ["b", "y", "N/A", "", 0, -99],
        ["c", "z", None, None, None, None],
        ["d", "w", 1, "", "", ""],
    ]
    result = imported(csv_bytes(rows), "drop.csv")
    survey = result.survey
    assert survey.respondents["respondent_id"].tolist() == ["a", "d"]
    assert survey.respondents["role"].tolist() == ["x", "w"]
    assert {r for r, _ in ratings_of(survey)} == {"a", "d"}
    assert result.report.dropped_respondents == {NO_RATINGS: ["b", "c"]}
    # the ratings hold ids as categories (as the long reader does): only kept respondents are
    # categories, so a grouping by respondent shows no dropped one
    ids = survey.ratings["respondent_id"]
    assert list(ids.cat.categories) == ["a", "d"] and list(
        survey.ratings.groupby("respondent_id", observed=False).size()
    ) == [2, 2]
    assert result.report.respondents == 2 and result.report.rows_read == 4


# --- scales ------------------------------------------------------------------------------------------


def scale_table(values: list[int], extra: list[object] = ()) -> bytes:
    """Respondents rating O1/O2 with ``values`` cycled, plus ``extra`` cells in sat_O2."""
    n = max(len(values), len(extra)) * 2
    rows = [["respondent_id", "imp_O1", "sat_O1", "imp_O2", "sat_O2"]]
    for i in range(n):
        stray = extra[i] if i < len(extra) else values[(i + 3) % len(values)]
        rows.append(
            [f"r{i}", values[i % len(values)], values[(i + 1) % len(values)], values[(i + 2) % len(values)], stray]
        )
    return csv_bytes(rows)


def test_stray_zeros_and_sixes_keep_a_one_to_five_scale():
    data = scale_table([1, 2, 3, 4, 5] * 20, extra=[0, 6, 6, 0, 6])
    result = imported(data, "s.csv")
    assert result.report.scale == "1-5"
    assert result.report.invalid_values == {("s", "sat_O2"): Counter({reasons.OUT_OF_SCALE: 5})}
    assert result.survey.ratings[["importance", "satisfaction"]].max().max() == 5


@pytest.mark.parametrize(
    ("values", "name"),
    [
        (list(range(1, 8)), "1-7"),
        (list(range(1, 11)), "1-10"),
        (list(range(0, 11)), "0-10"),
    ],
)
def test_longer_scales_are_detected(values, name):
    result = imported(scale_table(values * 5), "s.csv")
    assert result.report.scale == name
    assert result.survey.scale == SCALES[name]
    assert result.report.invalid_values == {}
    observed = set(result.survey.ratings["importance"].dropna().astype(int))
    assert observed == set(values)


def test_stray_text_does_not_force_a_long_scale_to_one_to_five():
    result = imported(scale_table(list(range(0, 11)) * 5, extra=["n/r", "see notes"]), "s.csv")
    assert result.report.scale == "0-10"
    assert result.report.invalid_values == {("s", "sat_O2"): Counter({reasons.UNKNOWN_TEXT: 2})}


@pytest.mark.parametrize(
    ("declared", "extra", "valid", "outside"),
    [
        ("1-7", [6] * 10, {1, 2, 3, 4, 5, 6}, 0),
        ("1-10", [0, 6] * 5, {1, 2, 3, 4, 5, 6}, 5),
        ("0-10", [0, 6] * 5, {0, 1, 2, 3, 4, 5, 6}, 0),
        ("1-5", [0, 6] * 5, {1, 2, 3, 4, 5}, 10),
    ],
)
def test_declared_scale_overrides_detection(declared, extra, valid, outside):
    result = imported(scale_table([1, 2, 3, 4, 5] * 10, extra=extra), "s.csv", scale=SCALES[declared])
    assert result.report.scale == declared and result.survey.scale == SCALES[declared]
    assert any("as declared" in note for note in result.report.notes)
    assert set(result.survey.ratings["satisfaction"].dropna().astype(int)) == valid
    assert result.report.invalid_totals() == (Counter({reasons.OUT_OF_SCALE: outside}) if outside else Counter())


def test_declared_short_scale_counts_long_scale_points_as_outside():
    result = imported(scale_table(list(range(1, 8)) * 5), "s.csv", scale=SCALES["1-5"])
    # 70 respondents x 4 columns cycling through 1..7: each column holds ten 6s and ten 7s.
    assert result.report.invalid_totals() == Counter({reasons.OUT_OF_SCALE: 80})


# --- competitors ---------------------------------------------------------------------------------------


def test_competitors_sheet_is_parsed_and_bad_rows_are_counted(tmp_path):
    competitors = [
        ["respondent_id", "outcome_id", "competitor", "satisfaction"],
        ["r1", "O1", "Acme", 4],
        ["r1", "o2", "Acme", "Very satisfied"],
        ["r2", "O1", "Globex", "N/A"],
        ["r2", "O1", "", 3],  # no competitor
        ["r3", "O9", "Acme", 3],  # unknown outcome
        ["r9", "O1", "Acme", 3],  # unknown respondent
        ["r1", "O1", "Acme", 2],  # duplicate
        ["r3", "O3", "Initech", 7],  # invalid rating: kept, missing
    ]
    path = write_xlsx(tmp_path / "s.xlsx", {"job_map": JOB_MAP, "responses": RESPONSES, "competitors": competitors})
    result = imported(path)
    frame = result.survey.competitor_ratings
    assert [[r, o, c, None if pd.isna(s) else int(s)] for r, o, c, s in frame.values.tolist()] == [
        ["r1", "O1", "Acme", 4],
        ["r1", "O2", "Acme", 4],
        ["r2", "O1", "Globex", None],
        ["r3", "O3", "Initech", None],
    ]
    skipped = {w.text for w in result.report.warnings if w.where == "sheet 'competitors'"}
    assert skipped == {
        "1 competitor row without a competitor name was skipped (row 5).",
        "1 competitor row whose outcome_id is not in the survey was skipped (row 6).",
        "1 competitor row whose respondent is not among the kept respondents was skipped (row 7).",
        "1 competitor row repeating a row above (the first is kept) was skipped (row 8).",
    }
    assert result.report.invalid_values[("competitors", "satisfaction")] == Counter(
        {reasons.NOT_APPLICABLE: 1, reasons.OUT_OF_SCALE: 1}
    )


def test_competitors_sheet_with_wrong_columns_is_ignored_with_a_warning(tmp_path):
    competitors = [["who", "what"], ["r1", "Acme"]]
    path = write_xlsx(tmp_path / "s.xlsx", {"job_map": JOB_MAP, "responses": RESPONSES, "Competitors": competitors})
    result = imported(path)
    assert result.survey.competitor_ratings.empty
    warning = next(w for w in result.report.warnings if "competitors sheet was ignored" in w.text)
    assert warning.where == "sheet 'Competitors'"


# --- job map against rating columns --------------------------------------------------------------------


def test_job_map_and_rating_columns_mismatches_are_warned(tmp_path):
    job_map = [*JOB_MAP, [3, "Finish", "O4", "Minimize the time to close"]]
    responses = [
        ["respondent_id", "imp_O1", "sat_O1", "imp_O2", "imp_O3", "sat_O3", "imp_O5", "sat_O5"],
        ["r1", 5, 4, 3, 2, 2, 1, 1],
    ]
    path = write_xlsx(tmp_path / "s.xlsx", {"job_map": job_map, "responses": responses})
    result = imported(path)
    survey, report = result.survey, result.report
    text = messages(report)
    assert "1 job-map outcomes have no rating columns (O4)" in text
    assert "1 rated outcomes are not in the job map (O5)" in text
    assert "Outcome O2 has no satisfaction column" in text and "sat_O2" in text
    steps = dict(zip(survey.steps["step_id"], survey.steps["name"], strict=True))
    placed = {o: steps[s] for o, s in zip(survey.outcomes["outcome_id"], survey.outcomes["step_id"], strict=True)}
    assert placed == {"O1": "Plan", "O2": "Plan", "O3": "Execute", "O4": "Finish", "O5": "Unassigned"}
    assert ratings_of(survey)[("r1", "O2")] == (3, None)
    assert ("r1", "O4") not in ratings_of(survey)
    job_map_warning = next(w for w in report.warnings if "O4" in w.text)
    assert job_map_warning.where == "sheet 'job_map'"


def test_job_map_without_statement_or_step_columns_is_warned(tmp_path):
    job_map = [["outcome_id"], ["O1"], ["O2"], ["O3"], [None]]
    path = write_xlsx(tmp_path / "s.xlsx", {"Job Map": job_map, "responses": RESPONSES})
    result = imported(path)
    text = messages(result.report)
    assert "no statement column" in text and "no step column" in text
    assert result.survey.steps["name"].tolist() == ["Unassigned"]
    assert result.survey.outcomes["statement"].tolist() == ["O1", "O2", "O3"]


def test_an_empty_job_map_sheet_is_warned_and_outcomes_go_to_one_step(tmp_path):
    path = write_xlsx(tmp_path / "s.xlsx", {"job_map": [], "responses": RESPONSES})
    result = imported(path)
    assert ratings_of(result.survey) == EXPECTED
    assert result.survey.steps["name"].tolist() == ["Unassigned"]
    assert [w.where for w in result.report.warnings] == ["sheet 'job_map'"]
    assert "job map is empty" in result.report.warnings[0].text


def test_numeric_outcome_ids_match_between_job_map_and_columns(tmp_path):
    job_map = [["step", "outcome_id", "statement"], ["Plan", 1, "first"], ["Plan", 2.0, "second"]]
    responses = [["respondent_id", "imp_1", "sat_1", "imp_2", "sat_2"], ["r1", 5, 4, 3, 2]]
    result = imported(write_xlsx(tmp_path / "s.xlsx", {"job_map": job_map, "responses": responses}))
    assert result.report.warnings == []
    assert ratings_of(result.survey) == {("r1", "1"): (5, 4), ("r1", "2"): (3, 2)}
    assert result.survey.outcomes["statement"].tolist() == ["first", "second"]


def test_job_map_without_outcome_id_is_an_error(tmp_path):
    job_map = [["step", "statement"], ["Plan", "x"]]
    result = import_survey(write_xlsx(tmp_path / "s.xlsx", {"job_map": job_map, "responses": RESPONSES}))
    assert not result.ok
    assert result.report.errors[0].where == "sheet 'job_map'"
    assert "outcome_id" in result.report.errors[0].fix


def test_duplicate_rating_columns_are_warned_and_the_first_is_used():
    rows = [["respondent_id", "imp_O1", "sat_O1", "IMP_O1"], ["r1", 5, 4, 1]]
    result = imported(csv_bytes(rows), "s.csv")
    assert ratings_of(result.survey) == {("r1", "O1"): (5, 4)}
    warning = next(w for w in result.report.warnings if "Two importance columns" in w.text)
    assert "'IMP_O1'" in warning.where


# --- round trip into a workspace -------------------------------------------------------------------------


def test_import_stores_and_reads_back(tmp_path, workspace):
    path = write_xlsx(tmp_path / "s.xlsx", {"job_map": JOB_MAP, "responses": RESPONSES})
    store_survey(workspace, imported(path).survey)
    cur = workspace.cursor()
    stored = cur.execute("SELECT respondent_id, outcome_id, importance, satisfaction FROM ratings").fetchall()
    assert {(r, o): (i, s) for r, o, i, s in stored} == EXPECTED
    assert cur.execute("SELECT name FROM steps ORDER BY step_order").fetchall() == [("Plan",), ("Execute",)]
    assert cur.execute("SELECT count(*) FROM respondents").fetchone() == (3,)
    assert cur.execute("SELECT original_header, data_type FROM column_catalogue ORDER BY position").fetchall() == [
        ("role", "VARCHAR"),
        ("company_size", "BIGINT"),
    ]
