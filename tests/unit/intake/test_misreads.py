"""Silent mis-reads (issue 9.5): each file is read right, or the report says how it was read.

Every file here is real: CSV bytes as a spreadsheet writes them, .xlsx written by openpyxl.
"""

from __future__ import annotations

import csv
import io
import random
from collections import Counter

import pytest
from openpyxl import Workbook

from core.intake.importers import import_survey
from core.intake.importers.number_text import COMMA, POINT, read_numbers
from core.intake.importers.reading import read_source
from core.intake.scales import SCALES, block_mismatches
from core.intake.store import store_survey
from core.workspace.database import open_workspace
from tests.platform_exports.files import text_bytes
from tests.platform_exports.model import make_survey
from tests.platform_exports.qualtrics import qualtrics
from tests.unit.xlsx_helpers import assert_actionable, csv_bytes, messages, xlsx_bytes


def rated(rows: list[list[object]], header: list[str]) -> list[list[object]]:
    """``rows`` of attribute cells with a respondent id and one outcome's ratings added."""
    out = [["respondent_id", *header, "imp_O1", "sat_O1"]]
    out += [[f"R{i + 1:03d}", *row, 4, 2] for i, row in enumerate(rows)]
    return out


def attribute(result, name: str) -> list[object]:
    assert result.ok, result.report.to_text()
    return result.survey.respondents[name].tolist()


# --- decimal commas -----------------------------------------------------------------------------


def test_semicolon_csv_with_decimal_commas_reads_willingness_to_pay_right():
    data = csv_bytes(rated([["9.524,50"], ["1234,50"], ["12,00"], ["3.000"]], ["wtp"]), delimiter=";")
    result = import_survey(data, "wtp.csv")
    assert attribute(result, "wtp") == [9524.5, 1234.5, 12.0, 3000.0]
    assert "decimal comma ('9.524,50' = 9524.5)" in "\n".join(result.report.notes)


def test_decimal_points_with_thousands_commas_still_read_right():
    result = import_survey(csv_bytes(rated([["9,524.50"], ["1234.5"], ["1,000"]], ["wtp"])), "wtp.csv")
    assert attribute(result, "wtp") == [9524.5, 1234.5, 1000.0]
    assert not result.report.warnings


def test_ambiguous_separators_are_read_with_a_decimal_point_and_say_so():
    result = import_survey(csv_bytes(rated([["1.500"], ["2.250"], ["900"]], ["budget"])), "b.csv")
    assert attribute(result, "budget") == [1.5, 2.25, 900.0]
    text = messages(result.report)
    assert "'1.500'" in text and "decimal point" in text and "column 'budget'" in text
    assert_actionable(result.report)


def test_mixed_conventions_stay_text_with_a_warning():
    result = import_survey(csv_bytes(rated([["1.234,50"], ["2,345.60"], ["10"]], ["wtp"]), delimiter=";"), "m.csv")
    assert attribute(result, "wtp") == ["1.234,50", "2,345.60", "10"]
    assert "mix decimal separators" in messages(result.report)
    assert_actionable(result.report)


@pytest.mark.parametrize(
    ("texts", "convention", "values"),
    [
        (["1.234.567", "12"], COMMA, [1234567.0, 12.0]),
        (["1,234,567", "12"], POINT, [1234567.0, 12.0]),
        (["12 500,5", "3"], COMMA, [12500.5, 3.0]),
        (["-4,75", "0,5"], COMMA, [-4.75, 0.5]),
    ],
)
def test_number_conventions(texts, convention, values):
    reading = read_numbers(texts)
    assert reading.convention == convention
    assert reading.values.tolist() == values


