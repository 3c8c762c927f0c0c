"""A second wave of a bundled sample survey, as a real .xlsx written by openpyxl (tests/app, tests/e2e).

The wave is the sample with every respondent's satisfaction with the first step's outcomes
raised by one point (capped at the scale's top); the competitors sheet only with ``rival``, whose
satisfaction with them rises by two points; and, optionally, one outcome given a new id and one
dropped — so a comparison shows significant rises, an unmatched outcome and a missing one.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from core.workspace.paths import SAMPLE_DIR

SAMPLE = SAMPLE_DIR / "b2b_invoice_processing.xlsx"
RAISED = ("O01", "O02", "O03", "O04", "O05", "O06")  # the first step, "Plan the payment cycle"


def second_wave(path: Path, *, rival: str | None = None, rename: str | None = None, drop: str | None = None) -> Path:
    source = openpyxl.load_workbook(SAMPLE, read_only=True)
    book = openpyxl.Workbook(write_only=True)  # streamed: the competitors sheet has ~100,000 rows
    for sheet in source.worksheets:
        if sheet.title == "competitors" and rival is None:
            continue  # ~100,000 rows: written only when a competitor's change is wanted
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        header = rows[0]
        rows = [row + [None] * (len(header) - len(row)) for row in rows]  # read-only rows stop at the last value
        if sheet.title == "responses":
            raised = [i for i, h in enumerate(header) if h in {f"sat_{o}" for o in RAISED}]
            for row in rows[1:]:
                for i in raised:
                    if isinstance(row[i], int):
                        row[i] = min(5, row[i] + 1)
            if drop:
                keep = [i for i, h in enumerate(header) if h not in (f"imp_{drop}", f"sat_{drop}")]
                rows = [[row[i] for i in keep] for row in rows]
            if rename:
                rows[0] = [str(h).replace(f"_{rename}", "_N99") if h else h for h in rows[0]]
        if sheet.title == "job_map":
            rows = [r for r in rows if r[2] != drop]
            for r in rows:
                if r[2] == rename:
                    r[2], r[3] = "N99", "Minimize the time it takes to onboard a new supplier"
        if sheet.title == "competitors":
            rows = [r for r in rows if r[1] != drop]
            for r in rows[1:]:
                if r[2] == rival and r[1] in RAISED and isinstance(r[3], int):
                    r[3] = min(5, r[3] + 2)
        target = book.create_sheet(sheet.title)
        for row in rows:
            target.append(row)
    book.save(path)
    return path
