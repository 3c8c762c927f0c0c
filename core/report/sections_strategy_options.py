"""The report's section "Strategy options" (issue 16.3, 16.4): the growth strategy of each segment
and of the whole market (the facilitator's overrides marked), the growth chart, and the
differentiation patterns the data supports with their evidence (core.views.strategy_options).

Decisions: left out when the workspace has no saved segmentation *and* the data supports no
pattern (the whole market alone, with nothing supported, says nothing a reader can act on). The
segmentation reported is the newest saved one, as the page opens. Patterns the data does not
support are listed in one line each with the number that fell short, so a reader sees why.
"""

from __future__ import annotations

from core.report.context import ReportContext
from core.report.formatting import DASH, count, score, share, table, text
from core.report.model import Chart, KeyNumber, Section, Table
from core.report.specs_growth import growth_bubbles
from core.strategy.growth import GrowthRules
from core.views.strategy_options import strategy_analysis, strategy_options_view
from core.wording import plural


def _plain(line: str) -> str:
    """A rule line of the page without its Markdown emphasis (our own text, not user text)."""
    return line.replace("**", "").replace("*", "")


def _money(value: object) -> str:
    return DASH if value is None or value != value else f"{float(value):,.0f}"  # type: ignore[arg-type]


def strategy_options_section(context: ReportContext) -> Section | None:
    workspace = context.workspace
    analysis = strategy_analysis(workspace, context.scoring, None, focus=context.focus)
    supported = [p for p in analysis.patterns if p.supported]
    if not analysis.segmentations and not supported:
        return None
    view = strategy_options_view(workspace, analysis)
    growth = view.growth.copy()
    growth["strategy_shown"] = [
        f"{s} (override; the rule: {r})" if o is not None and o == o else s
        for s, o, r in zip(growth["strategy"], growth["override"], growth["rule_strategy"], strict=True)
    ]
    segmentation = view.segmentation
    where = f"segmentation “{segmentation}”" if segmentation else "no saved segmentation: the whole market only"
    lines = [f"Growth strategy by segment ({where}), placed by the rule unless the facilitator overrode it:"]
    lines += [_plain(line) for line in view.rule]
    overridden = int(growth["override"].notna().sum())
    if overridden:
        lines.append(f"{plural(overridden, 'placement')} overridden by the facilitator, marked “override”.")
    columns = {
        "segment": ("Segment", text),
        "n": ("n", count),
        "share": ("Share", share),
        "underserved_share": ("Underserved", share),
        "mean_opportunity": ("Mean opportunity", score),
        "overserved_share": ("Overserved", share),
        **({"wtp_median": (f"Median {analysis.wtp_header}", _money)} if analysis.wtp_header else {}),
        "strategy_shown": ("Strategy", text),
        "reason": ("Why (the rule)", text),
    }
    tables = [table(growth, columns, "Each segment scored within itself; n = its respondents.")]
    if supported:
        rows = [(p.name, p.subject or DASH, p.evidence) for p in supported]
        tables.append(
            Table(("Pattern", "Steps, cluster or segment", "Evidence"), tuple(rows), "Patterns the data supports.")
        )
    lines.append(f"{len(supported)} of {len(analysis.patterns)} differentiation patterns are supported by the data.")
    lines += [f"Not supported — {p.name}: {p.shortfall}" for p in analysis.patterns if not p.supported]
    rules = GrowthRules()
    chart = Chart(
        title="Growth strategy by segment",
        how_to_read="x = % of a segment's outcomes underserved, y = % overserved; bubble = respondents, "
        "colour = median willingness to pay (grey: unknown); dashed lines = the rule's thresholds.",
        spec=growth_bubbles(growth, rules.underserved_min, rules.overserved_min),
        notes=tuple(
            f"{r.segment}: {share(r.underserved_share)} underserved, {share(r.overserved_share)} overserved, "
            f"n = {count(r.n)}, {r.strategy_shown}"
            for r in growth.itertuples()
        ),
        aspect=0.5,
    )
    market = growth[growth["is_market"]]
    numbers = [KeyNumber("Patterns supported", f"{len(supported)} of {len(analysis.patterns)}")]
    if len(market):
        numbers.insert(0, KeyNumber("Whole market", str(market["strategy"].iloc[0]), int(market["n"].iloc[0])))
    return Section(
        key="strategy_options",
        title="Strategy options",
        text=tuple(lines),
        numbers=tuple(numbers),
        tables=tuple(tables),
        charts=(chart,),
    )
