"""Alchemer (SurveyGizmo) exports (docs/FORMATS.md §6): every field quoted, ``Row label:Question text``
grid columns, Complete / Partial / Disqualified, no-break spaces in the question text, and the
file in UTF-8 or Windows-1252.
"""

from __future__ import annotations

from tests.platform_exports.files import text_bytes
from tests.platform_exports.model import IMPORTANCE, SATISFACTION, Export, Survey, keep, step_label

META = [
    "Response ID",
    "Time Started",
    "Date Submitted",
    "Status",
    "Contact ID",
    "Legacy Comments",
    "Comments",
    "Language",
    "Referer",
    "SessionID",
    "User Agent",
    "Tags",
    "IP Address",
    "Longitude",
    "Latitude",
    "Country",
    "City",
    "State/Region",
    "Postal",
]
STATUS = {"complete": "Complete", "partial": "Partial", "disqualified": "Disqualified"}


def alchemer(survey: Survey, *, encoding: str = "utf-8", nbsp: bool = True, keep_partial: bool = False) -> Export:
    """A ``YYYYMMDDhhmmss-SurveyExport.csv``."""
    space = "\xa0" if nbsp else " "
    header = [*list(META), "Which travel tool do you use today?"]
    cells = [lambda r, n: r.tool]
    order = []
    for s, members in enumerate(survey.by_step()):
        step = survey.steps[s]
        for question, labels, value in (
            (
                f"When you {step}, how important is each of the following?{space}",
                IMPORTANCE,
                lambda r, o: r.importance[o],
            ),
            (
                f"When you {step}, how{space}satisfied are you with your current solution?",
                SATISFACTION,
                lambda r, o: r.satisfaction[o],
            ),
        ):
            for o in members:
                header.append(f"{survey.outcomes[o].statement}:{question}")
                cells.append(
                    lambda r, n, o=o, value=value, labels=labels: "" if value(r, o) is None else labels[value(r, o) - 1]
                )
        order += members
    rows = [header]
    for n, r in enumerate(survey.respondents, 1):
        meta = [
            str(n),
            f"Jun 05, 2024 10:{n % 60:02d}:04 AM",
            "" if r.status == "partial" else "2024-06-05 10:41:51",
            STATUS[r.status],
            "",
            "",
            "",
            "English",
            "",
            f"s{n}",
            "Mozilla/5.0",
            "",
            "10.1.2.3",
            "",
            "",
            "France",
            "Lyon",
            "",
            "",
        ]
        rows.append(meta + [cell(r, n) for cell in cells])
    kept, drops = keep(survey, {"partial", "disqualified"}, keep_partial)
    ids = [str(survey.respondents.index(r) + 1) for r in kept]
    return Export(
        text_bytes(rows, quote_all=True, encoding=encoding),
        "20240605104151-SurveyExport.csv",
        survey,
        kept,
        ids,
        order,
        [survey.outcomes[o].statement for o in order],
        [step_label(survey.steps[survey.outcomes[o].step]) for o in order],
        drops,
        competitors=False,
    )
