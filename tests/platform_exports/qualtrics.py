"""Qualtrics exports as Qualtrics writes them (docs/FORMATS.md §1), with every trap switchable.

Three header rows (export tag; ``Question - Statement`` text with HTML; ImportId JSON with
``timeZone`` variants), a BOM, a trailing empty column, metadata in the documented order,
Status/Finished in the value mode's spelling, previews/tests/spam/unfinished rows, choice text
(HTML in labels) or numeric recodes (``-99`` for seen-but-unanswered, optionally coded
1 = best), export-tag suffixes that differ from the ImportId recodes, ``_DO`` and ``_TEXT``
columns, embedded data, and three layouts: a matrix per measure and step, side-by-side
(``Q7#1_1``) or Loop & Merge (``1_Q5_1``).
"""

from __future__ import annotations

import json
import random

from tests.platform_exports.files import text_bytes, xlsx_bytes
from tests.platform_exports.model import (
    IMPORTANCE,
    QUALTRICS_BIPOLAR,
    SATISFACTION,
    TOOLS,
    Export,
    Survey,
    keep,
    step_label,
)

META = [
    ("StartDate", "Start Date", "startDate"),
    ("EndDate", "End Date", "endDate"),
    ("Status", "Response Type", "status"),
    ("IPAddress", "IP Address", "ipAddress"),
    ("Progress", "Progress", "progress"),
    ("Duration (in seconds)", "Duration (in seconds)", "duration"),
    ("Finished", "Finished", "finished"),
    ("RecordedDate", "Recorded Date", "recordedDate"),
    ("ResponseId", "Response ID", "_recordId"),
    ("RecipientLastName", "Recipient Last Name", "recipientLastName"),
    ("RecipientFirstName", "Recipient First Name", "recipientFirstName"),
    ("RecipientEmail", "Recipient Email", "recipientEmail"),
    ("ExternalReference", "External Data Reference", "externalDataReference"),
    ("LocationLatitude", "Location Latitude", "locationLatitude"),
    ("LocationLongitude", "Location Longitude", "locationLongitude"),
    ("DistributionChannel", "Distribution Channel", "distributionChannel"),
    ("UserLanguage", "User Language", "userLanguage"),
]
DATED = {"startDate", "endDate", "recordedDate"}
TIME_ZONES = ["America/Denver", "Pacific/Auckland", "Z", "Europe/Berlin"]
STATUS = {
    "complete": ("IP Address", 0),
    "partial": ("IP Address", 0),
    "preview": ("Survey Preview", 1),
    "test": ("Survey Test", 2),
    "spam": ("Spam", 8),
}
RECODES = [3, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27]  # ImportId choice ids that differ from the tag suffixes


def _tag(survey: Survey, step: int, grid: int) -> int:
    """The export tag number of a step's grid (importance, satisfaction, competitors…)."""
    return 10 + (2 + len(survey.competitors)) * step + grid


def _qid(survey: Survey, step: int, grid: int) -> int:
    """Its QuestionID number: numbered differently from the tag, as after questions are moved."""
    return 100 + (2 + len(survey.competitors)) * step + grid


def _html(statement: str) -> str:
    """Row 2 as Qualtrics writes it: bold first word, ampersands as entities."""
    first, _, rest = statement.partition(" ")
    return f"<b>{first}</b> {rest.replace('&', '&amp;')}"


class _Columns:
    """The three header rows and, per column, how to get a respondent's cell."""

    def __init__(self, zone: str, quotes: str = "json"):
        self.quotes = quotes
        self.tags: list[str] = []
        self.texts: list[str] = []
        self.ids: list[str] = []
        self.cells: list = []
        self.zone = zone

    def add(self, tag: str, text: str, import_id: str, cell, extra: dict | None = None) -> None:
        self.tags.append(tag)
        self.texts.append(text)
        payload = {"ImportId": import_id, **(extra or {})}
        # 2016 exports wrote the row as a Python dict: {'ImportId': 'QID1'}
        self.ids.append(str(payload) if self.quotes == "python" else json.dumps(payload, separators=(",", ":")))
        self.cells.append(cell)


