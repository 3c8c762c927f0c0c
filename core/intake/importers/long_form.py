"""Assembly of the canonical long layout: one row per respondent and outcome.

Linear and vectorised (issue 12): every column is held as codes into its distinct values
(:mod:`core.intake.importers.coded`); ids are cleaned, ratings read and outcome ids matched once
per distinct value, and rows are picked with numpy masks, so the cost per rating does not grow
with the number of respondents. The ratings table holds categorical id columns (no Python string
per rating).

Per-outcome columns (issue 11): a column whose values differ between one respondent's rows
describes the ratings, not the respondent, so it is never a respondent attribute (nor a group
for ``score --by``). When it is also constant per outcome and is named like a step or category
(:data:`STEP_NAMES`), and the table has no ``step`` column, it becomes the job step; otherwise
the report names it as ignored.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import numpy as np
import pandas as pd

from core.intake.importers.coded import Coded, counted, first_rows, increasing_pairs, repeated, varies_within
from core.intake.importers.draft import IMPORTANCE, SATISFACTION, Cells, OutcomeDecl
from core.intake.importers.headers import header_key, header_text, id_text, order_number, outcome_key
from core.intake.importers.survey import SurveyData
from core.intake.ratings import MISSING_POINT, ParsedColumn, as_nullable
from core.wording import agree, plural, row_list

NO_RATINGS = "without a single valid importance or satisfaction rating"
STEP_NAMES = ("job_step", "step_label", "stage", "phase", "category", "outcome_category", "categories", "theme")


def _rows(row_numbers: Sequence[int], mask: np.ndarray) -> str:
    """The first few spreadsheet rows picked by ``mask``, for messages."""
    picked = np.flatnonzero(mask)
    return row_list([row_numbers[int(i)] for i in picked[:5]], len(picked))  # a range too: no array per row


def _points(assembler, parsed: ParsedColumn, header: str | None, measure: str) -> np.ndarray:
    """The column's points, or all missing (with a warning) when the table has no such column."""
    draft = assembler.draft
    if header is None:
        assembler.report.warn(
            f"The table has no {measure} column; {measure} is missing for every outcome.",
            draft.where,
            f"Add a column '{measure}' with the {measure} ratings.",
        )
        return np.full(len(parsed.codes), MISSING_POINT, dtype=np.int16)
    assembler.choose_labels(measure, parsed.labels())
    return assembler.resolve(parsed, assembler.scale, measure, header, draft.sheet, draft.where)


def _cell_text(value: object) -> str:
    return header_text(value) if value not in (None, "") else ""


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or not str(value).strip()


def long_job_map(
    outcome_ids: Coded | Cells,
    statements: Coded | Cells | None,
    steps: Coded | Cells | None,
    orders: Coded | Cells | None,
) -> list[OutcomeDecl]:
    """One outcome per distinct id, described by the first row that names it."""
    outcome = Coded.of(outcome_ids).mapped(_cell_text)
    first = first_rows(outcome.codes, len(outcome.uniques))
    order = [code for code in np.argsort(first, kind="stable") if outcome.uniques[code] != ""]
    rows = first[order]

    def cells(column: Coded | Cells | None) -> list[str]:
        return [""] * len(rows) if column is None else [_cell_text(v) for v in Coded.of(column).values(rows)]

    return [
        OutcomeDecl(str(outcome.uniques[code]), statement, step or None, order_number(order_text))
        for code, statement, step, order_text in zip(order, cells(statements), cells(steps), cells(orders), strict=True)
    ]


