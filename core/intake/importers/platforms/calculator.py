"""The two-header-row table of public opportunity-score calculators: "Importance"/"Satisfaction"
in row 1 (merged over its columns, or repeated over each), the outcome statements in row 2, one
respondent per row from row 3.

A respondent id column is optional: its header (``Respondent``, ``ID``, ``#``…) stands in either
row, above or below a blank. Columns before the first measure with a header in row 2 are
respondent attributes. The measure word is the column's question, so the pairing rules see the
importance/satisfaction wording; the statement pairs the two. The numbers are ratings as typed
(5 = very important / very satisfied, as the header says), not a platform's recodes.
"""

from __future__ import annotations

import re

from core.intake.importers.draft import IMPORTANCE, SATISFACTION
from core.intake.importers.options import ImportOptions
from core.intake.importers.platforms.header_rows import HeaderPair, best_pair
from core.intake.importers.platforms.table import ID, PlatformTable, SurveyColumn, split_table
from core.intake.importers.reading import SourceFile
from core.intake.importers.wording import measure_in
from core.wording import agree, plural

NAME = "calculator-style table"
LAYOUT = "two header rows: Importance/Satisfaction, then the outcome statements"
ID_NAMES = {"respondent", "respondent id", "respondent_id", "id", "#", "no", "no.", "nr", "response id", "name"}
MAX_MEASURE_TEXT = 40  # a measure label ("Importance (1-5)"), not a question text
_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")
_SHORT = {"imp": IMPORTANCE, "imp.": IMPORTANCE, "sat": SATISFACTION, "sat.": SATISFACTION}
_WORDING = {IMPORTANCE: "Importance", SATISFACTION: "Satisfaction"}  # the question of a column under "Imp"


def _measure(cell: str) -> str | None:
    """The measure a row-1 label names ("Importance", "Satisfaction (1–5)"), or None."""
    if not cell or len(cell) > MAX_MEASURE_TEXT or "?" in cell:
        return None
    return measure_in(cell) or _SHORT.get(cell.lower())


def _score(pair: HeaderPair) -> float:
    """0.9 when row 1 holds only measure labels (and an id header), both measures, over row-2
    statements that are text, not numbers."""
    measures = set()
    for top, sub in zip(pair.top, pair.sub, strict=True):
        if not top:
            continue
        found = _measure(top)
        if found is None and top.lower() not in ID_NAMES:
            return 0.0
        if found is not None:
            if not sub or _NUMBER.match(sub):
                return 0.0
            measures.add(found)
    return 0.9 if len(measures) == 2 else 0.0


def detect(source: SourceFile) -> float:
    found = best_pair(source, _score)
    return found[1] if found else 0.0


def parse(source: SourceFile, options: ImportOptions) -> PlatformTable:
    """One column per cell of row 2: rated under the measure carried from row 1, or the id, or an attribute."""
    found = best_pair(source, _score)
    assert found is not None
    pair = found[0]
    grid = split_table(pair.table, 2, pair.start)
    top = pair.top + [""] * (grid.width - len(pair.top))
    sub = pair.sub + [""] * (grid.width - len(pair.sub))
    columns, measure, id_column = [], "", None
    for i in range(grid.width):
        if top[i] and _measure(top[i]):  # "Imp" becomes "Importance": the pairing rules read wording
            measure = top[i] if measure_in(top[i]) else _WORDING[_measure(top[i]) or IMPORTANCE]
        elif top[i]:  # an id header in row 1
            measure = ""
        label = sub[i] or top[i] or f"column {i + 1}"
        column = SurveyColumn(i, f"{measure} - {sub[i]}" if measure and sub[i] else label, grid.columns[i])
        if id_column is None and not measure and label.lower() in ID_NAMES:
            column.kind, id_column = ID, i
        elif measure and sub[i]:
            column.question, column.statement, column.block = measure, sub[i], measure
            column.codebook_keys = (measure,)
        else:
            column.question = label
        columns.append(column)
    table = PlatformTable(
        NAME,
        LAYOUT,
        pair.table.name,
        source.where(pair.table),
        [top, sub],
        columns,
        grid.row_numbers,
        id_column=id_column,
        numbers_are_codes=False,
    )
    if pair.title_rows:
        table.notes.append(
            f"{plural(pair.title_rows, 'title row')} above the two header rows "
            f"{agree(pair.title_rows, 'was', 'were')} skipped."
        )
    return table