def qualtrics(
    survey: Survey,
    *,
    values: str = "text",
    fmt: str = "csv",
    layout: str = "matrices",
    bom: bool = True,
    html: bool = True,
    minus99: bool = True,
    reversed_codes: bool = False,
    bipolar: bool = False,
    keep_partial: bool = False,
    seed: int = 0,
    quotes: str = "json",
) -> Export:
    """A Qualtrics export of ``survey``; ``values`` "text", "numbered" ("5 - Extremely important") or "numeric";
    ``layout`` matrices | side_by_side | loop; ``quotes`` "json" or "python" (the 2016 ImportId row)."""
    rng = random.Random(seed)
    numeric = values == "numeric"
    sat_labels = QUALTRICS_BIPOLAR if bipolar else SATISFACTION
    zone = TIME_ZONES[seed % len(TIME_ZONES)]
    cols = _Columns(zone, quotes)

    def meta_cell(key: str):
        def cell(r, n):
            status, code = STATUS[r.status]
            return {
                "startDate": f"2025-07-0{1 + n % 9} 11:13:44",
                "endDate": f"2025-07-0{1 + n % 9} 11:24:18",
                "status": code if numeric else status,
                "ipAddress": f"10.0.{n % 250}.{n % 7}",
                "progress": 40 if r.status == "partial" else 100,
                "duration": 600 + n,
                "finished": (0 if numeric else "False") if r.status == "partial" else (1 if numeric else "True"),
                "recordedDate": f"2025-07-0{1 + n % 9} 11:24:19",
                "_recordId": r.rid,
                "distributionChannel": "anonymous",
                "userLanguage": "EN",
            }.get(key, "")

        return cell

    for tag, text, import_id in META:
        cols.add(tag, text, import_id, meta_cell(import_id), {"timeZone": zone} if import_id in DATED else None)
    cols.add(
        "Q1", "Which travel tool do you use today?", "QID1", lambda r, n: TOOLS.index(r.tool) + 1 if numeric else r.tool
    )
    cols.add("Q1_DO", "Which travel tool do you use today? - Display Order", "QID1_DO", lambda r, n: "3|1|2|4")

    def rating(value, labels):
        if value is None:
            return -99 if numeric and minus99 else ""
        if numeric:
            return 6 - value if reversed_codes else value
        label = labels[value - 1]
        if values == "numbered":  # the author typed the numbers into the choices: "5 - Extremely important"
            return f"{value} - {label}"
        return label.replace("Extremely", "<strong>Extremely</strong>", 1) if html else label

    def text(statement: str) -> str:
        return _html(statement) if html else statement

    for s, members in enumerate(survey.by_step()):
        step = survey.steps[s]
        grids = [
            (
                "importance",
                f"When you {step}, how important is each of the following to you?",
                IMPORTANCE,
                lambda r, o: r.importance[o],
            ),
            (
                "satisfaction",
                f"When you {step}, how satisfied are you with your current solution on each of the following?",
                sat_labels,
                lambda r, o: r.satisfaction[o],
            ),
        ]
        grids += [
            (
                name,
                f"When you {step}, how satisfied are you with {name} on each of the following?",
                sat_labels,
                lambda r, o, name=name: r.competitors[name][o],
            )
            for name in survey.competitors
        ]
        for g, (_, question, labels, value) in enumerate(grids):
            for j, o in enumerate(members, 1):
                statement = text(survey.outcomes[o].statement)
                recode = RECODES[(j - 1) % len(RECODES)] + 100 * ((j - 1) // len(RECODES))
                if layout == "side_by_side":
                    scale = {0: "Importance", 1: "Satisfaction"}.get(g, f"Satisfaction with {grids[g][0]}")
                    tag, import_id = f"Q{10 + s}#{g + 1}_{j}", f"QID{_qid(survey, s, 0)}#{g + 1}_{recode}"
                    header = f"When you {step}, rate each of the following - {scale} - {statement}"
                elif layout == "loop":
                    tag, import_id = f"{s + 1}_Q{5 + g}_{j}", f"{s + 1}_QID{5 + g}_{recode}"
                    header = f"{question} - {statement}"
                else:
                    tag, import_id = f"Q{_tag(survey, s, g)}_{j}", f"QID{_qid(survey, s, g)}_{recode}"
                    header = f"{question} - {statement}"
                cols.add(
                    tag, header, import_id, lambda r, n, o=o, value=value, labels=labels: rating(value(r, o), labels)
                )
    cols.add("Q30_TEXT", "Anything else you would like to tell us? - Text", "QID30_TEXT", lambda r, n: r.comment)
    cols.add("PROLIFIC_PID", "PROLIFIC_PID", "PROLIFIC_PID", lambda r, n: f"pid{rng.randint(1000, 9999)}")
    rows = [cols.tags, cols.texts, cols.ids]
    rows += [[cell(r, n) for cell in cols.cells] for n, r in enumerate(survey.respondents)]
    if fmt == "xlsx":
        data, name = xlsx_bytes(rows), "survey_export.xlsx"
    else:
        rows = [[*row, ""] for row in rows]  # the trailing empty column
        if fmt == "tsv":  # Qualtrics' TSV is reported to be UTF-16 (with its BOM) [U]; the reader takes both
            data, name = text_bytes(rows, delimiter="\t", encoding="utf-16"), "survey_export.tsv"
        else:
            data, name = text_bytes(rows, bom=bom), "survey_export.csv"
    kept, drops = keep(survey, {"preview", "test", "spam", "partial"}, keep_partial)
    order = [o for members in survey.by_step() for o in members]
    return Export(
        data,
        name,
        survey,
        kept,
        [r.rid for r in kept],
        order,
        [survey.outcomes[o].statement for o in order],
        [step_label(survey.steps[survey.outcomes[o].step]) for o in order],
        drops,
    )


def qualtrics_qsf(
    survey: Survey, *, reversed_codes: bool = False, bipolar: bool = False, layout: str = "matrices"
) -> bytes:
    """The survey's .qsf (only what a codebook needs): each question's answers and their recode values,
    for the question ids the export of ``layout`` uses."""
    sat_labels = QUALTRICS_BIPOLAR if bipolar else SATISFACTION
    scales = [IMPORTANCE, sat_labels] + [sat_labels] * len(survey.competitors)
    recodes = {str(a): str(6 - a if reversed_codes else a) for a in range(1, 6)}

    def payload(labels: list[str], question_id: str, tag: str, kind: str = "Matrix") -> dict:
        answers = {str(a): {"Display": label} for a, label in enumerate(labels, 1)}
        return {
            "QuestionID": question_id,
            "DataExportTag": tag,
            "QuestionType": kind,
            "Answers": answers,
            "RecodeValues": recodes,
        }

    elements = []
    if layout == "loop":
        elements = [payload(labels, f"QID{5 + g}", f"Q{5 + g}") for g, labels in enumerate(scales)]
    for s in range(len(survey.steps)) if layout != "loop" else ():
        if layout == "side_by_side":
            sbs = {
                "QuestionID": f"QID{_qid(survey, s, 0)}",
                "DataExportTag": f"Q{10 + s}",
                "QuestionType": "SBS",
                "AdditionalQuestions": {str(g + 1): payload(labels, "", "") for g, labels in enumerate(scales)},
            }
            elements.append(sbs)
        else:
            elements += [
                payload(labels, f"QID{_qid(survey, s, g)}", f"Q{_tag(survey, s, g)}") for g, labels in enumerate(scales)
            ]
    survey_elements = [{"Element": "SQ", "PrimaryAttribute": e["QuestionID"], "Payload": e} for e in elements]
    return json.dumps({"SurveyEntry": {"SurveyName": "Travel"}, "SurveyElements": survey_elements}).encode()
