"""Competitor satisfaction → the canonical ``competitor_ratings`` table.

Two sources: the canonical ``competitors`` sheet (long rows, each checked against the kept
respondents and outcomes, every skipped row counted), and wide columns of a survey
platform's export (one column per outcome and named solution). A wide cell that holds no
valid rating gives no row; it is counted with the column's invalid values instead.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from core.intake.importers.coded import Coded
from core.intake.importers.draft import SATISFACTION
from core.intake.importers.headers import id_text, outcome_key
from core.intake.ratings import MISSING_POINT, as_nullable, parse_column
from core.wording import agree, plural, row_list

COLUMNS = ("respondent_id", "outcome_id", "competitor", "satisfaction")


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="Int16" if c == "satisfaction" else object) for c in COLUMNS})


def competitor_table(assembler, kept_ids: np.ndarray, outcomes: pd.DataFrame) -> pd.DataFrame:
    """The competitor ratings of the kept respondents (``assembler``: the ``Assembler``)."""
    draft = assembler.draft
    frames = []
    if draft.competitors is not None:
        frames.append(_long_rows(assembler, set(kept_ids), outcomes))
    if draft.competitor_columns and assembler.kept_rows is not None:
        frames.append(_wide_rows(assembler, kept_ids))
    if not frames:
        return _empty()
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def _wide_rows(assembler, kept_ids: np.ndarray) -> pd.DataFrame:
    draft, keep = assembler.draft, assembler.kept_rows
    frames = []
    for column in draft.competitor_columns:
        parsed = column.parsed or parse_column(column.values)
        points = assembler.resolve(
            parsed, assembler.scale, SATISFACTION, column.header, draft.sheet, draft.where, column.reversed
        )[keep]
        rated = points != MISSING_POINT
        frames.append(
            pd.DataFrame(
                {
                    "respondent_id": kept_ids[rated],
                    "outcome_id": column.outcome_id,
                    "competitor": column.competitor,
                    "satisfaction": as_nullable(points[rated]),
                }
            )
        )
    frame = pd.concat(frames, ignore_index=True)
    duplicated = frame.duplicated(["respondent_id", "outcome_id", "competitor"]).to_numpy()
    if duplicated.any():
        assembler.report.warn(
            f"{plural(int(duplicated.sum()), 'competitor rating repeats', 'competitor ratings repeat')} "
            "a respondent, outcome and solution already rated; the first was kept.",
            draft.where,
            "Map only one satisfaction column per outcome and solution on the column-mapping screen.",
        )
    return frame[~duplicated].reset_index(drop=True)


def _long_rows(assembler, respondent_ids: set[str], outcomes: pd.DataFrame) -> pd.DataFrame:
    rows = assembler.draft.competitors
    satisfaction = assembler.resolve(
        parse_column(rows.satisfaction), assembler.scale, SATISFACTION, rows.satisfaction_header, rows.sheet, rows.where
    )
    known = {outcome_key(o): o for o in outcomes["outcome_id"]}
    # one row per respondent × outcome × solution: each column is read as codes into its distinct
    # values, and Python looks at each distinct id once
    frame = pd.DataFrame(
        {
            "respondent_id": Coded.of(rows.respondent_ids).mapped(id_text, plain_unchanged=True).values(),
            "outcome_id": Coded.of(rows.outcome_ids).mapped(lambda v: known.get(outcome_key(id_text(v)))).values(),
            "competitor": Coded.of(rows.competitors).mapped(id_text, plain_unchanged=True).values(),
            "satisfaction": as_nullable(satisfaction),
        }
    )
    checks = (  # (rows, what they are: "<n> competitor row(s) <what> was/were skipped")
        (frame["competitor"] == "", "without a competitor name"),
        (frame["outcome_id"].isna(), "whose outcome_id is not in the survey"),
        (~frame["respondent_id"].isin(respondent_ids), "whose respondent is not among the kept respondents"),
        (frame.duplicated(["respondent_id", "outcome_id", "competitor"]), "repeating a row above (the first is kept)"),
    )
    numbers = np.asarray(rows.row_numbers)
    keep = np.ones(len(frame), dtype=bool)
    for bad, reason in checks:
        skipped = keep & bad.to_numpy()
        keep &= ~skipped
        if skipped.any():
            n = int(skipped.sum())
            assembler.report.warn(
                f"{plural(n, 'competitor row')} {reason} {agree(n, 'was', 'were')} skipped "
                f"({row_list(numbers[skipped][:5].tolist(), n)}).",
                rows.where,
                "Check the competitor sheet's respondent_id, outcome_id and competitor columns.",
            )
    return frame[keep].reset_index(drop=True)
