"""The two-header-row table of public opportunity-score calculators: "Importance"/"Satisfaction"
in row 1 (merged over its block in .xlsx, or repeated over each column), the statements in row 2,
ratings 1–5 from row 3, with or without a respondent id column, optionally under a title row.
"""

from __future__ import annotations

import io

from openpyxl import Workbook

from tests.platform_exports.files import text_bytes
from tests.platform_exports.model import Export, Survey, keep


def calculator(
    survey: Survey,
    *,
    fmt: str = "xlsx",
    ids: bool = True,
    merged: bool = True,
    title: str = "",
    labels: tuple[str, str] = ("Importance", "Satisfaction"),
) -> Export:
    """The calculator table of ``survey``; ``merged`` writes each measure label once (merged cells in
    .xlsx, a blank after it in CSV), otherwise over every column of its block."""
    order = [o for members in survey.by_step() for o in members]
    n = len(order)
    lead = ["Respondent"] if ids else []
    top = [""] * len(lead)
    for label in labels:
        top += [label] + ([""] * (n - 1) if merged else [label] * (n - 1))
    sub = lead + [survey.outcomes[o].statement for o in order] * 2
    rows: list[list[object]] = [top, sub]
    rid = [f"P{k + 1:03d}" for k in range(len(survey.respondents))]
    for k, r in enumerate(survey.respondents):
        cells = [r.importance[o] for o in order] + [r.satisfaction[o] for o in order]
        rows.append(([rid[k]] if ids else []) + ["" if v is None else v for v in cells])
    offset = 2 if title else 0
    if title:
        rows = [[title], [], *rows]
    if fmt == "xlsx":
        book = Workbook()
        sheet = book.active
        sheet.title = "Survey data"
        for row in rows:
            sheet.append([None if v == "" else v for v in row])
        if merged:
            first = len(lead) + 1
            for b in range(2):
                start = first + b * n
                sheet.merge_cells(
                    start_row=offset + 1, start_column=start, end_row=offset + 1, end_column=start + n - 1
                )
        buffer = io.BytesIO()
        book.save(buffer)
        data = buffer.getvalue()
    else:
        data = text_bytes(rows)
    kept, drops = keep(survey, set())
    return Export(
        data,
        f"opportunity calculator.{fmt}",
        survey,
        kept,
        rid if ids else [f"R{k + 1:05d}" for k in range(len(kept))],
        order,
        [survey.outcomes[o].statement for o in order],
        ["Unassigned"] * n,
        drops,
        competitors=False,
    )
