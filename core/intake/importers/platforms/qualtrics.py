"""Qualtrics exports (.csv, .tsv, .xlsx): three header rows (docs/FORMATS.md §1).

Row 1 holds export tags (``Q5_1``, ``Q7#1_1`` side by side, ``1_Q5_1`` Loop & Merge), row 2
the text (``Question - Statement``, HTML stripped; in the account's language, so never used
for metadata), row 3 the ImportIds as JSON (``{"ImportId":"QID5_1","timeZone":…}``).
Statements are what row 2 has after the text all columns of the question share. Previews,
tests and spam are dropped; unfinished responses are dropped unless kept on request. Values
are choice text or numeric recodes (direction unknown from the file, -99 and other negative
codes missing).

Legacy exports (before 2017) have two header rows: ``V1, V2, …`` over the metadata, whose names
(``ResponseID, ResponseSet, Name, ExternalDataReference, EmailAddress, IPAddress, Status,
StartDate, EndDate, Finished``) are in row 2, then the export tags (``Q5_1``) over the question
text, joined to the statement by a bare ``-`` (``…to you?-Minimize the time…``).
"""

from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
import pandas as pd

from core.intake.importers.options import ImportOptions
from core.intake.importers.platforms.table import (
    ID,
    META,
    QUESTION,
    SKIP,
    PlatformTable,
    SurveyColumn,
    clean_text,
    first_rows,
    header_grid,
    header_keys,
    partial_responses,
)
from core.intake.importers.reading import SourceFile, Table, has_value

NAME = "Qualtrics"
META_TAGS = {
    "startdate",
    "enddate",
    "status",
    "ipaddress",
    "progress",
    "duration (in seconds)",
    "finished",
    "recordeddate",
    "recipientlastname",
    "recipientfirstname",
    "recipientemail",
    "externalreference",
    "externaldatareference",
    "locationlatitude",
    "locationlongitude",
    "distributionchannel",
    "userlanguage",
    "q_recaptchascore",
    "q_relevantidduplicate",
    "q_relevantidduplicatescore",
    "q_relevantidfraudscore",
    "q_relevantidlaststartdate",
    "q_ballotboxstuffing",
    "q_totalduration",
    "q_url",
    "q_language",
    "q_unansweredpercentage",
    "q_unansweredquestions",
    "q_duplicaterespondent",
    "responseset",
    "emailaddress",
    "locationaccuracy",
}
META_IDS = {
    "startdate",
    "enddate",
    "status",
    "ipaddress",
    "progress",
    "duration",
    "finished",
    "recordeddate",
    "recipientlastname",
    "recipientfirstname",
    "recipientemail",
    "externaldatareference",
    "locationlatitude",
    "locationlongitude",
    "distributionchannel",
    "userlanguage",
}
# JSON (``{"ImportId":"QID1"}``) or the Python-dict spelling of 2016 exports (``{'ImportId': 'QID1'}``):
# read as text by this pattern, never evaluated
_IMPORT_ID = re.compile(r"""["']?importid["']?\s*:\s*(?P<q>["'])(?P<id>(?:(?!(?P=q)).)*)(?P=q)""", re.I)
_QID = re.compile(
    r"^(?:(?P<loop>\d+)_)?QID(?P<q>\d+)(?:#(?P<scale>\d+))?(?:_(?P<code>[^_]+))?(?:_(?P<sub>TEXT|DO))?$", re.I
)
_TAG = re.compile(r"^(?:(?P<loop>\d+)_)?(?P<tag>.+?)(?:#(?P<scale>\d+))?(?:_(?P<code>[^_#]+))?$")
PREVIEW = "Qualtrics survey previews (Status: Survey Preview)"
TEST = "Qualtrics test responses (Status: Survey Test)"
SPAM = "responses Qualtrics flagged as spam (Status: Spam)"
UNFINISHED = "unfinished responses (Finished = False)"  # the drop reason adds how to keep them
STATUS_DROPS = {
    "1": PREVIEW,
    "survey preview": PREVIEW,
    "17": PREVIEW,
    "offline survey preview": PREVIEW,
    "offline preview": PREVIEW,
    "2": TEST,
    "survey test": TEST,
    "8": SPAM,
    "spam": SPAM,
    "9": SPAM,
    "preview spam": SPAM,
}


def _import_id(cell: object) -> str:
    match = _IMPORT_ID.search(str(cell or ""))
    return match.group("id") if match else ""


def _has_import_ids(row: list[str]) -> bool:
    cells = [c for c in row if c]
    return bool(cells) and sum(bool(_import_id(c)) for c in cells) >= 0.5 * len(cells)


_LEGACY_V = re.compile(r"^V\d+$")


def _is_legacy(rows: list[list[str]]) -> bool:
    """Row 1 starts ``V1, V2, …`` and row 2 names the legacy metadata (ResponseID, StartDate)."""
    if len(rows) < 2 or [c for c in rows[0][:3]] != ["V1", "V2", "V3"]:
        return False
    return {"responseid", "startdate"} <= header_keys(rows[1])


