"""Survey-platform exports from recognition to draft, and the mapping proposal for the screen.

recognise the platform by its header → parse (columns described, filters set) → codebook and
answer codes → mapping (detected by the pairing rules, or the user's) → draft. The same steps
serve :func:`propose` (what :func:`detect_mapping` returns) and
:func:`core.intake.importers.import_survey`, so the screen shows exactly what the import will do.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from core.intake.importers import canonical
from core.intake.importers.answers import profile
from core.intake.importers.codebook import Codebook, code_text
from core.intake.importers.columnar_input import text_layout
from core.intake.importers.draft import Draft
from core.intake.importers.mapped import numeric_columns, platform_draft
from core.intake.importers.mapping import ColumnMapping, MappingProposal, header_signature
from core.intake.importers.options import ImportOptions
from core.intake.importers.pairing import propose as pair_columns
from core.intake.importers.pairing_log import rule_counts, rule_notes
from core.intake.importers.platforms import generic, recognise
from core.intake.importers.platforms.table import QUESTION, PlatformTable, SurveyColumn
from core.intake.importers.reading import SourceFile, UnreadableFile, has_value, read_source
from core.intake.report import Message, ValidationReport
from core.wording import plural


def _map_values(values: np.ndarray, lookup) -> tuple[np.ndarray, bool]:
    """``values`` with each distinct value replaced by ``lookup(value)`` when that is not None."""
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    replaced = [lookup(u) for u in uniques]
    if not any(r is not None for r in replaced):
        return values, False
    table = np.array([r if r is not None else u for u, r in zip(uniques, replaced, strict=True)] + [None], dtype=object)
    return table[codes], True


def apply_codebook(table: PlatformTable, codebook: Codebook) -> None:
    """Replace codes by their labels in every answer column the codebook describes."""
    for column in table.columns:
        labels = codebook.labels_for(column.codebook_keys) if column.kind == QUESTION else None
        if labels and (table.answer_codes is not None or profile(column).numeric_only):
            values, changed = _map_values(column.values, lambda v, book=labels: book.get(code_text(v)))
            if changed:
                column.set_values(values)
                table.codebook_columns.add(column.index)
    if table.codebook_columns:
        table.notes.append(
            f"Codebook {codebook.source}: the codes of {plural(len(table.codebook_columns), 'column')} were "
            "read as their labels, which fix the direction."
        )


def decode_answer_codes(table: PlatformTable) -> None:
    """Letter answer codes (LimeSurvey ``A1``…``A5``) → their numbers, in columns holding nothing else."""
    pattern = table.answer_codes
    if pattern is None:
        return
    decoded = 0
    for column in table.columns:
        if column.kind != QUESTION or column.index in table.codebook_columns:
            continue
        answers = {str(v).strip() for v in pd.unique(pd.Series(column.values, dtype=object)) if has_value(v)}
        if answers and all(pattern.match(a) for a in answers):
            values, _ = _map_values(column.values, lambda v, p=pattern: _code_number(p, v))
            column.set_values(values)
            decoded += 1
    if decoded:
        table.notes.append(f"Answer codes (A1, A2, …) of {plural(decoded, 'column')} were read as their numbers.")


def _code_number(pattern: re.Pattern[str], value: object) -> int | None:
    """The number of one answer code (``A4`` → 4); None for an empty cell."""
    match = pattern.match(str(value).strip()) if has_value(value) else None
    return int(match.group(1)) if match else None


def platform_table(file: SourceFile, options: ImportOptions) -> PlatformTable | None:
    """The file as its platform describes it (codebook applied), or None when no platform signature matches.

    Without a codebook, the table is made once per read file and ``keep_partial``: the app's upload
    check proposes the mapping, then imports, from the same table and its columns' parsed answers
    (0.5–0.6 s of a 5,000 × 150 Qualtrics export's check). Nothing later changes a table's columns; the import
    only names its layout with the kind of answers, which the proposal computes the same way.
    """
    if options.codebook is not None:
        return _made(file, options)
    if options.keep_partial not in file.platform_tables:
        file.platform_tables[options.keep_partial] = _made(file, options)
    return file.platform_tables[options.keep_partial]


def _made(file: SourceFile, options: ImportOptions) -> PlatformTable | None:
    platform = recognise(file)
    if platform is None:
        return None
    table = platform.parse(file, options)
    _prepare(table, options)
    return table


def _prepare(table: PlatformTable, options: ImportOptions) -> None:
    if options.codebook is not None:
        apply_codebook(table, options.codebook)
        if not table.codebook_columns:
            table.warnings.append(_codebook_unused(options.codebook, table))
    if table.answer_codes is not None:
        decode_answer_codes(table)


def _codebook_unused(codebook: Codebook, table: PlatformTable):
    return Message(
        f"The codebook {codebook.source} describes none of the columns' codes, so it was not used.",
        table.where,
        "Check that its question codes (Q5, QID5, G01Q01) or column headers match the export.",
    )


def _mapping(table: PlatformTable, options: ImportOptions, report: ValidationReport) -> ColumnMapping:
    if options.mapping is not None:
        by_hand = sum(c.rule == "set by hand" for c in options.mapping.columns)
        report.notes.append(f"Columns mapped as given ({by_hand} set by hand).")
        report.notes.extend(rule_notes(options.mapping))
        return options.mapping
    mapping, _, warnings = pair_columns(table)
    report.warnings.extend(warnings)
    report.notes.extend(mapping.notes)
    return mapping


def _with_mode(table: PlatformTable, mapping: ColumnMapping) -> str:
    """The layout with the kind of answers, unless the platform named it already."""
    if "(" in table.layout or not mapping.rating_columns():
        return table.layout
    numeric = (
        len(numeric_columns(table, mapping)) == len(mapping.rating_columns())
        if table.numbers_are_codes
        else all(profile(table.columns[c.index]).numeric_only for c in mapping.rating_columns())
    )
    return f"{table.layout} ({'numeric values' if numeric else 'answer text'})"


def platform_import(
    table: PlatformTable, options: ImportOptions, report: ValidationReport
) -> tuple[Draft | None, ColumnMapping]:
    """Pair (or take the user's mapping) and build the draft, logging the platform and the rules."""
    report.platform = table.platform
    report.notes.append(
        f"Recognised as a {table.platform} export from its header rows."
        if table.platform != generic.NAME
        else "Imported with the column mapping given (no known layout)."
    )
    report.notes.extend(table.notes)
    report.warnings.extend(table.warnings)
    if table.n_rows == 0:
        report.error(
            "The export has its header rows but no responses.",
            table.where,
            "Export the survey again including its responses (check the export's date range and filters).",
        )
        return None, options.mapping or ColumnMapping([])
    mapping = _mapping(table, options, report)
    report.pairing = dict(rule_counts(mapping))
    table.layout = _with_mode(table, mapping)
    report.format = table.layout
    return platform_draft(table, mapping, options, report), mapping


def _samples(table: PlatformTable) -> list[list[str]]:
    samples = []
    for column in table.columns:
        shown = []
        for value in pd.unique(pd.Series(column.values[:500], dtype=object)):
            if has_value(value):
                shown.append(str(value).strip()[:80])
                if len(shown) == 5:
                    break
        samples.append(shown)
    return samples


def question_text(column: SurveyColumn) -> str:
    """The column's question and statement as the export words them, or "" when its header says as much."""
    parts = list(dict.fromkeys(p for p in (column.question, column.scale_header, column.statement) if p))
    return "" if all(p in column.header for p in parts) else " - ".join(parts)


def propose(
    source: str | Path | bytes | BinaryIO,
    file_name: str | None = None,
    *,
    codebook: Codebook | None = None,
    keep_partial: bool = False,
) -> MappingProposal:
    """What :func:`detect_mapping` returns; never raises."""
    if file_name is None:
        file_name = Path(source).name if isinstance(source, str | Path) else str(getattr(source, "name", "upload"))
    layout = text_layout(source, file_name) if isinstance(source, bytes) else None
    if layout is not None:  # a plain canonical table: no need to read every row for the layout
        return canonical_proposal(file_name, layout)
    report = ValidationReport(file_name=file_name)
    try:
        file = read_source(source, file_name)
    except UnreadableFile as exc:
        report.error(exc.problem, file_name, exc.fix)
        return MappingProposal("", "", [], [], "", None, [], [], [], report)
    return propose_source(file, ImportOptions(codebook=codebook, keep_partial=keep_partial))


def canonical_proposal(file_name: str, layout: str) -> MappingProposal:
    """The proposal for a canonical ``layout`` ("canonical long table", …): nothing to map."""
    report = ValidationReport(file_name=file_name)
    report.format = layout
    return MappingProposal("canonical", layout, [], [], "", None, [], [], [], report)


def propose_source(file: SourceFile, options: ImportOptions) -> MappingProposal:
    """:func:`propose` for a file already read (so that one read serves the proposal and the import)."""
    file_name = file.file_name
    report = ValidationReport(file_name=file_name)
    table = platform_table(file, options)
    if table is None:
        layout = canonical.detect(file)
        if layout is not None:
            return canonical_proposal(file_name, layout)
        table = generic.parse(file)
        if table is None:
            report.error("The file has no table to map.", file_name, "Export the survey again with its responses.")
            return MappingProposal("", "", [], [], "", None, [], [], [], report)
    report.notes.extend(table.notes)
    report.warnings.extend(table.warnings)
    mapping, unrecognised, warnings = pair_columns(table)
    report.warnings.extend(warnings)
    report.notes.extend(mapping.notes)
    report.platform = table.platform
    report.format = _with_mode(table, mapping)
    return MappingProposal(
        table.platform,
        report.format,
        table.header_rows,
        [c.header for c in table.columns],
        header_signature(table.header_rows),
        mapping,
        unrecognised,
        numeric_columns(table, mapping),
        _samples(table),
        report,
        [question_text(c) for c in table.columns],
    )


def detect_mapping(
    source: str | Path | bytes | BinaryIO, file_name: str | None = None, *, codebook=None, keep_partial: bool = False
) -> MappingProposal:
    """Read a file and propose its column mapping (see :class:`MappingProposal`); never raises."""
    return propose(source, file_name, codebook=codebook, keep_partial=keep_partial)
