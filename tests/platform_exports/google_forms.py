"""Google Forms responses (docs/FORMATS.md §3), both download paths: the Forms CSV (every field quoted,
``2022/10/17 6:31:58 PM EST``) and the linked Sheet's CSV (locale timestamps) or XLSX (real
dates). Grid columns ``Question [Row]``; label text, or numbers for a grid whose columns are 1–5.
"""

from __future__ import annotations

import datetime as dt

from tests.platform_exports.files import text_bytes, xlsx_bytes
from tests.platform_exports.model import IMPORTANCE, SATISFACTION, Export, Survey, step_label


def google_forms(survey: Survey, *, path: str = "forms", values: str = "labels", email: bool = True) -> Export:
    """``path``: "forms" (Forms CSV), "sheets_csv" or "sheets_xlsx"."""
    numeric = values == "numbers"
    header = ["Timestamp"] + (["Email address"] if email else []) + ["Which travel tool do you use today?"]
    cells = [lambda r, n: r.tool]

    def rating(value, labels):
        return "" if value is None else (str(value) if numeric else labels[value - 1])

    order = []
    for s, members in enumerate(survey.by_step()):
        step = survey.steps[s]
        grids = [
            (f"When you {step}, how important is each of the following?", IMPORTANCE, lambda r, o: r.importance[o]),
            (
                f"When you {step}, how satisfied are you with your current solution?",
                SATISFACTION,
                lambda r, o: r.satisfaction[o],
            ),
        ]
        grids += [
            (
                f"When you {step}, how satisfied are you with {name}?",
                SATISFACTION,
                lambda r, o, name=name: r.competitors[name][o],
            )
            for name in survey.competitors
        ]
        for question, labels, value in grids:
            for o in members:
                header.append(f"{question} [{survey.outcomes[o].statement}]")
                cells.append(lambda r, n, o=o, value=value, labels=labels: rating(value(r, o), labels))
        order += members
    rows = [header]
    for n, r in enumerate(survey.respondents):
        moment = dt.datetime(2024, 3, 5, 18, 31, 58) + dt.timedelta(minutes=7 * n)
        stamp = {
            "forms": moment.strftime("%Y/%m/%d %-I:%M:%S %p") + " EST",
            "sheets_csv": f"{moment.month}/{moment.day}/{moment.year} {moment:%H:%M:%S}",
            "sheets_xlsx": moment,
        }[path]
        rows.append([stamp] + ([f"person{n}@example.com"] if email else []) + [cell(r, n) for cell in cells])
    if path == "sheets_xlsx":
        data, name = xlsx_bytes(rows, "Form Responses 1"), "Travel survey (Responses).xlsx"
    else:
        data, name = text_bytes(rows, quote_all=path == "forms"), "Travel survey.csv"
    kept = list(survey.respondents)
    return Export(
        data,
        name,
        survey,
        kept,
        [f"R{i + 1:05d}" for i in range(len(kept))],
        order,
        [survey.outcomes[o].statement for o in order],
        [step_label(survey.steps[survey.outcomes[o].step]) for o in order],
    )
