"""The command line: ``python -m core validate|score|segment|tradeoffs|report FILE`` and ``waves
FIRST SECOND`` (core/cli_waves.py). Exit codes: 0 success; 1 the file cannot be imported, or an
unexpected problem (one clear line, never a traceback); 2 a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

import pandas as pd

from core import cli_methods, cli_waves
from core.cli_import import UsageError, import_file, import_into_workspace, read_file, warn_assumptions
from core.intake.importers.headers import header_key
from core.intake.scales import parse_scale
from core.report.command import add_report, cmd_report
from core.wording import agree, plural

SCORE_FIELDS = (
    "outcome_id",
    "statement",
    "step",
    "step_order",
    "n_importance",
    "n_satisfaction",
    "importance",
    "satisfaction",
    "opportunity",
    "band",
    "overserved",
    "importance_low",
    "importance_high",
    "satisfaction_low",
    "satisfaction_high",
)
DECIMALS = 3


def _scale_argument(text: str):
    try:
        return parse_scale(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m core", description="JTBD differentiation workbench: survey tools.")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser(
        "validate", help="check that a survey file can be imported and report what was found"
    )
    validate.add_argument("file")
    validate.add_argument("--scale", type=_scale_argument, help="declare the rating scale: 1-5, 1-7, 1-10 or 0-10")
    validate.add_argument("--format", choices=("text", "json"), default="text")
    _add_import_options(validate)

    score = commands.add_parser("score", help="opportunity scores per outcome")
    score.add_argument("file")
    score.add_argument("--method", choices=("top2box", "mean"), default="top2box")
    score.add_argument(
        "--by", metavar="COLUMN", help="score within each group of a respondent attribute (or 'competitor')"
    )
    score.add_argument("--format", choices=("table", "csv", "json"), default="table")
    _add_complete_pairs(score)
    score.add_argument("--scale", type=_scale_argument, help="declare the rating scale: 1-5, 1-7, 1-10 or 0-10")
    _add_import_options(score)

    _add_tradeoffs(commands)
    add_report(commands)
    segment = commands.add_parser("segment", help="outcome-based segments of the respondents (k-means)")
    segment.add_argument("file")
    segment.add_argument(
        "--k", type=_k_argument, default="auto", help="number of segments: 'auto' (best silhouette in 2-8) or 2-12"
    )
    segment.add_argument("--format", choices=("table", "json"), default="table")
    _add_complete_pairs(segment)
    segment.add_argument("--scale", type=_scale_argument, help="declare the rating scale: 1-5, 1-7, 1-10 or 0-10")
    cli_waves.add_parser(commands, _scale_argument)
    cli_methods.add_parsers(commands, score, _scale_argument, _add_complete_pairs)
    return parser


def _add_tradeoffs(commands) -> None:
    tradeoffs = commands.add_parser(
        "tradeoffs", help="the Trade-off Decision Matrix: data criteria per row (raw and 1-5), weights, hand scores"
    )
    tradeoffs.add_argument("file", help="a survey file, or a workspace .xlsx (then also its weights and hand scores)")
    tradeoffs.add_argument("--by", choices=("steps", "clusters", "segments"), default="steps")
    tradeoffs.add_argument("--format", choices=("table", "json"), default="table")


def _add_complete_pairs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--complete-pairs",
        action="store_true",
        help="count an outcome only over respondents who rated both importance and satisfaction "
        "(default: each rating over its own valid answers, per item)",
    )


def _k_argument(text: str) -> str | int:
    from core.analysis.segmentation import MAX_FIXED_K

    if text.strip().lower() == "auto":
        return "auto"
    try:
        k = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--k must be 'auto' or a whole number, not {text!r}") from None
    if not 2 <= k <= MAX_FIXED_K:
        raise argparse.ArgumentTypeError(f"--k must be between 2 and {MAX_FIXED_K}, not {k}")
    return k


def _add_import_options(command: argparse.ArgumentParser) -> None:
    """Options for survey-platform exports (README "Survey platforms")."""
    command.add_argument(
        "--reverse",
        action="store_true",
        help="numeric-only ratings run 1 = best (the default reads them as exported, 1 = lowest, with a warning)",
    )
    command.add_argument(
        "--codebook",
        metavar="FILE",
        help="what the numeric codes mean: the survey's Qualtrics .qsf, or a CSV with columns "
        "question (optional), code, label",
    )
    command.add_argument(
        "--keep-partial", action="store_true", help="keep unfinished / partial responses (left out by default)"
    )


def cmd_validate(args: argparse.Namespace) -> int:
    result = import_file(args.file, args.scale, args)
    if args.format == "json":
        print(json.dumps(result.report.to_dict(), indent=2))
    else:
        print(result.report.to_text())
    return 0 if result.ok else 1


def _resolve_by(workspace, by: str) -> str:
    from core.analysis.competitors import competitor_source
    from core.sqlfiles import query

    attributes = workspace.cursor().execute(query("survey", "attributes")).df()
    wanted = header_key(by)
    for name, header in zip(attributes["column_name"], attributes["original_header"], strict=True):
        if wanted in (name, header_key(header)):
            return f"attribute:{name}"
    if wanted in ("competitor", "competitors"):
        source = competitor_source(workspace)
        if source:
            return source
    available = ", ".join(attributes["original_header"]) or "none"
    raise UsageError(f"--by {by!r} is not a respondent attribute of this survey (available: {available})")


def _rounded(frame: pd.DataFrame) -> pd.DataFrame:
    # pandas accepts the abstract numpy kind "floating" (every float width); pandas-stubs lists
    # only concrete dtypes, so pyright finds no overload
    floats = frame.select_dtypes("floating").columns  # pyright: ignore[reportCallIssue, reportArgumentType]
    frame = frame.copy()
    frame[floats] = frame[floats].round(DECIMALS) + 0.0  # + 0.0 turns a rounded -0.0 into 0.0
    return frame


def cmd_score(args: argparse.Namespace) -> int:
    result, workspace = import_into_workspace(args.file, args.scale, args)
    from core.analysis.scoring import ScoringSettings, scoring_rule  # imported while the file was read
    from core.intake.store import store_survey

    if not result.ok or result.survey is None:
        print(result.report.to_text(), file=sys.stderr)
        return 1
    warn_assumptions(result)
    store_survey(workspace, result.survey)
    by = _resolve_by(workspace, args.by) if args.by else None
    settings = ScoringSettings(method=args.method, complete_pairs=args.complete_pairs)
    print(scoring_rule(settings), file=sys.stderr)
    scores = _rounded(cli_methods.score_rows(workspace, settings, by, args, SCORE_FIELDS))  # JSON: + intervals
    if args.format == "json":
        records = scores.astype(object).where(scores.notna(), None).to_dict(orient="records")
        print(json.dumps(records, indent=1, ensure_ascii=False))
    elif args.format == "csv":
        scores.to_csv(sys.stdout, index=False)
    else:
        print(_table(scores, by is not None))
    return 0


def _table(scores: pd.DataFrame, grouped: bool) -> str:
    shown = scores[
        (["group"] if grouped else [])
        + ["step", "outcome_id", "statement", "n_importance", "importance", "satisfaction", "opportunity", "band"]
    ].copy()
    shown["statement"] = shown["statement"].str.slice(0, 60)
    shown["band"] = shown["band"].fillna("–")  # no score, no band: a dash, never "None"
    return shown.to_string(index=False, float_format=lambda v: f"{v:.1f}", na_rep="–")


TOP_OUTCOMES = 5


def cmd_segment(args: argparse.Namespace) -> int:
    from core.analysis.scoring import ScoringSettings, scoring_rule
    from core.analysis.segment_profiles import profile_segmentation, top_outcomes
    from core.analysis.segment_store import SegmentationError, assignments, get_segmentation
    from core.analysis.segmentation import SegmentationOptions, run_segmentation
    from core.intake.store import store_survey

    result, workspace = import_into_workspace(args.file, args.scale)
    if not result.ok or result.survey is None:
        print(result.report.to_text(), file=sys.stderr)
        return 1
    store_survey(workspace, result.survey)
    options = SegmentationOptions(k=None if args.k == "auto" else args.k)
    try:
        segmentation_id = run_segmentation(workspace, options)
    except SegmentationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    saved = get_segmentation(workspace, segmentation_id)
    settings = ScoringSettings(complete_pairs=args.complete_pairs)
    profiles = profile_segmentation(workspace, saved, settings)
    report = _segment_report(saved, profiles, top_outcomes)
    report["scoring"] = scoring_rule(settings)
    report["assignments"] = assignments(workspace, segmentation_id).to_dict(orient="records")
    if args.format == "json":
        print(json.dumps(report, indent=1, ensure_ascii=False))
    else:
        print(_segment_table(report))
    return 0


def _segment_report(saved, profiles, top_outcomes) -> dict:
    segments = []
    for row in profiles.sizes.itertuples():
        top = top_outcomes(profiles.scores, row.segment, TOP_OUTCOMES)
        segments.append(
            {
                "name": row.segment,
                "size": int(row.n),
                "share": round(float(row.share), DECIMALS),
                "mean_opportunity": round(float(row.mean_opportunity), DECIMALS),
                "top_outcomes": [
                    {
                        "outcome_id": t.outcome_id,
                        "statement": t.statement,
                        "opportunity": round(float(t.opportunity), DECIMALS),
                    }
                    for t in top.itertuples()
                ],
            }
        )
    params = saved.params
    return {
        "k": saved.k,
        "k_requested": params.get("k_requested", "auto"),
        "silhouette": None if saved.silhouette is None else round(float(saved.silhouette), DECIMALS),
        "silhouettes": params.get("silhouettes", {}),
        "respondents": saved.n_respondents,
        "respondents_left_out": params.get("n_excluded", 0),
        "segments": segments,
    }


def _segment_table(report: dict) -> str:
    silhouette = "–" if report["silhouette"] is None else f"{report['silhouette']:.3f}"
    lines = [
        f"{plural(report['k'], 'segment')} of {plural(report['respondents'], 'respondent')} "
        f"(k {report['k_requested']}, "
        f"silhouette {silhouette})",
        report["scoring"],
    ]
    if report["respondents_left_out"]:
        left_out = report["respondents_left_out"]
        lines.append(
            f"{plural(left_out, 'respondent')} rated too few outcomes and {agree(left_out, 'was', 'were')} left out."
        )
    for number, segment in enumerate(report["segments"], start=1):
        lines.append("")
        lines.append(
            f"{number}. {segment['name']}  — {plural(segment['size'], 'respondent')} ({segment['share']:.0%}), "
            f"mean opportunity {segment['mean_opportunity']:.1f}"
        )
        for top in segment["top_outcomes"]:
            lines.append(f"     {top['opportunity']:5.1f}  {top['outcome_id']}  {top['statement'][:80]}")
    return "\n".join(lines)


def cmd_tradeoffs(args: argparse.Namespace) -> int:
    """A workspace .xlsx is restored (read bounded) with all it holds; a survey gets the default weights."""
    from core.analysis.segment_store import list_segmentations
    from core.analysis.segmentation import SegmentationOptions, run_segmentation
    from core.intake.store import store_survey
    from core.strategy.tradeoff_report import report_table, workspace_report
    from core.workspace.database import open_workspace
    from core.workspace.restore import WorkspaceFileError, is_workspace_file, restore
    from core.workspace.restore_read import read_bounded

    data = read_file(args.file)
    workspace = open_workspace()
    if is_workspace_file(data):
        try:
            restore(workspace, read_bounded(data, args.file.rsplit("/", 1)[-1]))  # bounded: no file aborts the CLI
        except WorkspaceFileError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        weights_from = "the workspace file"
    else:
        result = import_file(args.file, None, args)
        if not result.ok or result.survey is None:
            print(result.report.to_text(), file=sys.stderr)
            return 1
        warn_assumptions(result)
        store_survey(workspace, result.survey)
        weights_from = "defaults: a survey file holds no weights or hand scores"
        if args.by == "segments" and not list_segmentations(workspace):
            run_segmentation(workspace, SegmentationOptions())
    report = workspace_report(workspace, args.by, weights_from)
    for note in report["notes"]:
        print(f"note: {note}", file=sys.stderr)
    print(json.dumps(report, indent=1, ensure_ascii=False) if args.format == "json" else report_table(report))
    return 0


COMMANDS = {"validate": cmd_validate, "score": cmd_score, "segment": cmd_segment, "tradeoffs": cmd_tradeoffs}
COMMANDS |= {"waves": cli_waves.cmd_waves, "report": cmd_report, "methods": cli_methods.cmd_methods}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # exits 2 on usage errors
    try:
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        print(
            f"error: unexpected problem ({type(exc).__name__}: {exc}). Nothing was changed; please report this.",
            file=sys.stderr,
        )
        return 1
