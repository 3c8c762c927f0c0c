"""SurveyMonkey exports (.xlsx, .csv): two header rows (docs/FORMATS.md §2).

Row 1 holds the metadata names, then each question's text over the first of its columns only
(blank after, so it is carried forward); row 2 is blank under the metadata and holds each
column's sub-label: a grid row's statement, or ``Response`` / ``Open-Ended Response`` /
``Other (please specify)`` for single columns. No-break spaces are spaces. Answers are the
label text (title case is fine) or numerical values (direction unknown from the file).

Edited exports are read too: a title typed above the two header rows (skipped), and files whose
metadata columns were deleted — then the signature is the header pattern itself: question text
carried over blank cells of row 1, and SurveyMonkey's sub-labels (``Response``,
``Open-Ended Response``) in row 2. Without a ``Respondent ID`` respondents are their row numbers.
"""

from __future__ import annotations

from core.intake.importers.options import ImportOptions
from core.intake.importers.platforms.header_rows import HeaderPair, best_pair
from core.intake.importers.platforms.table import (
    ID,
    META,
    SKIP,
    PlatformTable,
    SurveyColumn,
    clean_text,
    header_keys,
    split_table,
)
from core.intake.importers.reading import SourceFile
from core.wording import agree, plural

NAME = "SurveyMonkey"
ID_NAMES = {"respondent id", "respondentid"}
META_NAMES = {
    "collector id",
    "collectorid",
    "start date",
    "end date",
    "startdate",
    "enddate",
    "ip address",
    "email address",
    "first name",
    "last name",
}
SINGLE = {"response", "open-ended response", "other (please specify)", "question viewed", "responses"}


def _signature(row: list[str]) -> bool:
    """Row 1 names the respondent id, the collector and the start date."""
    keys = header_keys(row)
    return bool(keys & ID_NAMES and ({"collector id", "start date"} <= keys or {"collectorid", "startdate"} <= keys))


def _looks_like_text(cell: str) -> bool:
    return bool(cell) and not cell.replace(".", "", 1).replace("-", "", 1).isdigit()


def _score(pair: HeaderPair) -> float:
    """1.0 for the metadata signature; 0.75 for SurveyMonkey's header pattern without the metadata
    (row-1 text carried over blank cells, a ``Response``/``Open-Ended Response`` sub-label in row 2),
    0.6 for the pattern with the respondent id alone."""
    if _signature(pair.top):
        return 1.0
    top, sub = pair.top, pair.sub
    carried = sum(1 for i in range(1, len(top)) if not top[i] and sub[i] and any(top[:i]))
    singles = sum(1 for c in sub if c.lower() in SINGLE - {"question viewed"})
    texts = [c for c in sub if c]
    if not texts or sum(_looks_like_text(c) for c in texts) < len(texts):  # row 2 is data, not labels
        return 0.0
    if carried and singles:
        return 0.75
    if header_keys(top) & ID_NAMES and (carried or singles):
        return 0.6
    return 0.0


def detect(source: SourceFile) -> float:
    """1.0 when row 1 names Respondent ID, Collector ID and Start Date (under a title row or not);
    0.75 for the two header rows without the metadata columns."""
    found = best_pair(source, _score)
    return found[1] if found else 0.0


def parse(source: SourceFile, options: ImportOptions) -> PlatformTable:
    """Questions carried forward over their columns; statements from row 2."""
    found = best_pair(source, _score)
    assert found is not None
    pair, confidence = found
    sheet = pair.table
    grid = split_table(sheet, 2, pair.start)
    top = [clean_text(c) for c in grid.header_rows[0]]
    sub = [clean_text(c) for c in grid.header_rows[1]]
    columns, question, block, id_column = [], "", "", None
    for i in range(grid.width):
        if top[i]:
            question, block = top[i], f"q{i + 1}"
        column = SurveyColumn(
            i,
            " - ".join(t for t in (question, sub[i]) if t) or f"column {i + 1}",
            grid.columns[i],
            question=question,
            block=block,
            codebook_keys=(question,),
        )
        name = top[i].lower()
        if name in ID_NAMES and id_column is None:
            column.kind, id_column = ID, i
        elif name in META_NAMES and not sub[i]:
            column.kind = META
        elif sub[i].lower() in SINGLE or not sub[i]:
            column.statement = ""
            column.kind = SKIP if sub[i].lower() == "question viewed" else column.kind
        else:
            column.statement = sub[i]
        columns.append(column)
    table = PlatformTable(
        NAME,
        "SurveyMonkey export",
        sheet.name,
        source.where(sheet),
        [top, sub],
        columns,
        grid.row_numbers,
        id_column=id_column,
        numbers_are_codes=True,
    )
    if pair.title_rows:
        table.notes.append(
            f"{plural(pair.title_rows, 'title row')} above SurveyMonkey's two header rows "
            f"{agree(pair.title_rows, 'was', 'were')} skipped"
            f" (the header starts on row {pair.start + 1})."
        )
    if confidence < 1.0:
        table.notes.append(
            "The SurveyMonkey metadata columns (Respondent ID, Collector ID, Start Date…) are missing;"
            " the file was recognised by its two header rows"
            + ("." if id_column is not None else ", and respondents are numbered by their row.")
        )
    return table
