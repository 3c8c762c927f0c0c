"""Assembly of the canonical long layout: one row per respondent and outcome."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from core.intake.importers.draft import IMPORTANCE, SATISFACTION
from core.intake.importers.headers import id_text, outcome_key
from core.intake.importers.survey import SurveyData
from core.intake.ratings import MISSING_POINT, ParsedColumn, as_nullable, parse_column

NO_RATINGS = "without a single valid importance or satisfaction rating"


def _rows(row_numbers: Sequence[int], mask: np.ndarray) -> str:
    """The first few spreadsheet rows picked by ``mask``, for messages."""
    picked = np.asarray(row_numbers)[mask]
    return ", ".join(map(str, picked[:5])) + (", …" if len(picked) > 5 else "")


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
    return assembler.resolve(parsed, assembler.scale, measure, header, draft.sheet, draft.where)


def assemble_long(assembler) -> SurveyData | None:  # assembler: the Assembler of assemble.py
    """Ratings, respondents and attributes from a long table (see :mod:`core.intake.importers.canonical`)."""
    draft, report = assembler.draft, assembler.report
    long = draft.long
    where = draft.where
    respondent = np.array([id_text(v) for v in long.respondent_ids], dtype=object)
    outcome = np.array([id_text(v) for v in long.outcome_ids], dtype=object)
    parsed_imp, parsed_sat = parse_column(long.importance), parse_column(long.satisfaction)
    headers = [(h, h) for h in (long.importance_header or IMPORTANCE, long.satisfaction_header or SATISFACTION)]
    assembler.scale = assembler.choose_scale([parsed_imp, parsed_sat], headers)
    importance = _points(assembler, parsed_imp, long.importance_header, IMPORTANCE)
    satisfaction = _points(assembler, parsed_sat, long.satisfaction_header, SATISFACTION)

    usable = (respondent != "") & (outcome != "")
    if (~usable).sum():
        report.warn(
            f"{int((~usable).sum())} rows have no respondent_id or no outcome_id and were skipped "
            f"(rows {_rows(draft.row_numbers, ~usable)}).",
            where,
            "Fill in respondent_id and outcome_id on every row.",
        )
    keys = pd.DataFrame({"r": respondent, "o": [outcome_key(o) for o in outcome]})
    duplicate = keys.duplicated().to_numpy() & usable
    if duplicate.sum():
        report.warn(
            f"{int(duplicate.sum())} rows repeat a respondent and outcome already seen; the first row was kept "
            f"(rows {_rows(draft.row_numbers, duplicate)}).",
            where,
            "Remove the repeated rows.",
        )
    rows = usable & ~duplicate
    valid = (importance != MISSING_POINT) | (satisfaction != MISSING_POINT)
    has_valid = pd.Series(valid[rows]).groupby(respondent[rows]).any()
    all_ids = pd.unique(respondent[rows])
    kept_ids = np.array([r for r in all_ids if has_valid.get(r, False)], dtype=object)
    report.drop(NO_RATINGS, [str(r) for r in all_ids if not has_valid.get(r, False)])
    rows &= np.isin(respondent, kept_ids)

    first_spelling: dict[str, str] = {}
    for o in outcome[rows]:
        first_spelling.setdefault(outcome_key(o), o)
    source = " / ".join(h for h in (long.importance_header, long.satisfaction_header) if h)
    outcomes, canonical = assembler.outcome_table([(o, source) for o in first_spelling.values()])
    ratings = pd.DataFrame(
        {
            "respondent_id": respondent[rows],
            "outcome_id": [canonical[outcome_key(o)] for o in outcome[rows]],
            "importance": as_nullable(importance[rows]),
            "satisfaction": as_nullable(satisfaction[rows]),
        }
    )
    first_row = pd.Series(np.flatnonzero(rows)).groupby(respondent[rows]).first().reindex(kept_ids).to_numpy()
    attributes = [(h, np.asarray(v, dtype=object)[first_row]) for h, v in draft.attributes]
    sources = {key: source for key in first_spelling}
    return assembler.finish(kept_ids, attributes, ratings, outcomes, sources)