def _find(source: SourceFile) -> tuple[Table, int, float] | None:
    """The sheet, its number of header rows and the confidence."""
    for table, rows in first_rows(source, 3):
        if len(rows) >= 3 and _has_import_ids(rows[2]):
            return table, 3, 1.0
        if _is_legacy(rows):
            return table, 2, 0.95
        keys = header_keys(rows[0])
        if len(rows) >= 2 and {"startdate", "enddate"} <= keys and keys & {"responseid", "status", "finished"}:
            return table, 2, 0.8
    return None


def detect(source: SourceFile) -> float:
    """1.0 for a row of ImportIds under two header rows; 0.95 for a legacy export (V1, V2… over
    ResponseID, …); 0.8 for Qualtrics metadata names in row 1."""
    found = _find(source)
    return found[2] if found else 0.0


def _dash_prefix(texts: list[str]) -> str:
    """The text all ``texts`` share, cut back to its last `` - `` (the question of a grid)."""
    low, high = min(texts), max(texts)  # the prefix all share is the prefix of the extremes
    size = next((i for i, (a, b) in enumerate(zip(low, high, strict=False)) if a != b), len(low))
    prefix = low[:size]
    cut = prefix.rfind(" - ")
    return prefix[: cut + 3] if cut >= 0 else ""


def _split_texts(columns: list[SurveyColumn], texts: dict[int, str]) -> None:
    """Question, scale header and statement of each column, from row 2 of its question's columns."""
    questions: dict[str, list[SurveyColumn]] = defaultdict(list)
    for column in columns:
        questions[column.block.split("#")[0]].append(column)
    for group in questions.values():
        scales: dict[str, list[SurveyColumn]] = defaultdict(list)
        for column in group:
            scales[column.block].append(column)
        question = _dash_prefix([texts[c.index] for c in group]) if len(group) > 1 else ""
        for members in scales.values():
            scale = _dash_prefix([texts[c.index] for c in members]) if len(members) > 1 else question
            if len(members) == 1 and len(scales) > 1 and question:  # one statement per side-by-side scale
                head, dash, _ = texts[members[0].index][len(question) :].partition(" - ")
                scale = question + head + dash if dash else question
            for column in members:
                text = texts[column.index]
                if scale and text.startswith(scale) and len(text) > len(scale):
                    column.question = question.rstrip(" -") or scale.rstrip(" -")
                    column.scale_header = scale[len(question) :].strip(" -") if question else ""
                    column.statement = text[len(scale) :].strip()
                else:
                    head, _, tail = text.partition(" - ")
                    column.question, column.statement = head.strip(), tail.strip()


def _legacy_dashes(tags: list[str], texts: dict[int, str]) -> None:
    """Legacy row 2 joins question and statement with a bare ``-``: within each export tag's columns,
    the last ``-`` of the text they all share becomes `` - `` (what the modern export writes)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, tag in enumerate(tags):
        parts = _TAG.match(tag)
        if parts and parts.group("code"):
            groups[parts.group("tag")].append(i)
    for members in groups.values():
        shared = [texts[i] for i in members]
        if len(shared) < 2:
            continue
        low, high = min(shared), max(shared)
        size = next((k for k, (a, b) in enumerate(zip(low, high, strict=False)) if a != b), len(low))
        cut = low[:size].rfind("-")
        if cut <= 0 or low[cut - 1 : cut + 2] == " - ":
            continue
        for i in members:
            texts[i] = f"{texts[i][:cut].rstrip()} - {texts[i][cut + 1 :].lstrip()}"


def _describe(index: int, tag: str, import_id: str, values: np.ndarray) -> SurveyColumn:
    column = SurveyColumn(index, tag, values)
    lowered = tag.lower()
    if lowered == "responseid" or import_id.lower() == "_recordid":
        column.kind = ID
    elif lowered in META_TAGS or import_id.lower() in META_IDS:
        column.kind = META
    elif lowered.endswith("_do") or import_id.upper().endswith("_DO"):
        column.kind = SKIP
    qid = _QID.match(import_id)
    parts = _TAG.match(tag)
    if qid:
        loop, scale = qid.group("loop") or "", qid.group("scale")
        column.block = f"{loop + '_' if loop else ''}QID{qid.group('q')}" + (f"#{scale}" if scale else "")
        if qid.group("sub"):  # a text entry (QID5_4_TEXT) is not one of the grid's statements
            column.block += f"_{qid.group('sub').upper()}"
        column.code = qid.group("code") or ""
        column.loop = loop
        column.codebook_keys = (
            f"QID{qid.group('q')}#{scale}" if scale else "",
            f"QID{qid.group('q')}",
            (parts.group("tag") if parts else tag),
            tag,
        )
    elif parts and column.kind == QUESTION:
        column.block = (
            (parts.group("loop") or "")
            + parts.group("tag")
            + (f"#{parts.group('scale')}" if parts.group("scale") else "")
        )
        column.code, column.loop = parts.group("code") or "", parts.group("loop") or ""
        column.codebook_keys = (parts.group("tag"), tag)
    return column


def _flag(values: np.ndarray) -> np.ndarray:
    """Finished / Status cells as lower-case text ("1.0" → "1", True → "true"), once per distinct value."""

    def text(v: object) -> str:
        if isinstance(v, bool | np.bool_):
            return "true" if v else "false"
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return "" if v is None or (isinstance(v, float) and v != v) else str(v).strip().lower()

    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=False)
    return np.array([text(u) for u in uniques] or [""], dtype=object)[codes]


def _numeric(columns: list[SurveyColumn], by_tag: dict[str, int]) -> bool:
    """Whether the export holds numeric values, decided by the answers themselves: most answered
    question columns (text entries left out) hold only numbers. Status (0/1/2… with numeric
    values, "IP Address"… with choice text) decides only when no question has an answer, as its
    spelling does not always follow the answers' mode."""
    words = numbers = 0
    for column in columns:
        if column.kind != QUESTION or column.block.upper().endswith("_TEXT"):
            continue
        answers = [v for v in column.values[:50] if has_value(v)]
        if any(isinstance(v, str) and re.search(r"[a-z]{3}", v, re.I) for v in answers):
            words += 1
        elif answers:
            numbers += 1
    if words or numbers:
        return numbers > words
    if "status" in by_tag:
        return all(re.fullmatch(r"\d+", s) for s in set(_flag(columns[by_tag["status"]].values)) if s)
    return False


