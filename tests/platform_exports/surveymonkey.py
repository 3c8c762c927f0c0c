"""SurveyMonkey exports (docs/FORMATS.md §2): two header rows, question text over the first column of
each question only, sub-labels in row 2, no-break spaces, title-case labels, unipolar or
bipolar satisfaction, answer text or numerical values, 11–12-digit ids (or Excel's ``1.18E+11``).
"""

from __future__ import annotations

from tests.platform_exports.files import text_bytes, xlsx_bytes
from tests.platform_exports.model import BIPOLAR, IMPORTANCE, SATISFACTION, Export, Survey, keep, step_label

META = [
    "Respondent ID",
    "Collector ID",
    "Start Date",
    "End Date",
    "IP Address",
    "Email Address",
    "First Name",
    "Last Name",
    "Custom Data 1",
]


def _title(label: str) -> str:
    return label.title()  # "Not At All Important", as SurveyMonkey's templates spell them


def surveymonkey(
    survey: Survey,
    *,
    fmt: str = "xlsx",
    values: str = "text",
    bipolar: bool = False,
    nbsp: bool = True,
    excel_ids: bool = False,
    metadata: bool = True,
    title: str = "",
) -> Export:
    """A SurveyMonkey "all individual responses" export (condensed columns); ``metadata=False`` with the
    metadata columns deleted by whoever passed the file on, ``title`` typed in a row above the header."""
    numeric = values == "numeric"
    sat_labels = [_title(x) for x in (BIPOLAR if bipolar else SATISFACTION)]
    imp_labels = [_title(x) for x in IMPORTANCE]
    space = "\xa0" if nbsp else " "
    top = [*list(META), "Which travel tool do you use today?", "How many people work in your company?"]
    sub = [""] * len(META) + ["Response", "Response"]
    cells = [lambda r, n: r.tool, lambda r, n: r.size]
    order = []

    def rating(value, labels):
        return "" if value is None else (value if numeric else labels[value - 1])

    for s, members in enumerate(survey.by_step()):
        step = survey.steps[s]
        for question, labels, value in (
            (
                f"When{space}you {step}, how important is each of the following to you?",
                imp_labels,
                lambda r, o: r.importance[o],
            ),
            (
                f"When you {step}, how satisfied are you with your current{space}solution?",
                sat_labels,
                lambda r, o: r.satisfaction[o],
            ),
        ):
            for j, o in enumerate(members):
                top.append(question if j == 0 else "")
                sub.append(survey.outcomes[o].statement.replace(" ", space, 1))
                cells.append(lambda r, n, o=o, value=value, labels=labels: rating(value(r, o), labels))
        order += members
    top.append("Anything else you would like to tell us?")
    sub.append("Open-Ended Response")
    cells.append(lambda r, n: r.comment)
    kept, drops = keep(survey, set())  # the export has no status column: every response is kept
    ids = [str(118112199553 + 7919 * n) for n in range(len(survey.respondents))]
    skip = 0 if metadata else len(META)
    rows = [top[skip:], sub[skip:]]
    for n, r in enumerate(survey.respondents):
        rid = "1.18E+11" if excel_ids else (int(ids[n]) if fmt == "xlsx" else ids[n])
        meta = [rid, 447165656, "8/22/22 15:44", "8/25/22 15:47", "69.243.86.21", "", "", "", ""]
        rows.append((meta + [cell(r, n) for cell in cells])[skip:])
    if title:
        rows = [[title], [], *rows]
    data = xlsx_bytes(rows) if fmt == "xlsx" else text_bytes(rows)
    kept_ids = (
        [f"R{i + 1:05d}" for i in range(len(kept))]
        if excel_ids or not metadata
        else [ids[survey.respondents.index(r)] for r in kept]
    )
    return Export(
        data,
        f"Travel survey.{fmt}",
        survey,
        kept,
        kept_ids,
        order,
        [survey.outcomes[o].statement for o in order],
        [step_label(survey.steps[survey.outcomes[o].step]) for o in order],
        drops,
        competitors=False,
    )