def _per_outcome(assembler, rows: np.ndarray, respondent: np.ndarray, key: Coded) -> tuple[list, dict[int, str]]:
    """The attributes that describe respondents, and the step of each outcome key code taken
    from a per-outcome step or category column (empty when there is none); the report names every
    per-outcome column left out."""
    draft, report = assembler.draft, assembler.report
    has_step = draft.long.step_header is not None
    attributes, steps = [], {}
    for header, values in draft.attributes:
        raw = Coded.of(values)
        coded = raw.mapped(lambda v: None if _blank(v) else v, plain_unchanged=True)
        if not varies_within(respondent[rows], coded.codes[rows]).any():
            attributes.append((header, values.values() if isinstance(values, Coded) else values))
            continue
        step_like = header_key(header) in STEP_NAMES
        per_outcome = not varies_within(key.codes[rows], coded.codes[rows]).any()
        if step_like and per_outcome and not has_step and not steps:
            first = first_rows(np.where(rows & (coded.codes >= 0), key.codes, -1), len(key.uniques))
            steps = {k: _cell_text(coded.uniques[coded.codes[r]]) for k, r in enumerate(first) if r < len(rows)}
            report.notes.append(
                f"The column '{header}' holds one value per outcome, so it was read as the job step "
                f"({plural(len(set(steps.values())), 'step')})."
            )
            continue
        why = (
            "it holds one value per outcome, but the table already has a step column"
            if step_like and per_outcome
            else "it holds one value per outcome"
            if per_outcome
            else "its values differ between the rows of one outcome too"
        )
        report.warn(
            f"The column '{header}' was ignored: its values differ between one respondent's rows, so it is not "
            f"a respondent attribute (nor a group to compare), and {why}.",
            f"{draft.where}, column '{header}'",
            "To use it as the job step, name it 'step' and give each outcome one value; to compare groups, keep "
            "one value per respondent on all of that respondent's rows.",
        )
    return attributes, steps


def _positions(codes: np.ndarray, chosen: np.ndarray, n_codes: int) -> np.ndarray:
    """``codes`` (0…n_codes-1, each of them chosen) renumbered as positions in ``chosen`` (the
    codes kept, in their new order). The usual table keeps its codes in their own order, and then
    ``codes`` are the positions already (a code past the chosen ones, such as the blank id's slot,
    occurs on no kept row)."""
    if np.array_equal(chosen, np.arange(len(chosen))):
        return codes
    position = np.full(n_codes, -1, dtype=np.int32)
    position[chosen] = np.arange(len(chosen), dtype=np.int32)
    return position[codes]


def _repeated_pairs(r: np.ndarray, k: np.ndarray, n_ids: int, n_keys: int) -> np.ndarray:
    """Which rows repeat the (respondent, outcome) of an earlier row, in a table not sorted by them."""
    width = n_keys + 1  # codes shifted by one: a missing cell (-1) is a key of its own
    pairs = r.astype(np.int64)  # (r + 1) * width + k + 1, in place: 20 M ratings make one array, not four
    pairs += 1
    pairs *= width
    pairs += k
    pairs += 1
    return repeated(pairs, (n_ids + 1) * width)