# --- hidden sheets ------------------------------------------------------------------------------


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_responses_sheet_is_not_read_instead_of_the_visible_one(state):
    workbook = Workbook()
    visible = workbook.active
    visible.title = "Survey 2026"
    header = ["respondent_id", "imp_O1", "sat_O1"]
    visible.append(header)
    for i in range(4):
        visible.append([f"V{i}", 5, 1])
    old = workbook.create_sheet("responses")
    old.append(header)
    for i in range(3):
        old.append([f"OLD{i}", 1, 5])
    old.sheet_state = state
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_survey(buffer.getvalue(), "survey.xlsx")
    assert result.ok
    assert result.survey.respondents["respondent_id"].tolist() == ["V0", "V1", "V2", "V3"]
    assert "Read the sheet 'Survey 2026'" in "\n".join(result.report.notes)
    assert "'responses' (hidden)" in "\n".join(result.report.notes)


def test_a_survey_only_in_a_hidden_sheet_is_read_with_a_warning():
    workbook = Workbook()
    workbook.active.title = "Notes"
    workbook.active.append(["Read me first"])
    data = workbook.create_sheet("responses")
    data.append(["respondent_id", "imp_O1", "sat_O1"])
    data.append(["R1", 4, 2])
    data.sheet_state = "hidden"
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_survey(buffer.getvalue(), "survey.xlsx")
    assert result.ok
    assert "hidden sheet 'responses'" in messages(result.report)
    assert_actionable(result.report)


# --- mixed scales -------------------------------------------------------------------------------


def mixed_scale_rows(n: int = 120) -> list[list[object]]:
    """Outcomes O1–O4 asked on 1–7, O5–O10 on 1–5."""
    rng = random.Random(7)
    header = ["respondent_id"] + [f"{m}_O{i}" for m in ("imp", "sat") for i in range(1, 11)]
    rows = [header]
    for r in range(n):
        rows.append([f"R{r}"] + [rng.randint(1, 7 if i <= 4 else 5) for _ in ("imp", "sat") for i in range(1, 11)])
    return rows


def test_a_survey_mixing_1_to_7_and_1_to_5_questions_warns_first_with_the_loss():
    result = import_survey(xlsx_bytes({"responses": mixed_scale_rows()}), "mixed.xlsx")
    assert result.ok and result.report.scale == "1-5"
    first = result.report.warnings[0]
    lost = sum(n for counts in result.report.invalid_values.values() for n in counts.values())
    assert "not all asked on one scale" in first.text and "8 question blocks look 1-7" in first.text
    assert f"So {lost:,} of their" in first.text and "'imp_O1'" in first.text
    assert first.text.endswith("Blocks: 'imp_O1'; 'imp_O2'; 'imp_O3'; 'imp_O4'; ….")  # the first four of eight
    assert "--scale 1-7" in first.fix
    assert_actionable(result.report)


def test_a_survey_on_one_scale_gets_no_scale_warning():
    rng = random.Random(3)
    rows = [["respondent_id", "imp_O1", "sat_O1", "imp_O2", "sat_O2"]]
    rows += [[f"R{r}", *(rng.randint(1, 7) for _ in range(4))] for r in range(80)]
    result = import_survey(csv_bytes(rows), "seven.csv")
    assert result.report.scale == "1-7"
    assert "one scale" not in messages(result.report)


def test_block_mismatches_per_block():
    seven = Counter({v: 20 for v in range(1, 8)})
    five = Counter({v: 20 for v in range(1, 6)})
    found = block_mismatches({"Q5": seven, "Q6": five}, SCALES["1-5"])
    assert [(m.block, m.detected.name, m.beyond) for m in found] == [("Q5", "1-7", 40)]
    found = block_mismatches({"Q5": seven, "Q6": five}, SCALES["1-7"])
    assert [(m.block, m.detected.name) for m in found] == [("Q6", "1-5")]
    few_top = Counter({1: 20, 2: 20, 3: 20, 4: 20, 5: 20, 6: 2, 7: 1})
    assert block_mismatches({"Q7": few_top}, SCALES["1-7"]) == []


# --- a stray Latin-1 byte -----------------------------------------------------------------------


