"""Every write path in core refuses a view handle (issue 17.1).

The test finds every public function in ``core`` that takes a workspace, and each must be listed
here: in :data:`READS` (it changes nothing) or in :data:`WRITES`. A new function that is listed
nowhere fails :func:`test_every_function_taking_a_workspace_is_classified`. Each write is then
called with a view handle on a workspace that holds something of every kind (survey, scenario,
capability, touchpoint, customer, metric, segmentation, wave, …), with arguments that would work
for an editor; it must raise :class:`WorkspaceReadOnly`, and nothing stored may change.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import core
from core.analysis import segment_store, waves
from core.analysis.competition import load_competition_settings
from core.analysis.scoring import load_settings
from core.analysis.segmentation import SegmentationOptions
from core.analysis.waves_match import workspace_wave
from core.intake.loading import sample_files
from core.intake.replace import Replacement, check
from core.intake.scales import Scale
from core.intake.store import survey_info
from core.intake.survey_queries import outcomes_table, steps_table
from core.strategy import capabilities, communication, customers, metric_measurements, metrics, scenarios
from core.strategy.customer_figures import read_customer_settings
from core.strategy.focus_data import load_focus_settings
from core.strategy.jobmap_import import FileStep, JobMapPlan
from core.strategy.patterns import Pattern
from core.strategy.tradeoff_store import add_hand_row, hand_rows, load_tradeoff_settings
from core.workspace.database import Workspace, WorkspaceReadOnly, new_token, open_workspace
from core.workspace.file import workspace_xlsx
from core.workspace.links import Role, link, open_for

READS = frozenset(
    {
        "analysis.competition.read_competition_settings",
        "analysis.competition.load_competition_settings",
        "analysis.competition.competition",
        "analysis.competitors.current_solution_attribute",
        "analysis.competitors.competitor_source",
        "analysis.competitors.competitor_scores",
        "analysis.need_clusters.need_clusters",
        "analysis.scoring.read_settings",
        "analysis.scoring.load_settings",
        "analysis.scoring.outcome_scores",
        "analysis.scoring.step_scores",
        "analysis.segment_profiles.segment_scores",
        "analysis.segment_profiles.segment_differences",
        "analysis.segment_profiles.attribute_mix",
        "analysis.segment_profiles.profile_segmentation",
        "analysis.segment_store.list_segmentations",
        "analysis.segment_store.get_segmentation",
        "analysis.segment_store.default_name",
        "analysis.segment_store.segment_sizes",
        "analysis.segment_store.assignments",
        "analysis.segment_store.segmentation_groupings",
        "analysis.segmentation.rating_matrix",
        "analysis.waves.list_waves",
        "analysis.waves.base_outcomes",
        "analysis.waves.check_label",
        "analysis.waves.next_label",
        "analysis.waves.prepare_wave",
        "analysis.waves.wave_label",
        "analysis.waves.wave_scores",
        "analysis.waves_intake.check_wave",
        "analysis.waves_match.workspace_wave",
        "analysis.wtp.wtp_attribute",
        "analysis.wtp.respondent_wtp",
        "analysis.wtp.wtp_by_segment",
        "analysis.wtp.wtp_by_satisfaction",
        "guide.guide_visible",
        "intake.import_settings.keep_partial",
        "intake.mapping_table.saved_direction",
        "intake.mapping_table.remembered",
        "intake.replace.check",
        "intake.replace.prepare_rescale",
        "intake.replace.impact",
        "intake.store.survey_info",
        "intake.store.latest_import_report",
        "intake.store.latest_source_file",
        "intake.survey_queries.steps_table",
        "intake.survey_queries.outcomes_table",
        "intake.survey_queries.attribute_groups",
        "intake.survey_queries.group_sizes",
        "intake.survey_queries.attribute_header",
        "intake.survey_queries.respondents_preview",
        "report.build.choose_scenario",
        "report.build.survey_date",
        "report.build.build_report",
        "strategy.capabilities.capabilities",
        "strategy.capabilities.links",
        "strategy.capabilities.need_choices",
        "strategy.capabilities.stored_rows",
        "strategy.capabilities.check_known",
        "strategy.capabilities.link_notes",
        "strategy.communication.load_communication_settings",
        "strategy.communication.touchpoints",
        "strategy.communication.stored_elements",
        "strategy.communication.job_steps",
        "strategy.communication.active_choices",
        "strategy.communication.map_elements",
        "strategy.communication_checks.message_consistency",
        "strategy.communication_messages.messages",
        "strategy.communication_messages.segments",
        "strategy.communication_messages.check_cell",
        "strategy.communication_messages.stored_message",
        "strategy.communication_rows.message_counts",
        "strategy.customer_figures.read_customer_settings",
        "strategy.customer_figures.per_customer",
        "strategy.customer_figures.per_kind",
        "strategy.customer_figures.per_segment",
        "strategy.customers.customers",
        "strategy.customers.facts",
        "strategy.customers.tags",
        "strategy.customers.segments",
        "strategy.focus_data.survey_signature",
        "strategy.focus_data.groupings",
        "strategy.focus_data.read_focus_settings",
        "strategy.focus_data.load_focus_settings",
        "strategy.jobmap_bulk.last_change",
        "strategy.metric_measurements.measurements",
        "strategy.metric_measurements.held_days",
        "strategy.metric_measurements.metric_names",
        "strategy.metric_sources.resource_alignment",
        "strategy.metric_sources.development_focus",
        "strategy.metric_sources.consistency_percent",
        "strategy.metric_sources.current_value",
        "strategy.metric_waves.by_wave",
        "strategy.metric_waves.satisfaction_now",
        "strategy.metrics.metrics",
        "strategy.metrics.stored_rows",
        "strategy.scenarios.list_scenarios",
        "strategy.scenarios.next_name",
        "strategy.scenarios.active_scenario",
        "strategy.scenarios.decisions",
        "strategy.scenarios.assignment",
        "strategy.scenarios.all_assignments",
        "strategy.scenarios.history_size",
        "strategy.tradeoff_report.workspace_report",
        "strategy.tradeoff_scenario.free_name",
        "strategy.tradeoff_scenario.step_order",
        "strategy.tradeoff_store.read_tradeoff_settings",
        "strategy.tradeoff_store.load_tradeoff_settings",
        "strategy.tradeoff_store.load_weights",
        "strategy.tradeoff_store.load_hand_scores",
        "strategy.tradeoff_store.hand_rows",
        "strategy.tradeoffs.reach_and_wtp",
        "strategy.tradeoffs.capability_fit",
        "strategy.tradeoffs.tradeoff_data",
        "views.capabilities.need_scores",
        "views.capabilities.active_scenario",
        "views.capabilities.differentiate_steps",
        "views.capabilities.capabilities_view",
        "views.communication.need_scores",
        "views.communication.segment_need_scores",
        "views.communication.communication_view",
        "views.competitors.competitors_view",
        "views.customers.customers_view",
        "views.focus.focus_view",
        "views.focus.group_totals",
        "views.job_map.job_map_view",
        "views.method.method_view",
        "views.metrics.metrics_view",
        "views.opportunities.opportunities_view",
        "views.segments.segmentation_view",
        "views.segments.need_clusters_view",
        "views.survey.survey_view",
        "views.survey.grouping_sizes",
        "views.tradeoffs.tradeoffs_view",
        "views.waves.waves_view",
        "workspace.file.workspace_sheets",
        "workspace.file.workspace_xlsx",
        "workspace.samples.open_sample",
        "workspace.settings.load_setting",
        "strategy.votes.dot_limit",
        "strategy.votes.my_name",
        "strategy.votes.my_votes",
        "strategy.votes.my_dots",
        "strategy.votes.step_tally",
        "strategy.votes.dot_tally",
        "strategy.votes.counts",
        # issue 16: methods, intervals, wins, growth and patterns read
        "analysis.bootstrap.bootstrap_intervals",
        "analysis.methods.methods_comparison",
        "strategy.communication.read_communication_settings",
        "strategy.pattern_scenario.scenario_name",
        "strategy.wins.wins_basis",
        "strategy.wins.wins_segmentation",
        "strategy.growth.overrides",
        "strategy.growth.respondent_wtp",
        "strategy.growth.segments_signature",
        "views.intervals.intervals_view",
        "views.scoring_methods.methods_view",
        "views.strategy_options.chosen_segmentation",
        "views.strategy_options.strategy_analysis",
        "views.strategy_options.strategy_options_view",
        # issue 17.3: the store's plumbing; with the local store (these tests) it reads or does nothing
        "workspace.store_sync.attach",
        "workspace.store_sync.open_stored_workspace",
        "workspace.store_sync.refresh",
        "workspace.store_sync.stored_workspace_exists",
        "workspace.store_sync.sync_of",
    }
)

# Writes whose change is a viewer's own choice of what to look at: on a view handle they are kept
# on the handle (Workspace.set_setting personal=True) and nothing stored changes.
PERSONAL = frozenset({"strategy.scenarios.set_active", "analysis.waves.choose_wave"})
# A lazy seed that a read-only handle skips (it would otherwise run on a viewer's first visit).
SKIPPED_WHEN_READ_ONLY = frozenset({"strategy.communication.ensure_touchpoints"})


def _functions() -> Iterator[tuple[str, Callable[..., Any]]]:
    for info in pkgutil.walk_packages(core.__path__, "core."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, function in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(function) or function.__module__ != module.__name__:
                continue
            if any("Workspace" in str(p.annotation) for p in inspect.signature(function).parameters.values()):
                yield f"{info.name.removeprefix('core.')}.{name}", function


FUNCTIONS = dict(_functions())


def _fingerprint(workspace: Workspace) -> dict[str, tuple]:
    """Row count and an order-free hash of every table: any stored change shows."""
    cur = workspace.cursor()
    tables = [row[0] for row in cur.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
    return {t: cur.execute(f'SELECT count(*), bit_xor(hash(t)) FROM "{t}" t').fetchone() for t in tables}  # type: ignore[misc]


@pytest.fixture(scope="module")
def full_workspace(sample_workspace_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A data directory with one workspace holding something of every kind, and its edit token."""
    folder = tmp_path_factory.mktemp("full")
    token = new_token()
    shutil.copy(sample_workspace_file, folder / f"{token}.duckdb")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JTBD_DATA_DIR", str(folder))
        editor = open_workspace(token)
        scenarios.create_scenario(editor, "Plan A")
        scenarios.create_scenario(editor, "Plan B")
        first_step = int(steps_table(editor)["step_id"].iloc[0])
        scenarios.set_choice(editor, scenarios.active_scenario(editor), first_step, "differentiate")
        capability = capabilities.add_capability(editor, "Fast support")
        outcomes = outcomes_table(editor)
        step_outcome = str(outcomes.loc[outcomes["step_id"] == first_step, "outcome_id"].iloc[0])
        capabilities.set_link(editor, capability, step_outcome, 2)
        metrics.add_from_template(editor, "development_focus")
        communication.add_touchpoint(editor, "Website", "consideration")
        communication.add_element(editor, "capability", capability_id=capability)
        customer = customers.add_customer(editor, "ACME", tags=["big"])
        customers.add_fact(editor, customer, "challenge", "Slow invoices")
        metric = metrics.add_metric(editor, "Churn")
        metric_measurements.add_measurement(editor, metric, dt.date(2026, 1, 5), 3.0)
        assignments = editor.cursor().execute("SELECT respondent_id, 'A' AS segment FROM respondents").df()
        segment_store.save_segmentation(editor, "Two", assignments, k=1, silhouette=None, params={})
        wave_id, _ = waves.add_wave(editor, workspace_wave(editor, "again.xlsx", _scale(editor)), "Again")
        waves.set_fielded_on(editor, waves.BASE_WAVE, dt.date(2025, 6, 1))
        waves.set_fielded_on(editor, wave_id, dt.date(2026, 6, 1))
        add_hand_row(editor, "Custom row")
        editor.close()
    yield folder / token


