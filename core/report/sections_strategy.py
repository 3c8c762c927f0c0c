"""The report's sections about the strategy: the focus decision of the scenario (the board as a
table, the strategy profile, the headline metrics and conflicts), capability gaps and VRIO, and
the trade-off ranking (core.report.build runs them).

Decisions: capability gaps follow the Capabilities page, whose columns come from the *active*
scenario; when the report is of another scenario the section says so. The trade-off ranking is
shown only when the facilitator filled the matrix (weights set, a hand score or a hand row).
"""

from __future__ import annotations

from core.analysis.competition import load_competition_settings
from core.report import specs
from core.report.context import ReportContext
from core.report.formatting import DASH, count, score, score2, share, step_label, table, text
from core.report.model import Chart, KeyNumber, Section
from core.sqlfiles import query
from core.strategy.focus import LABELS, UNASSIGNED, scenario_metrics
from core.strategy.scenarios import decisions
from core.strategy.tradeoff_store import hand_rows, load_hand_scores, load_tradeoff_settings
from core.strategy.tradeoffs import tradeoff_data
from core.views.capabilities import capabilities_view, need_scores
from core.views.tradeoffs import tradeoffs_view
from core.wording import plural

TOP_ROWS = 12


def focus_section(context: ReportContext) -> Section | None:
    if context.scenario_id is None or not context.assignment:
        return None  # nothing decided yet: no decision to report
    view = context.focus
    steps = view.steps.copy()
    notes = {s: d.note for s, d in decisions(context.workspace, context.scenario_id).items()}
    steps["step_label"] = [step_label(o, s) for o, s in zip(steps["step_order"], steps["step"], strict=True)]
    steps["choice"] = [LABELS[context.assignment.get(int(s), UNASSIGNED)] for s in steps["step_id"]]
    steps["note"] = [notes.get(int(s)) or "" for s in steps["step_id"]]
    steps["n"] = steps["step_id"].map(context.step_n)
    metrics = scenario_metrics(steps, context.assignment, view.leading, {}, context.scoring, view.focus)
    columns = {
        "step_label": ("Step", text),
        "choice": ("Choice", text),
        "total_opportunity": ("Total opportunity", score),
        "mean_opportunity": ("Mean opportunity", score),
        "n": ("n (fewest per outcome)", count),
        "top_outcome": ("Top outcome", text),
        "note": ("Note", lambda v: v or DASH),
    }
    chart = Chart(
        title="Strategy profile",
        how_to_read="Bars = each step's total opportunity in job order; colour = the choice for that step.",
        spec=specs.strategy_profile(steps),
        notes=tuple(
            f"{r.step_label}: {r.choice}, total opportunity {score(r.total_opportunity)}" for r in steps.itertuples()
        ),
        aspect=0.42,
    )
    n = context.info.respondents
    counts = metrics.counts
    text_lines = [
        f"Scenario “{context.scenario_name}”: {plural(counts.get('differentiate', 0), 'step')} to differentiate, "
        f"{counts.get('meet', 0)} to meet, {counts.get('accept', 0)} to accept, {counts.get(UNASSIGNED, 0)} undecided."
    ]
    if metrics.over_focus:
        text_lines.append(f"Focus warning: more than {metrics.focus_limit} steps are differentiated.")
    text_lines += [f"Conflict: {c.message}" for c in metrics.conflicts]
    return Section(
        key="focus",
        title="Focus decision",
        text=tuple(text_lines),
        numbers=(
            KeyNumber("Share of total opportunity targeted", share(metrics.share), n),
            KeyNumber("Differentiated steps", str(counts.get("differentiate", 0))),
        ),
        tables=(table(steps, columns, "The focus board as a table, in job order."),),
        charts=(chart,),
    )


def capabilities_section(context: ReportContext) -> Section | None:
    view = capabilities_view(context.workspace, need_scores(context.workspace, context.scoring), context.scoring)
    if view.rows.empty:
        return None
    n = context.info.respondents
    vrio = {
        "name": ("Capability", text),
        "implication": ("VRIO implication", text),
        "n_needs": ("Needs served", count),
        "unlock": ("Opportunity unlocked", score),
        "requirement": ("Resource requirement", score),
    }
    tables = [table(view.rows, vrio, "VRIO: valuable, rare, inimitable, organised → the competitive implication.")]
    if not view.gaps.empty:
        gap_columns = {"statement": ("Need without a capability", text), "opportunity": ("Opportunity", score)}
        tables.append(table(view.gaps.head(TOP_ROWS), gap_columns, f"Critical gaps (scores of everyone, n = {n:,})."))
    gaps = plural(len(view.gaps), "need that must be covered has", "needs that must be covered have")
    lines = [f"{plural(len(view.rows), 'capability', 'capabilities')}; {gaps} no capability."]
    if view.scenario != context.scenario_name:
        lines.append(f"The needs shown follow the active scenario “{view.scenario}”, as on the Capabilities page.")
    return Section(
        key="capabilities",
        title="Capability gaps and VRIO",
        text=tuple(lines),
        numbers=tuple(KeyNumber(name, str(k)) for name, k in view.counts.items() if k),
        tables=tuple(tables),
    )


def tradeoffs_filled(context: ReportContext) -> bool:
    weights = context.workspace.cursor().execute(query("tradeoffs", "weights")).fetchall()
    return bool(weights or load_hand_scores(context.workspace) or hand_rows(context.workspace))


def tradeoffs_section(context: ReportContext) -> Section | None:
    if not tradeoffs_filled(context):
        return None
    workspace = context.workspace
    data = tradeoff_data(
        workspace, context.scoring, load_competition_settings(workspace), load_tradeoff_settings(workspace)
    )
    view = tradeoffs_view(workspace, data)
    summary = view.summary.dropna(subset=["score"]).head(TOP_ROWS)
    if summary.empty:
        return None
    columns = {
        "rank": ("Rank", count),
        "name": ("Option", text),
        "score": ("Weighted score (1–5)", score2),
        "value": ("Value", score2),
        "feasibility": ("Feasibility", score2),
        "quadrant": ("Quadrant", text),
    }
    weights = ", ".join(f"{k} {w} %" for k, w in view.weights.items() if w)
    chart = Chart(
        title="Trade-off ranking",
        how_to_read="Weighted score of each option (1–5) under the weights set on the Trade-offs page; best first.",
        spec=specs.ranked_bars(summary, "name", "score", "Trade-off ranking", "Weighted score (1–5)"),
        notes=(
            *tuple(f"{count(r.rank)}. {r.name}: {score2(r.score)}" for r in summary.itertuples()),
            f"Weights: {weights}",
        ),
        aspect=0.4,
    )
    return Section(
        key="tradeoffs",
        title="Trade-off ranking",
        text=(f"Options: {data.label}. Weights: {weights}.",),
        tables=(table(summary, columns),),
        charts=(chart,),
    )