def test_one_latin1_byte_in_a_utf8_file_garbles_nothing_else():
    good = csv_bytes([["respondent_id", "city", "imp_O1", "sat_O1"]] + [[f"R{i}", "Montréal", 4, 2] for i in range(8)])
    data = good + "R98,Besançon,4,2\r\n".encode("latin-1") + "R99,Zürich,4,2\r\n".encode()
    result = import_survey(data, "cities.csv")
    assert attribute(result, "city") == ["Montréal"] * 8 + ["Besançon", "Zürich"]
    text = messages(result.report)
    assert "1 line is not valid UTF-8 (line 10)" in text and "Windows-1252" in text
    assert_actionable(result.report)


def test_two_latin1_lines_are_counted_and_named_in_the_plural():
    good = csv_bytes([["respondent_id", "city", "imp_O1", "sat_O1"]] + [[f"R{i}", "Montréal", 4, 2] for i in range(8)])
    data = good + "R98,Besançon,4,2\r\nR99,Gäßchen,4,2\r\n".encode("latin-1")
    result = import_survey(data, "cities.csv")
    assert attribute(result, "city")[-2:] == ["Besançon", "Gäßchen"]
    text = messages(result.report)
    assert "2 lines are not valid UTF-8 (lines 10, 11): they were read as Windows-1252" in text


def test_a_whole_windows_1252_file_is_still_read_as_such():
    data = csv_bytes([["respondent_id", "city", "imp_O1", "sat_O1"], ["R1", "Besançon", 4, 2]], encoding="cp1252")
    source = read_source(data, "cities.csv")
    assert source.tables[0].rows[1][1] == "Besançon"
    assert "Windows-1252" in source.notes[0] and not source.warnings


# --- leading zeros ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_ids_and_attributes_keep_their_leading_zeros(kind):
    rows = [["respondent_id", "postcode", "imp_O1", "sat_O1"]] + [
        [f"0210{i}", code, 4, 2] for i, code in enumerate(["02100", "00501", "10115"])
    ]
    data = csv_bytes(rows) if kind == "csv" else xlsx_bytes({"responses": rows})
    result = import_survey(data, f"zips.{kind}")
    assert attribute(result, "postcode") == ["02100", "00501", "10115"]
    assert result.survey.respondents["respondent_id"].tolist() == ["02100", "02101", "02102"]
    workspace = open_workspace()
    store_survey(workspace, result.survey)
    stored = workspace.cursor().execute("SELECT respondent_id, postcode FROM respondents ORDER BY 1").fetchall()
    assert stored == [("02100", "02100"), ("02101", "00501"), ("02102", "10115")]


def test_numbers_formatted_with_leading_zeros_in_excel_keep_them():
    """A postcode typed as 2100 and formatted 00000 shows 02100 in Excel: it is read as 02100."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "responses"
    sheet.append(["respondent_id", "postcode", "imp_O1", "sat_O1"])
    for row, (rid, code) in enumerate([(2100, 501), (2101, 10115), (2102, 2100)], start=2):
        sheet.append([rid, code, 4, 2])
        sheet.cell(row, 1).number_format = "00000"
        sheet.cell(row, 2).number_format = "00000"
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_survey(buffer.getvalue(), "zips.xlsx")
    assert result.survey.respondents["respondent_id"].tolist() == ["02100", "02101", "02102"]
    assert attribute(result, "postcode") == ["00501", "10115", "02100"]


def test_question_blocks_of_a_platform_export_are_checked_each():
    """A Qualtrics export whose first two grids were asked on 1-7: the warning names those blocks."""
    rng = random.Random(1)
    export = qualtrics(make_survey(3, respondents=60), values="numeric", bom=False)
    rows = list(csv.reader(io.StringIO(export.data.decode(), newline="")))
    seven = [i for i, tag in enumerate(rows[0]) if tag.startswith(("Q10_", "Q11_"))]
    for row in rows[3:]:
        for i in seven:
            if row[i] not in ("", "-99"):
                row[i] = str(rng.randint(1, 7))
    result = import_survey(text_bytes(rows), export.file_name, direction="as_is")
    first = result.report.warnings[0].text
    assert "2 question blocks look 1-7" in first
    assert "'Q10_1' … 'Q10_3' (3 columns); 'Q11_1' … 'Q11_3' (3 columns)" in first