@pytest.fixture(scope="module")
def handles(full_workspace: Path) -> Iterator[tuple[Workspace, Workspace, dict[str, Any]]]:
    """(editor, viewer, arguments) on the full workspace; the viewer opened through its view link."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JTBD_DATA_DIR", str(full_workspace.parent))
        editor, _ = open_for(full_workspace.name)
        viewer, role = open_for(link(full_workspace.name, Role.VIEW))
        assert role is Role.VIEW
        yield editor, viewer, _arguments(editor)
        viewer.close()
        editor.close()


def _scale(workspace: Workspace) -> Scale:
    info = survey_info(workspace)
    assert info is not None
    return info.scale


def _first(frame: pd.DataFrame, column: str) -> Any:
    return frame[column].iloc[0]


def _arguments(editor: Workspace) -> dict[str, Any]:
    """A working value for every required parameter name of a write (taken from the workspace)."""
    steps, outcomes = steps_table(editor), outcomes_table(editor)
    scenario = scenarios.active_scenario(editor)
    capability = _first(capabilities.capabilities(editor), "capability_id")
    touchpoint = _first(communication.touchpoints(editor), "touchpoint_id")
    element = _first(communication.stored_elements(editor), "element_id")
    customer = _first(customers.customers(editor), "customer_id")
    metric = metrics.metrics(editor).query("name == 'Churn'")["metric_id"].iloc[0]
    computed = metrics.metrics(editor).query("template_key == 'development_focus'")["metric_id"].iloc[0]
    segmentation = segment_store.list_segmentations(editor)[0]
    wave = int(waves.list_waves(editor)["wave_id"].max())
    content = sample_files()[0].read_bytes()
    step_id, outcome_id = int(_first(steps, "step_id")), str(_first(outcomes, "outcome_id"))
    result = check(editor, content, "sample.xlsx").result
    assert result is not None and result.survey is not None
    return {
        "scenario_id": scenario,
        "step_id": step_id,
        "outcome_id": outcome_id,
        "outcome_ids": [outcome_id],
        "ordered_step_ids": list(reversed(steps["step_id"].astype(int).tolist())),
        "capability_id": capability,
        "capability_ids": [capability],
        "touchpoint_id": touchpoint,
        "element_id": element,
        "customer_id": customer,
        "fact_id": _first(customers.facts(editor), "fact_id"),
        "metric_id": metric,
        "measured_on": dt.date(2026, 1, 5),
        "segmentation_id": segmentation.segmentation_id,
        "wave_id": wave,
        "row_key": _hand_row(editor),
        "step_name": str(_first(steps, "name")),
        "name": "Changed",
        "new_name": "Changed",
        "old_name": "A",
        "label": "Changed",
        "statement": "Changed statement",
        "note": "A note",
        "notes": "Notes",
        "text": "A fact",
        "kind": "capability",
        "tag": "big",
        "values": ["new"],
        "stage": "purchase",
        "choice": "differentiate",
        "strength": 2,
        "included": True,
        "hidden": True,
        "known": True,
        "visible": False,
        "keep": True,
        "offset": 1,
        "value": 4.0,
        "score": 3.0,
        "criterion": "cost",
        "competitor": None,
        "direction": "rows",
        "signature": "abc",
        "segment": "A",
        "strategy": "dominant",
        "pattern": Pattern("step_excellence", "Step-specific excellence", "rule", True, "evidence", steps=(step_id,)),
        "suggestion": {},
        "renames": {"A": "Alpha"},
        "fielded_on": dt.date(2026, 2, 1),
        "pairs": [(capability, outcome_id)],
        "order": [],  # filled per function
        "weights": {"reach": 3},
        "target": scenarios.Target(outcomes=(outcome_id,)),
        "new": {step_id: "accept"},
        "key": "development_focus",
        "k": 2,
        "silhouette": None,
        "params": {},
        "assignments": segment_store.assignments(editor, segmentation.segmentation_id),
        "options": SegmentationOptions(k=2, n_init=1),
        "cancelled": lambda: False,
        "content": content,
        "file_name": "sample.xlsx",
        "file": workspace_xlsx(editor),
        "wave": workspace_wave(editor, "again.xlsx", _scale(editor)),
        "plan": JobMapPlan(
            "map.xlsx",
            tuple(FileStep(n, None) for n in steps["name"]),
            ((outcome_id, steps["name"].iloc[-1]),),
            *((),) * 4,
        ),
        "rows": metric_measurements.measurements(editor),
        "summary": pd.DataFrame({"rank": [1], "steps": [[step_id]], "score": [0.9]}),
        "replacement": Replacement("sample.xlsx", content, result),
        "survey": result.survey,
        "edited": pd.DataFrame(),
        "table": pd.DataFrame(),
        "computed": computed,
        "participant_id": "participant-0001",
        "dots": 2,
    }


def _overrides(name: str, values: dict[str, Any]) -> dict[str, Any]:
    """Arguments that differ from the shared ones for one write (tables, a kind, a metric)."""
    capability, outcome_id = values["capability_id"], values["outcome_id"]
    return {
        "strategy.customers.add_fact": {"kind": "challenge"},
        "strategy.communication.add_element": {"kind": "text", "name": "Fastest in class"},
        "strategy.communication_messages.apply_message_table": {
            "segment": None,
            "table": pd.DataFrame({"touchpoint_id": [values["touchpoint_id"]], "text": ["Say it"]}),
        },
        "strategy.communication_messages.set_message": {"segment": None},
        "strategy.metric_sources.record_today": {"metric_id": values["computed"]},
        "strategy.metric_waves.record_waves": {"metric_id": values["computed"]},
        "strategy.metric_measurements.import_measurements": {
            "text": "date,value\n2026-03-01,5\n",
            "metric_id": values["metric_id"],
        },
        "strategy.metric_measurements.apply_measurement_table": {
            "table": pd.DataFrame({"measured_on": [dt.date(2026, 4, 1)], "value": [2.0], "note": [None]})
        },
        "strategy.capability_tables.apply_link_table": {
            "edited": pd.DataFrame({"capability_id": [capability], outcome_id: [3]}),
            "outcome_ids": [outcome_id],
        },
        "strategy.capability_tables.apply_vrio_table": {
            "edited": pd.DataFrame({"capability_id": [capability], "valuable": ["yes"], "rare": [True]})
        },
        "strategy.jobmap.apply_outcome_table": {
            "edited": pd.DataFrame({"outcome_id": [outcome_id], "step": [values["step_name"]], "statement": ["New"]})
        },
    }.get(name, {})


def _hand_row(editor: Workspace) -> str:
    return hand_rows(editor)[0][0]


def _settings_for(name: str, editor: Workspace) -> Any:
    return {
        "analysis.competition.save_competition_settings": load_competition_settings,
        "analysis.scoring.save_settings": load_settings,
        "strategy.customer_figures.save_customer_settings": lambda ws: read_customer_settings(ws).settings,
        "strategy.focus_data.save_focus_settings": load_focus_settings,
        "strategy.tradeoff_store.save_tradeoff_settings": load_tradeoff_settings,
    }[name](editor)


_VARIADIC = (inspect.Parameter.VAR_KEYWORD, inspect.Parameter.VAR_POSITIONAL)


def _call(name: str, function: Callable[..., Any], viewer: Workspace, values: dict[str, Any]) -> Any:
    kwargs: dict[str, Any] = {}
    overrides = _overrides(name, values)
    parameters = list(inspect.signature(function).parameters.values())
    for parameter in parameters[1:]:
        if parameter.name in overrides:
            kwargs[parameter.name] = overrides[parameter.name]
        elif parameter.kind in _VARIADIC or parameter.default is not parameter.empty:
            continue
        elif parameter.name == "settings":
            kwargs["settings"] = _settings_for(name, viewer)
        else:
            assert parameter.name in values, f"{name}: give the test a value for its parameter {parameter.name!r}"
            kwargs[parameter.name] = values[parameter.name]
    return function(viewer, **kwargs)


WRITES = sorted(set(FUNCTIONS) - READS)


def test_every_function_taking_a_workspace_is_classified() -> None:
    assert set(FUNCTIONS) >= READS, f"listed but gone: {sorted(READS - set(FUNCTIONS))}"
    assert len(WRITES) >= 100  # the write paths of core, found by name below


@pytest.mark.parametrize("name", WRITES)
def test_a_view_handle_refuses_every_write(name: str, handles: tuple[Workspace, Workspace, dict[str, Any]]) -> None:
    editor, viewer, values = handles
    before = _fingerprint(editor)
    function = FUNCTIONS[name]
    if name in PERSONAL or name in SKIPPED_WHEN_READ_ONLY:
        _call(name, function, viewer, values)  # the viewer's own choice: allowed, stored nowhere
    else:
        with pytest.raises(WorkspaceReadOnly):
            result = _call(name, function, viewer, values)
            if inspect.isgenerator(result) or hasattr(result, "__enter__"):
                with result:
                    pass
    assert _fingerprint(editor) == before, f"{name} changed the workspace through a view handle"


# The writes a vote link may make (issue 17.2): participant votes, into the vote tables only.
VOTE_WRITES = frozenset({"strategy.votes.cast_vote", "strategy.votes.set_dots", "strategy.votes.set_name"})
VOTE_TABLES = frozenset({"voters", "votes", "dot_votes"})


@pytest.fixture(scope="module")
def vote_handle(full_workspace: Path, handles: tuple[Workspace, Workspace, dict[str, Any]]) -> Iterator[Workspace]:
    """A handle opened through the workspace's vote link."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JTBD_DATA_DIR", str(full_workspace.parent))
        voter, role = open_for(link(full_workspace.name, Role.VOTE))
        assert role is Role.VOTE and voter.refuses_writes
        yield voter
        voter.close()


def test_the_vote_writes_are_write_paths() -> None:
    assert set(WRITES) >= VOTE_WRITES


@pytest.mark.parametrize("name", WRITES)
def test_a_vote_handle_writes_votes_and_nothing_else(
    name: str, handles: tuple[Workspace, Workspace, dict[str, Any]], vote_handle: Workspace
) -> None:
    editor, _, values = handles
    before = _fingerprint(editor)
    function = FUNCTIONS[name]
    if name in VOTE_WRITES:
        _call(name, function, vote_handle, values)
        after = _fingerprint(editor)
        changed = {t for t in after if after[t] != before.get(t)}
        assert changed and changed <= VOTE_TABLES, f"{name} changed {sorted(changed)} through a vote handle"
        return
    try:  # a read the list above does not name returns; every write must be refused
        result = _call(name, function, vote_handle, values)
        if inspect.isgenerator(result) or hasattr(result, "__enter__"):
            with result:
                pass
    except WorkspaceReadOnly:
        pass
    assert _fingerprint(editor) == before, f"{name} changed the workspace through a vote handle"
