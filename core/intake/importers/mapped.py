"""A platform export plus its column mapping → a :class:`~core.intake.importers.draft.Draft`.

Applies the respondent filters (each dropped respondent counted with its reason), checks a
user's mapping against the file, settles the direction of numeric codes (asks, warns, or
applies the declared direction; labels and codebooks need none), numbers the outcomes O1, O2 …
in column order and hands ratings, competitor ratings, attributes and the job map to the
shared assembly.
"""

from __future__ import annotations

import re
from collections import defaultdict

import numpy as np

from core.intake.importers.answers import profile
from core.intake.importers.draft import CompetitorColumn, Draft, OutcomeDecl, RatingColumn
from core.intake.importers.mapping import (
    ATTRIBUTE,
    COMPETITOR,
    CURRENT_SOLUTION,
    IGNORE,
    IMPORTANCE,
    NOT_RECOGNISED,
    RATING_ROLES,
    SATISFACTION,
    ColumnMapping,
)
from core.intake.importers.options import ImportOptions
from core.intake.importers.pairing import SINGLE_QUESTION, UNNAMED_SOLUTION
from core.intake.importers.platforms.table import PlatformTable
from core.intake.report import ValidationReport
from core.wording import first_few, plural

_MANGLED_ID = re.compile(r"^\d(?:[.,]\d+)?e\+?\d+$", re.I)
DIRECTION_FIX = (
    "Say which way the codes run: 1 = not at all important / satisfied (as exported), or 1 = extremely "
    "important / satisfied (reversed). On the command line pass --reverse (1 = best) or --codebook FILE "
    "(the survey's .qsf, or a code,label CSV); or export the survey again with the answer text."
)


UNPLACED_WHY = {
    NOT_RECOGNISED: "rating values, but no wording or answer label says importance or satisfaction",
    SINGLE_QUESTION: "a question whose wording names neither importance nor satisfaction",
    UNNAMED_SOLUTION: "another satisfaction question for an outcome, naming no solution",
}


def numeric_columns(table: PlatformTable, mapping: ColumnMapping) -> list[str]:
    """Rating columns answered with numbers alone, when the platform's numbers are codes behind labels."""
    if not table.numbers_are_codes:
        return []
    return [
        c.header
        for c in mapping.rating_columns()
        if c.index < len(table.columns)
        and c.index not in table.codebook_columns
        and profile(table.columns[c.index]).numeric_only
    ]


def _shown(headers: list[str]) -> str:
    return ", ".join(f"'{h}'" for h in headers[:5]) + (f" and {len(headers) - 5} more" if len(headers) > 5 else "")


def settle_direction(
    table: PlatformTable, mapping: ColumnMapping, options: ImportOptions, report: ValidationReport
) -> set[str] | None:
    """The headers of the columns to reverse; None when the import stops to ask."""
    unknown = numeric_columns(table, mapping)
    rated = mapping.rating_columns()
    if table.codebook_columns & {c.index for c in rated}:
        report.direction = "codebook"
    elif rated and table.numbers_are_codes and len(unknown) < len(rated):
        report.direction = "labels"
    if not unknown:
        if options.direction == "reverse" and rated:
            report.warn(
                "The request to reverse the codes was ignored: the answers are labels (or numbers the "
                "respondents chose), which fix the direction themselves.",
                table.where,
                "Leave out --reverse for this file.",
            )
        return set()
    where = f"{table.where}, columns {_shown(unknown)}"
    what = f"{len(unknown)} rating columns hold numeric codes only ({table.layout})"
    if options.direction == "ask":
        report.direction_unknown = unknown
        report.error(
            f"{what}; the file cannot tell whether 1 is the lowest or the highest answer.", where, DIRECTION_FIX
        )
        return None
    if options.direction == "warn":
        report.direction = "as exported (assumed)"
        report.warn(
            f"ASSUMED DIRECTION: {what}, read as exported: 1 = lowest (not at all important / satisfied) "
            "up to the top of the scale = highest. The file cannot tell; if the survey coded 1 as the best "
            "answer, every score is inverted.",
            where,
            "If 1 is the best answer in your survey, run again with --reverse; or pass --codebook FILE "
            "(.qsf or code,label CSV) so the labels decide.",
        )
        return set()
    reverse = options.direction == "reverse"
    declared = "reversed (declared: 1 = best)" if reverse else "as exported (declared: 1 = lowest)"
    report.direction = declared
    report.notes.append(f"Numeric codes of {len(unknown)} rating columns read {declared}.")
    return set(unknown) if reverse else set()


def _respondent_ids(
    table: PlatformTable, mapping: ColumnMapping, keep: np.ndarray, report: ValidationReport
) -> tuple[np.ndarray | None, str | None]:
    index = mapping.respondent_id
    if index is None or index >= len(table.columns):
        return None, None
    column = table.columns[index]
    ids = column.values[keep]
    texts = [str(v).strip() for v in ids]
    mangled = [t for t in texts if _MANGLED_ID.match(t)]
    if mangled:
        report.warn(
            f"{len(mangled)} respondent ids were turned into rounded numbers such as '{mangled[0]}' "
            "(Excel does this to long ids), so they no longer identify respondents; respondents were "
            "numbered R00001, R00002, … in file order instead.",
            f"{table.where}, column '{column.header}'",
            "Export the survey again and upload the export without opening it in Excel first.",
        )
        return None, None
    return ids, column.header