def _filters(table: PlatformTable, by_tag: dict[str, int], options: ImportOptions) -> None:
    """Drop previews, tests and spam by Status, and unfinished responses (Finished, or Progress) unless kept."""
    if "status" in by_tag:
        status = _flag(table.columns[by_tag["status"]].values)
        for reason in (PREVIEW, TEST, SPAM):
            codes = [code for code, why in STATUS_DROPS.items() if why == reason]
            table.drop(reason, np.isin(status, codes))
    if "finished" in by_tag:
        finished = _flag(table.columns[by_tag["finished"]].values)
        unfinished = np.isin(finished, ["0", "false"])
    elif "progress" in by_tag:
        progress = np.array(
            [
                float(p) if re.fullmatch(r"\d+(\.\d+)?", str(p).strip()) else 100.0
                for p in table.columns[by_tag["progress"]].values
            ]
        )
        unfinished = progress < 100
    else:
        return
    partial_responses(table, unfinished, UNFINISHED, options.keep_partial, kind="unfinished")


def parse(source: SourceFile, options: ImportOptions) -> PlatformTable:
    """The export as described columns, with previews, tests, spam and (by default) unfinished responses dropped."""
    found = _find(source)
    assert found is not None
    sheet, header_count, _ = found
    grid = header_grid(sheet, header_count)
    tags = [clean_text(c) for c in grid.header_rows[0]]
    texts = {i: clean_text(c, strip_html=True) for i, c in enumerate(grid.header_rows[1])}
    legacy = _is_legacy([tags, list(texts.values())])
    v_columns = {i for i, tag in enumerate(tags) if legacy and _LEGACY_V.match(tag)}
    if legacy:
        tags = [texts[i] if _LEGACY_V.match(tag) else tag for i, tag in enumerate(tags)]
        _legacy_dashes(tags, texts)
    ids = [_import_id(c) for c in grid.header_rows[2]] if header_count == 3 else [""] * grid.width
    columns = [
        _describe(i, tags[i] or texts[i] or f"column {i + 1}", ids[i], grid.columns[i]) for i in range(grid.width)
    ]
    _split_texts([c for c in columns if c.kind == QUESTION], texts)
    for column in columns:
        column.header = tags[column.index] or texts[column.index] or column.header
        if column.index in v_columns and column.kind == QUESTION:
            column.kind = META  # Name, and whatever other metadata a legacy export had
    by_tag = {c.header.lower(): c.index for c in columns if c.kind in (META, ID)}
    numeric = _numeric(columns, by_tag)
    table = PlatformTable(
        NAME,
        f"Qualtrics {'legacy ' if legacy else ''}export ({'numeric values' if numeric else 'choice text'})",
        sheet.name,
        source.where(sheet),
        [tags, [texts[i] for i in range(grid.width)]] + ([ids] if header_count == 3 else []),
        columns,
        grid.row_numbers,
        id_column=by_tag.get("responseid"),
        numbers_are_codes=True,
    )
    if legacy:
        table.notes.append("Legacy Qualtrics export (V1, V2… header): metadata names and question text from row 2.")
    elif header_count == 2:
        table.notes.append("The ImportId header row is missing; columns were read from the export tags.")
    _filters(table, by_tag, options)
    return table
