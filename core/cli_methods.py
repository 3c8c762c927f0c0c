"""``python -m core methods FILE [--format json|table]`` (issue 16.1) and the bootstrap intervals
of ``score`` (issue 16.2: ``opportunity_low``, ``opportunity_high``; ``--resamples``, ``--seed``).

FILE is a survey file (any layout the importer reads, in the same bounded child as ``score``) or
a workspace .xlsx (restored, so its counting rule applies). Output: each method's formula, its
rank agreement with the opportunity score (Spearman ρ, overlap of the top 10), the outcomes whose
rank moves most with why, and with ``--format json`` every outcome's score and rank under every
method. Exit codes as ``score``: 1 the file cannot be imported, 2 usage. Imports of the scoring
stack happen inside the commands (as in core.cli), so ``--help`` does not pay for them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence

import pandas as pd

from core.cli_files import FileFailed, load_file

DECIMALS = 3
INTERVAL_FIELDS = ("opportunity_low", "opportunity_high")
OUTCOME_FIELDS = [
    "outcome_id",
    "statement",
    "step",
    "n_importance",
    "n_satisfaction",
    "importance",
    "satisfaction",
    "opportunity",
    "importance_mean10",
    "satisfaction_mean10",
    "opportunity_mean10",
    "gap",
    "ipa_quadrant",
    "rank_opportunity",
    "rank_opportunity_mean",
    "rank_ipa",
    "rank_gap",
]


def add_parsers(commands, score: argparse.ArgumentParser, scale_argument: Callable, complete_pairs: Callable) -> None:
    """The ``methods`` command, and the bootstrap options of ``score`` (defaults: those of
    core.analysis.bootstrap, applied when the command runs so the parser loads no scoring stack)."""
    score.add_argument(
        "--resamples", type=_positive, help="bootstrap resamples for opportunity_low/_high in JSON (default 1000)"
    )
    score.add_argument("--seed", type=int, help="bootstrap seed (default 16)")
    methods = commands.add_parser(
        "methods", help="other scoring methods side by side: ranks, agreement with the opportunity score, movers"
    )
    methods.add_argument("file", help="a survey file, or a workspace .xlsx (then also its counting rule)")
    methods.add_argument("--format", choices=("table", "json"), default="table")
    complete_pairs(methods)
    methods.add_argument("--scale", type=scale_argument, help="declare the rating scale: 1-5, 1-7, 1-10 or 0-10")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--resamples must be a whole number, not {text!r}") from None
    if not 1 <= value <= 100_000:
        raise argparse.ArgumentTypeError(f"--resamples must be between 1 and 100000, not {value}")
    return value


def interval_fields(args: argparse.Namespace) -> tuple[str, ...]:
    """The bootstrap fields ``score`` prints: JSON only."""
    return INTERVAL_FIELDS if args.format == "json" else ()


def score_rows(workspace, settings, by: str | None, args: argparse.Namespace, fields: Sequence[str]) -> pd.DataFrame:
    """``score``'s rows: ``fields`` of ``outcome_scores`` (+ group and its n with ``--by``); with
    ``--format json`` also the bootstrap interval of every opportunity (null where it is null).
    CSV and the table stay as they were: the import benchmarks time ``score --format csv``, and a
    long file of millions of ratings should not draw 1,000 resamples unasked."""
    from core.analysis.bootstrap import RESAMPLES, SEED, bootstrap_intervals, with_intervals
    from core.analysis.scoring import outcome_scores

    scores = outcome_scores(workspace, settings, by=by)
    groups = ["group", "group_n"] if by else []
    if not interval_fields(args):
        return scores[[*fields, *groups]]
    resamples = RESAMPLES if args.resamples is None else args.resamples
    seed = SEED if args.seed is None else args.seed
    intervals = bootstrap_intervals(workspace, settings, by=by, resamples=resamples, seed=seed)
    print(f"Opportunity intervals: 95 % bootstrap, {resamples} resamples, seed {seed}", file=sys.stderr)
    return with_intervals(scores, intervals.outcomes)[[*fields, *INTERVAL_FIELDS, *groups]]


def cmd_methods(args: argparse.Namespace) -> int:
    from core.analysis.methods import methods_comparison
    from core.analysis.scoring import RULE_LABELS, load_settings, with_settings

    try:
        workspace, restored = load_file(args.file, args.scale)
    except FileFailed as failed:
        print(failed, file=sys.stderr)
        return failed.code
    settings = with_settings(load_settings(workspace), method="top2box", wave=0)
    if args.complete_pairs or not restored:
        settings = with_settings(settings, complete_pairs=args.complete_pairs)
    print(f"Counting rule: {RULE_LABELS[settings.complete_pairs]}", file=sys.stderr)
    comparison = methods_comparison(workspace, settings)
    report = methods_report(comparison)
    print(json.dumps(report, indent=1, ensure_ascii=False) if args.format == "json" else methods_table(report))
    return 0


def _plain(frame: pd.DataFrame) -> list[dict]:
    records = []
    for record in frame.astype(object).where(frame.notna(), None).to_dict(orient="records"):
        for key, value in record.items():
            item = getattr(value, "item", None)  # numpy scalars → Python values
            value = item() if item is not None else value
            if isinstance(value, float):
                value = int(value) if str(key).startswith("rank_") else round(value, DECIMALS) + 0.0
            record[key] = value
        records.append(record)
    return records


def methods_report(comparison) -> dict:
    """The comparison as JSON-ready data: methods (with agreement and movers) and outcomes."""
    methods = []
    for row in _plain(comparison.agreement):
        movers = comparison.movers[comparison.movers["method"] == row["method"]] if len(comparison.movers) else None
        fields = ["outcome_id", "statement", "step", "rank_default", "rank_method", "shift", "why"]
        row["movers"] = [] if movers is None else _plain(movers[fields])
        methods.append(row)
    grand = {"importance": comparison.grand_importance, "satisfaction": comparison.grand_satisfaction}
    return {
        "default": "opportunity",
        "ipa_grand_means": {k: None if pd.isna(v) else round(float(v), DECIMALS) for k, v in grand.items()},
        "methods": methods,
        "outcomes": _plain(comparison.outcomes[OUTCOME_FIELDS]),
    }


def methods_table(report: dict) -> str:
    lines = []
    for method in report["methods"]:
        rho = "–" if method["spearman"] is None else f"{method['spearman']:.2f}"
        lines += [
            "",
            f"{method['label']}: {method['formula']}",
            f"  agreement with the opportunity score: Spearman ρ {rho}, "
            f"top {method['top_n']} overlap {method['top_overlap']}/{method['top_n']} ({method['compared']} outcomes)",
        ]
        for mover in method["movers"]:
            lines.append(
                f"  {mover['rank_default']:>4} → {mover['rank_method']:<4} {mover['outcome_id']}  "
                f"{str(mover['statement'])[:60]}\n             why: {mover['why']}"
            )
    return "\n".join(lines).lstrip("\n")
