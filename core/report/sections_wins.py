"""The report's section "What the scenario wins" (issue 16.5): the respondents won by the scenario
reported, their share of the sample, whom we would take from which current solution, the won by
segment, their willingness to pay, and the rule (core.strategy.wins).

Decisions: like the focus section, it is left out until the scenario differentiates a step (before
that nobody can be won, and a section of zeros says nothing). Segments are those the Focus matrix
shows (the "serves best" segmentation, else the newest).
"""

from __future__ import annotations

from core.report import specs
from core.report.context import ReportContext
from core.report.formatting import DASH, count, share, table, text
from core.report.model import Chart, KeyNumber, Section
from core.strategy.focus import DIFFERENTIATE
from core.strategy.focus_data import load_focus_settings
from core.strategy.wins import rule_text, scenario_wins, wins_basis, wins_segmentation


def _money(value: float | None) -> str:
    return DASH if value is None else f"{value:,.0f}"


def wins_section(context: ReportContext) -> Section | None:
    if context.scenario_id is None or DIFFERENTIATE not in context.assignment.values():
        return None
    workspace = context.workspace
    segmentation = wins_segmentation(workspace, load_focus_settings(workspace).group_by)
    basis = wins_basis(workspace, segmentation)
    wins = scenario_wins(basis, context.assignment)
    lines = [
        f"Scenario “{context.scenario_name}” wins {wins.won:,} of {wins.sample:,} respondents ({share(wins.share)}): "
        f"those whose own top underserved outcomes lie in the steps it differentiates; "
        f"{wins.with_underserved:,} respondents have an underserved outcome at all.",
        f"Rule: {rule_text(basis.scale)}",
    ]
    numbers = [
        KeyNumber("Respondents won", f"{wins.won:,}", wins.sample),
        KeyNumber("Share of the sample won", share(wins.share), wins.sample),
    ]
    if basis.wtp:
        lines.append(
            f"{basis.wtp} of the won: {_money(wins.wtp_sum)} in total, {_money(wins.wtp_mean)} on average, "
            f"over the {wins.wtp_n:,} won respondents who gave an amount."
        )
        numbers += [
            KeyNumber(f"{basis.wtp} of the won (sum)", _money(wins.wtp_sum), wins.wtp_n),
            KeyNumber(f"{basis.wtp} of the won (mean)", _money(wins.wtp_mean), wins.wtp_n),
        ]
    else:
        lines.append("The survey asks no willingness to pay, so the won carry no amount.")
    tables, charts = [], []
    columns = {"n": ("n", count), "won": ("Won", count), "share": ("Share won", share)}
    if not wins.by_solution.empty:
        header = f"Current solution ({basis.solution})"
        tables.append(
            table(
                wins.by_solution,
                {"solution": (header, text), **columns},
                "Whom we would take from which current solution: the won among each solution's users.",
            )
        )
        solutions = wins.by_solution.rename(columns={"solution": "name"})
        charts.append(
            Chart(
                title="Won by current solution",
                how_to_read="Respondents won among the users of each current solution; most won first.",
                spec=specs.ranked_bars(
                    solutions, "name", "won", "Won by current solution", "Respondents won", value_format=",d"
                ),
                notes=tuple(f"{r.name}: {r.won:,} of {r.n:,} won" for r in solutions.itertuples()),
                aspect=0.4,
            )
        )
    else:
        lines.append("The survey has no current-solution question: whom we would take from whom is unknown.")
    if not wins.by_segment.empty:
        tables.append(
            table(
                wins.by_segment,
                {"segment": (f"Segment ({basis.segmentation})", text), **columns},
                "The won in each segment.",
            )
        )
    return Section(
        key="wins",
        title="What the scenario wins",
        text=tuple(lines),
        numbers=tuple(numbers),
        tables=tuple(tables),
        charts=tuple(charts),
    )
