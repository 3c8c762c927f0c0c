"""The Trade-off Decision Matrix as a report for the command line (``python -m core tradeoffs``):
per row, each data criterion's raw value and 1–5 score, the hand scores, the weighted score and
rank; the weights; where each criterion comes from or why it is empty."""

from __future__ import annotations

import math

from core.analysis.competition import load_competition_settings
from core.analysis.scoring import load_settings, scoring_rule
from core.strategy.tradeoff_criteria import BY_ID, CRITERIA, DATA_IDS, HAND_IDS, NORMALISATION_RULE
from core.strategy.tradeoff_store import TradeoffSettings, load_tradeoff_settings, save_tradeoff_settings
from core.strategy.tradeoffs import tradeoff_data
from core.views.tradeoffs import TradeoffsView, tradeoffs_view
from core.workspace.database import Workspace

DECIMALS = 3


def _number(value: object) -> float | None:
    """Rounded for output; NaN (an empty cell) is None, never -0.0."""
    if not isinstance(value, int | float) or math.isnan(value):
        return None
    return round(float(value), DECIMALS) + 0.0


def tradeoff_report(view: TradeoffsView, weights_from: str) -> dict:
    """A JSON-ready dict of the view; ``weights_from`` says where weights and hand scores come from."""
    criteria = [
        {
            "criterion": c.criterion_id,
            "name": c.name,
            "kind": c.kind,
            "group": c.group,
            "weight": view.weights[c.criterion_id],
            "source": view.data.sources.get(c.criterion_id) or c.help,
            "empty_because": view.reasons.get(c.criterion_id),
        }
        for c in CRITERIA
    ]
    rows = []
    for key in view.raw.index:
        summary = view.summary.loc[key]
        rows.append(
            {
                "key": key,
                "name": str(summary["name"]),
                "kind": str(summary["kind"]),
                "data": {
                    c: {"raw": _number(view.raw.at[key, c]), "score": _number(view.scores.at[key, c])} for c in DATA_IDS
                },
                "hand": {c: _number(view.scores.at[key, c]) for c in HAND_IDS},
                "weighted_score": _number(summary["score"]),
                "rank": int(summary["rank"]),
            }
        )
    return {
        "rows_are": view.data.label,
        "notes": list(view.data.notes),
        "normalisation": NORMALISATION_RULE,
        "weights_from": weights_from,
        "criteria": criteria,
        "rows": rows,
    }


def _cell(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def report_table(report: dict) -> str:
    """A readable table: one line per row, raw/score per data criterion, then hand scores."""
    heads = ["rank", "row"] + [BY_ID[c].name for c in DATA_IDS] + [BY_ID[c].name for c in HAND_IDS] + ["score"]
    lines = []
    for row in sorted(report["rows"], key=lambda r: r["rank"]):
        name = row["name"] if len(row["name"]) <= 40 else row["name"][:39] + "…"
        data = [f"{_cell(row['data'][c]['raw'])} / {_cell(row['data'][c]['score'], 1)}" for c in DATA_IDS]
        hand = [_cell(row["hand"][c], 0) for c in HAND_IDS]
        lines.append([str(row["rank"]), name, *data, *hand, _cell(row["weighted_score"])])
    widths = [max(len(h), *(len(line[i]) for line in lines)) if lines else len(h) for i, h in enumerate(heads)]
    out = [f"Rows: {report['rows_are']}. Data criteria: raw / 1–5 score. {report['normalisation']}"]
    if report.get("scoring"):  # the counting rule behind the data criteria (issue 11 item 7)
        out.append(f"{report['scoring']}.")
    out += [f"note: {n}" for n in report["notes"]]
    out.append("  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)))
    out += ["  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)) for line in lines]
    weights = ", ".join(f"{c['name']} {c['weight']} %" for c in report["criteria"])
    out.append(f"Weights ({report['weights_from']}): {weights}")
    out += [f"{c['name']} is empty: {c['empty_because']}" for c in report["criteria"] if c["empty_because"]]
    return "\n".join(out)


def workspace_report(workspace: Workspace, by: str, weights_from: str) -> dict:
    """:func:`tradeoff_report` of the workspace with rows by ``by`` (the basis is stored, as the
    page would; a stored segmentation choice is kept for ``segments``)."""
    stored = load_tradeoff_settings(workspace)
    keep = stored.segmentation_id if by == "segments" else None
    save_tradeoff_settings(workspace, TradeoffSettings(by, keep, stored.clusters))
    settings = (load_settings(workspace), load_competition_settings(workspace), load_tradeoff_settings(workspace))
    report = tradeoff_report(tradeoffs_view(workspace, tradeoff_data(workspace, *settings)), weights_from)
    return {"scoring": scoring_rule(settings[0])} | report
