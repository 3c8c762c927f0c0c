"""Build the report model of a scenario from the typed views (core/views).

``build_report(workspace, scenario=None)`` reads the active focus scenario (or the one named),
never creates or changes anything, and runs the section builders of :data:`SECTION_BUILDERS` in
order. Each builder takes the :class:`ReportContext` and returns a Section, or None when it has
nothing to show — an empty section is left out, never printed empty. A new page's section is one
builder added to that list (core/report/sections_followthrough.py: the Communication map and the
metrics); the deck and the documents follow.
"""

from __future__ import annotations

from collections.abc import Callable

from core.analysis.scoring import load_settings, scoring_rule
from core.intake.store import survey_info
from core.report.context import ReportContext, ReportError
from core.report.model import Report, Section
from core.report.sections_followthrough import communication_section, metrics_section
from core.report.sections_strategy import capabilities_section, focus_section, tradeoffs_section
from core.report.sections_strategy_options import strategy_options_section
from core.report.sections_survey import (
    competitors_section,
    job_section,
    opportunities_section,
    segments_section,
    top_outcomes_section,
)
from core.report.sections_wins import wins_section
from core.sqlfiles import query
from core.strategy.scenarios import ACTIVE_KEY, list_scenarios
from core.workspace.database import Workspace

FORMULA = "opportunity = importance + max(importance − satisfaction, 0), importance and satisfaction on 0–10"


SectionBuilder = Callable[[ReportContext], Section | None]
SECTION_BUILDERS: list[SectionBuilder] = [
    job_section,
    opportunities_section,
    top_outcomes_section,
    segments_section,
    competitors_section,
    strategy_options_section,
    focus_section,
    wins_section,
    capabilities_section,
    tradeoffs_section,
    communication_section,
    metrics_section,
]


def choose_scenario(workspace: Workspace, name: str | None) -> tuple[str | None, str | None]:
    """(scenario_id, name): the one named (exact name, then case-insensitive), else the active one,
    else the first; (None, None) when the workspace has no scenario yet."""
    scenarios = list_scenarios(workspace)
    ids, names = list(scenarios["scenario_id"]), [str(n) for n in scenarios["name"]]
    if name is not None:
        for wanted in (lambda n: n == name, lambda n: n.casefold() == name.strip().casefold()):
            hit = next((i for i, n in zip(ids, names, strict=True) if wanted(n)), None)
            if hit is not None:
                return hit, names[ids.index(hit)]
        known = ", ".join(repr(n) for n in names) or "none yet (make one on the Focus matrix)"
        raise ReportError(f"There is no scenario named {name!r}. Scenarios in this workspace: {known}.")
    active = workspace.get_setting(ACTIVE_KEY)
    if active in ids:
        return active, names[ids.index(active)]
    return (ids[0], names[0]) if ids else (None, None)


def survey_date(workspace: Workspace) -> str:
    """The date the survey was imported (yyyy-mm-dd), "date not recorded" when unknown."""
    row = workspace.cursor().execute(query("store", "latest_import")).fetchone()
    return row[1].date().isoformat() if row and row[1] is not None else "date not recorded"


def build_report(workspace: Workspace, scenario: str | None = None) -> Report:
    """The report of ``scenario`` (a name; None: the active scenario); raises ReportError."""
    info = survey_info(workspace)
    if info is None:
        raise ReportError("The workspace holds no survey yet: load one on the Data page first.")
    scenario_id, scenario_name = choose_scenario(workspace, scenario)
    scoring = load_settings(workspace)
    context = ReportContext(workspace, scoring, info, scenario_id, scenario_name)
    sections = tuple(s for s in (builder(context) for builder in SECTION_BUILDERS) if s is not None)
    return Report(
        title=f"Differentiation strategy: {info.name}",
        survey_name=info.name,
        survey_date=survey_date(workspace),
        respondents=info.respondents,
        outcomes=info.outcomes,
        steps=info.steps,
        scoring_rule=f"{scoring_rule(scoring)} (scale {info.scale.low}–{info.scale.high}). {FORMULA}.",
        scenario=scenario_name,
        sections=sections,
    )