def _ignored_notes(table: PlatformTable, mapping: ColumnMapping, report: ValidationReport) -> None:
    by_rule: dict[str, list[str]] = defaultdict(list)
    for c in mapping.columns:
        if c.role == IGNORE and c.index != mapping.respondent_id:
            by_rule[c.rule or "ignored in the mapping"].append(c.header)
    missing = sorted({c.index for c in table.columns} - {c.index for c in mapping.columns} - {mapping.respondent_id})
    if missing:
        by_rule["not in the column mapping"] = [table.columns[i].header for i in missing]
    for rule, headers in by_rule.items():
        report.notes.append(f"Left out {plural(len(headers), 'column')} ({rule}): {first_few(headers, shown=8)}.")
    unplaced = [c.header for c in mapping.columns if c.rule == NOT_RECOGNISED and c.role == ATTRIBUTE]
    paired = {c.outcome_key for c in mapping.columns if c.role == IMPORTANCE} & {
        c.outcome_key for c in mapping.columns if c.role == SATISFACTION
    }
    if unplaced and paired:  # with nothing to score, the error lists them (no second message)
        report.warn(
            (
                f"1 column holds ratings, but neither its wording nor its answers say whether it rates importance "
                f"or satisfaction; it was kept as a respondent attribute: {_shown(unplaced)}."
                if len(unplaced) == 1
                else f"{plural(len(unplaced), 'column')} hold ratings, but neither their wording nor their answers "
                f"say whether they rate importance or satisfaction; they were kept as respondent attributes: "
                f"{_shown(unplaced)}."
            ),
            table.where,
            "Set their role on the column-mapping screen (importance, satisfaction or competitor "
            "satisfaction), or reword the questions so they say 'important' or 'satisfied'.",
        )


def platform_draft(
    table: PlatformTable, mapping: ColumnMapping, options: ImportOptions, report: ValidationReport
) -> Draft | None:
    """The draft of ``table`` under ``mapping``; None (with an error in ``report``) when it cannot be built."""
    problems = mapping.problems([c.header for c in table.columns])
    if problems:
        report.error(
            f"The column mapping does not fit this file: {'; '.join(problems[:5])}.",
            table.where,
            "Map the columns again on the column-mapping screen; the mapping was made for another header.",
        )
        return None
    for reason, mask in table.drops:
        report.drop(reason, table.row_labels(mask))
    reverse = settle_direction(table, mapping, options, report)
    if reverse is None:
        return None
    keep = table.kept()
    if not keep.any():
        reasons = "; ".join(f"{int(mask.sum())} {reason.split(',')[0]}" for reason, mask in table.drops)
        report.error(
            f"All {table.n_rows} responses were left out by the export's filters ({reasons}).",
            table.where,
            "Keep partial responses (setting or --keep-partial) if they should count, or export the "
            "survey's real responses rather than previews and tests.",
        )
        return None
    ids, id_header = _respondent_ids(table, mapping, keep, report)
    draft = Draft(
        table.layout,
        table.sheet,
        table.where,
        table.row_numbers[keep],
        ids,
        id_header,
        job_map_where=table.where,
        platform=table.platform,
        rows_in_file=table.n_rows,
    )
    roles = sorted(mapping.columns, key=lambda c: (c.role != IMPORTANCE, c.index))
    outcome_ids: dict[str, str] = {}
    for c in roles:
        if c.role in (IMPORTANCE, SATISFACTION, COMPETITOR) and c.outcome_key not in outcome_ids:
            outcome_ids[c.outcome_key] = f"O{len(outcome_ids) + 1}"
            draft.job_map = (draft.job_map or []) + [
                OutcomeDecl(outcome_ids[c.outcome_key], c.statement or c.header, c.step or None)
            ]
    for c in sorted(mapping.columns, key=lambda c: c.index):
        column = table.columns[c.index]
        values = column.values[keep]
        parsed = column.parsed.subset(keep) if column.parsed is not None and c.role in RATING_ROLES else None
        if c.role in (IMPORTANCE, SATISFACTION):
            draft.wide.append(
                RatingColumn(
                    c.header,
                    outcome_ids[c.outcome_key],
                    c.role,
                    values,
                    c.statement,
                    c.step,
                    reversed=c.header in reverse,
                    parsed=parsed,
                    block=column.block,
                )
            )
        elif c.role == COMPETITOR:
            draft.competitor_columns.append(
                CompetitorColumn(
                    c.header,
                    outcome_ids[c.outcome_key],
                    c.competitor.strip(),
                    values,
                    reversed=c.header in reverse,
                    parsed=parsed,
                )
            )
        elif c.role in (ATTRIBUTE, CURRENT_SOLUTION):
            draft.attributes.append((c.header, values))
            if c.role == CURRENT_SOLUTION and not report.current_solution:
                report.current_solution = c.header
                report.notes.append(f"Current solution of each respondent: column '{c.header}' ({c.rule}).")
    draft.unplaced = [(c.header, UNPLACED_WHY[c.rule]) for c in mapping.columns if c.rule in UNPLACED_WHY]
    _ignored_notes(table, mapping, report)
    return draft