def assemble_long(assembler) -> SurveyData | None:  # assembler: the Assembler of assemble.py
    """Ratings, respondents and attributes from a long table (see :mod:`core.intake.importers.canonical`)."""
    draft, report = assembler.draft, assembler.report
    long = draft.long
    where = draft.where
    respondent = Coded.of(long.respondent_ids).mapped(id_text, plain_unchanged=True)
    spelling = Coded.of(long.outcome_ids).mapped(id_text, plain_unchanged=True)
    key = spelling.mapped(lambda o: outcome_key(cast(str | None, o) or ""))  # id_text gave str (None: missing)
    parsed_imp, parsed_sat = Coded.of(long.importance).parsed(), Coded.of(long.satisfaction).parsed()
    headers = [(h, h) for h in (long.importance_header or IMPORTANCE, long.satisfaction_header or SATISFACTION)]
    assembler.scale = assembler.choose_scale([parsed_imp, parsed_sat], headers)
    importance = _points(assembler, parsed_imp, long.importance_header, IMPORTANCE)
    satisfaction = _points(assembler, parsed_sat, long.satisfaction_header, SATISFACTION)

    r, k = respondent.codes, key.codes
    n_ids = len(respondent.uniques)
    blank_id = np.array([u == "" for u in respondent.uniques], dtype=bool)
    blank_outcome = np.array([u == "" for u in spelling.uniques], dtype=bool)
    usable = (
        ~blank_id[r] & ~blank_outcome[spelling.codes]
        if blank_id.any() or blank_outcome.any()
        else np.ones(len(r), dtype=bool)  # the usual table: no lookup per row
    )
    unusable = int((~usable).sum())
    if unusable:
        report.warn(
            f"{plural(unusable, 'row has', 'rows have')} no respondent_id or no outcome_id and "
            f"{agree(unusable, 'was', 'were')} skipped ({_rows(draft.row_numbers, ~usable)}).",
            where,
            "Fill in respondent_id and outcome_id on every row.",
        )
    if increasing_pairs(r, k):  # the usual order: no pair can repeat
        duplicate = np.zeros(len(r), dtype=bool)
    else:
        duplicate = _repeated_pairs(r, k, n_ids, len(key.uniques)) & usable
    if duplicate.any():
        report.warn(
            f"{plural(int(duplicate.sum()), 'row repeats', 'rows repeat')} a respondent and outcome already seen; "
            f"the first row was kept ({_rows(draft.row_numbers, duplicate)}).",
            where,
            "Remove the repeated rows.",
        )
    rows = usable & ~duplicate if duplicate.any() else usable  # (usable is this function's own array)
    valid = (importance != MISSING_POINT) | (satisfaction != MISSING_POINT)
    has_valid = counted(r, n_ids, where=rows & valid)[1:] > 0
    every_row = bool(rows.all())
    first = first_rows(r if every_row else np.where(rows, r, -1), n_ids)
    seen = np.flatnonzero(first < len(r))
    seen = seen[np.argsort(first[seen], kind="stable")]  # respondents in order of first appearance
    kept, dropped = seen[has_valid[seen]], seen[~has_valid[seen]]
    report.drop(NO_RATINGS, [str(i) for i in respondent.uniques[dropped]])
    if len(dropped):  # else every respondent with a row has a valid rating: no lookup per row
        rows &= has_valid[r]

    every_row = bool(rows.all())  # again: respondents without a valid rating may have left
    first_key = first_rows(k if every_row else np.where(rows, k, -1), len(key.uniques))
    rated = np.flatnonzero(first_key < len(k))
    rated = rated[np.argsort(first_key[rated], kind="stable")]
    first_spelling = [str(spelling.uniques[spelling.codes[first_key[code]]]) for code in rated]
    source = " / ".join(h for h in (long.importance_header, long.satisfaction_header) if h)
    outcomes, canonical = assembler.outcome_table([(o, source) for o in first_spelling])
    attributes, steps = _per_outcome(assembler, rows, r, key)
    if steps:
        by_key = {str(key.uniques[code]): step for code, step in steps.items()}
        for decl in outcomes:
            decl.step = decl.step or by_key.get(outcome_key(decl.outcome_id)) or None

    picked = slice(None) if every_row else np.flatnonzero(rows)  # every row kept: views, no copies
    kept_ids = np.asarray(respondent.uniques[kept], dtype=object)
    outcome_ids = [canonical[outcome_key(o)] for o in first_spelling]
    respondent_codes = _positions(r[picked], kept, n_ids)
    outcome_codes = _positions(k[picked], rated, len(key.uniques))
    # pandas takes any list-like as categories; pandas-stubs accepts only an Index
    by_respondent = pd.Categorical.from_codes(respondent_codes, categories=list(kept_ids))  # pyright: ignore[reportCallIssue, reportArgumentType]
    by_outcome = pd.Categorical.from_codes(outcome_codes, categories=outcome_ids)  # pyright: ignore[reportCallIssue, reportArgumentType]
    ratings = pd.DataFrame(
        {
            "respondent_id": by_respondent,
            "outcome_id": by_outcome,
            "importance": as_nullable(importance[picked]),
            "satisfaction": as_nullable(satisfaction[picked]),
        },
        copy=False,  # arrays this import made and nothing changes later: 20 M ratings need no second copy
    )
    first_row = first[kept]
    attributes = [(h, np.asarray(v, dtype=object)[first_row]) for h, v in attributes]
    sources = {outcome_key(o): source for o in first_spelling}
    return assembler.finish(kept_ids, attributes, ratings, outcomes, sources)
