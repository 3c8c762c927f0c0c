"""``python -m core waves FIRST SECOND [--format json|table]``: two survey waves compared per outcome.

Each file is a survey file (any layout the importer reads, in the same bounded child as
``score``) or a workspace .xlsx (restored). SECOND is read on FIRST's scale (or ``--scale``), so
both are scored the same way; outcomes are matched by id, else by normalised statement
(core.analysis.waves_match). Output, one record per outcome (README "Survey waves"): each wave's
n, importance, satisfaction and opportunity, the changes, and the p-values of the importance and
satisfaction changes (z-test on top-two-box shares; Welch's t-test with ``--method mean``).
Outcomes of one wave only appear with nulls for the other, and a message on stderr says which.
Exit codes as ``score``: 1 a file cannot be imported or the waves cannot be compared, 2 usage.

Imports of the scoring stack happen inside :func:`cmd_waves` (as in core.cli): ``python -m core
--help`` and the other commands do not pay for them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

import pandas as pd

from core.cli_files import FileFailed, load_file

DECIMALS = 3
FIELDS = [
    "outcome_id",
    "statement",
    "step",
    "matched_by",
    "second_outcome_id",
    "first_n_importance",
    "second_n_importance",
    "first_n_satisfaction",
    "second_n_satisfaction",
    "first_importance",
    "second_importance",
    "importance_change",
    "first_satisfaction",
    "second_satisfaction",
    "satisfaction_change",
    "first_opportunity",
    "second_opportunity",
    "opportunity_change",
    "importance_p_value",
    "satisfaction_p_value",
    "importance_significant",
    "satisfaction_significant",
]
SECOND_COLUMNS = [f for f in FIELDS if f.startswith("second_") and f != "second_outcome_id"]
FIRST_COLUMNS = [f for f in FIELDS if f.startswith("first_")]
COMPARED = [f for f in FIELDS if f.endswith(("_change", "_p_value", "_significant"))]


def add_parser(commands, scale_argument: Callable) -> None:
    waves = commands.add_parser("waves", help="compare two waves of a survey per outcome, with p-values")
    waves.add_argument("first", help="the first wave: a survey file or a workspace .xlsx")
    waves.add_argument("second", help="the second wave, read on the first's scale")
    waves.add_argument("--method", choices=("top2box", "mean"), default="top2box")
    waves.add_argument("--format", choices=("table", "json"), default="table")
    waves.add_argument("--scale", type=scale_argument, help="declare the rating scale of both: 1-5, 1-7, 1-10 or 0-10")


def compare_files(first: str, second: str, method: str = "top2box", scale=None) -> tuple[pd.DataFrame, list[str]]:
    """The per-outcome comparison of two files (FIELDS) and the messages for stderr."""
    from core.analysis.scoring import ScoringSettings, outcome_scores, scoring_rule
    from core.analysis.waves_compare import METHOD_NOTES, compare_scores
    from core.analysis.waves_match import WaveError, check_scale, match_outcomes
    from core.intake.store import survey_info

    base, _ = load_file(first, scale)
    info = survey_info(base)
    assert info is not None  # a survey was just stored
    other, _ = load_file(second, scale or info.scale)
    other_info = survey_info(other)
    assert other_info is not None
    settings = ScoringSettings(method=method)
    scores = [outcome_scores(ws, settings) for ws in (base, other)]
    try:
        check_scale(other_info.scale, second.rsplit("/", 1)[-1], info.scale)
    except WaveError as exc:
        raise FileFailed(f"error: {exc}", 1) from None
    matching = match_outcomes(scores[0], scores[1])
    if not matching.ok:
        raise FileFailed(
            f"error: no outcome of {second} matches an outcome of {first}, by id or by statement: "
            "these look like two different surveys. Compare two waves of the same survey.",
            1,
        )
    pairs = matching.pairs.set_index("wave_outcome_id")
    renamed = scores[1][scores[1]["outcome_id"].isin(pairs.index)].copy()
    renamed["second_outcome_id"] = renamed["outcome_id"]
    renamed["outcome_id"] = renamed["outcome_id"].map(pairs["base_id"])
    compared = compare_scores(scores[0], renamed, method)
    frame = scores[0][["outcome_id", "statement", "step"]].merge(compared, on="outcome_id", how="left")
    frame = frame.merge(
        renamed[["outcome_id", "second_outcome_id"]].assign(
            matched_by=lambda f: f["second_outcome_id"].map(pairs["matched_by"])
        ),
        on="outcome_id",
        how="left",
    )
    missing = frame["outcome_id"].isin(matching.missing["outcome_id"])
    frame.loc[missing, SECOND_COLUMNS + COMPARED] = None
    only_second = scores[1][scores[1]["outcome_id"].isin(matching.unmatched["outcome_id"])]
    extra = pd.DataFrame(
        {
            "outcome_id": only_second["outcome_id"],
            "statement": only_second["statement"],
            "step": only_second["step"],
            "second_outcome_id": only_second["outcome_id"],
            **{
                f"second_{c}": only_second[c]
                for c in ("n_importance", "n_satisfaction", *("importance", "satisfaction", "opportunity"))
            },
        }
    )
    frame = pd.concat([frame, extra], ignore_index=True) if len(extra) else frame
    messages = [
        scoring_rule(settings),
        f"Significance: {METHOD_NOTES[method]}, two-sided, significant when p < 0.05.",
        *[f"note: {m}" for m in matching.messages()],
    ]
    return frame.reindex(columns=FIELDS), messages


def _records(frame: pd.DataFrame) -> list[dict]:
    records = []
    for record in frame.astype(object).where(frame.notna(), None).to_dict(orient="records"):
        for key, value in record.items():
            item = getattr(value, "item", None)  # numpy scalars → Python values
            value = item() if item is not None else value
            if isinstance(value, float) and not str(key).endswith("_p_value"):
                value = round(value, DECIMALS) + 0.0
            record[key] = value
        records.append(record)
    return records


def _table(frame: pd.DataFrame) -> str:
    def mark(value: object, significant: object) -> str:
        if value is None or pd.isna(value):  # type: ignore[arg-type]
            return "–"
        return f"{value:+.1f}{'*' if significant is True else ''}"

    shown = pd.DataFrame(
        {
            "step": frame["step"],
            "outcome_id": frame["outcome_id"],
            "statement": frame["statement"].astype(str).str.slice(0, 50),
            "imp 1": frame["first_importance"],
            "imp 2": frame["second_importance"],
            "Δ imp": [
                mark(v, s) for v, s in zip(frame["importance_change"], frame["importance_significant"], strict=True)
            ],
            "sat 1": frame["first_satisfaction"],
            "sat 2": frame["second_satisfaction"],
            "Δ sat": [
                mark(v, s) for v, s in zip(frame["satisfaction_change"], frame["satisfaction_significant"], strict=True)
            ],
            "opp 1": frame["first_opportunity"],
            "opp 2": frame["second_opportunity"],
        }
    )
    return shown.to_string(index=False, float_format=lambda v: f"{v:.1f}", na_rep="–") + "\n* significant (p < 0.05)"


def cmd_waves(args: argparse.Namespace) -> int:
    try:
        frame, messages = compare_files(args.first, args.second, args.method, args.scale)
    except FileFailed as exc:
        print(str(exc), file=sys.stderr)
        return exc.code
    for message in messages:
        print(message, file=sys.stderr)
    if args.format == "json":
        print(json.dumps(_records(frame), indent=1, ensure_ascii=False))
    else:
        print(_table(frame))
    return 0
