"""A workspace whose every user-text field holds Markdown and HTML (issue 9, item 7).

Built with the app's own core functions from a real .xlsx written by openpyxl: the survey name,
the file name, step names, statements, an attribute header and its values, competitor names, a
duplicated respondent id (listed in the import report), segment and segmentation names, scenario
names and notes, a step note and "us". Each planted text carries a marker (``Zb3``, ``Zm3``…) that
must never end up inside a bold, italic, link or image element, and links or images point to
hosts the page must never contact.
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import openpyxl

from core.analysis.competition import load_competition_settings, save_competition_settings
from core.analysis.segment_store import GROUPING_PREFIX, rename_segmentation, rename_segments, segment_sizes
from core.analysis.segmentation import SegmentationOptions, run_segmentation
from core.analysis.waves import rename_wave
from core.intake.replace import commit, prepare
from core.intake.store import SURVEY_KEY
from core.intake.survey_queries import outcomes_table, steps_table
from core.strategy import capabilities, communication, communication_messages, customers, focus_data, metrics, scenarios
from core.strategy.tradeoff_store import add_hand_row
from core.workspace.database import Workspace

FOREIGN_HOST = "203.0.113.9"  # TEST-NET-3: never routable
MARKER = r"Z[bilm]\d+"


def markdown(i: int) -> str:
    """Bold, a link and an image; at most 80 characters (the longest scenario or segment name)."""
    return f"**Zb{i}** [Zl{i}](http://example.com) ![Zm{i}](http://{FOREIGN_HOST}/{i}.png)"


def html(i: int) -> str:
    """Raw HTML, a Streamlit icon directive, emphasis and a bare URL."""
    return f"<img src='http://{FOREIGN_HOST}/h{i}.png'> :material/home: _Zi{i}_ www.example.com"


FILE_NAME = "**Zb90** [Zl90](x) <img src=x> _Zi90_.xlsx"  # no "/" in a file name
SURVEY_NAME = markdown(91)
STEPS = [markdown(1), html(2), markdown(3), html(4)]
ATTRIBUTE = markdown(5)
ATTRIBUTE_VALUES = [html(6), markdown(7)]
COMPETITORS = [markdown(8), html(9), "Plain rival"]
DUPLICATE_ID = markdown(10)
SEGMENTATION = markdown(11)
SCENARIO = markdown(12)
SCENARIO_NOTES = html(13)
STEP_NOTE = markdown(14)
SEGMENT_NAMES = [markdown(20 + i) for i in range(8)]
# The follow-through pages (Capabilities, Trade-offs, Communication, Customers, Metrics, Survey waves):
CAPABILITY, CAPABILITY_OWNER = markdown(60), html(61)
HAND_ROW = markdown(62)
TOUCHPOINT, MESSAGE, PROOF = markdown(63), html(64), markdown(65)
CUSTOMER, FACT, TAG = markdown(66), html(67), "**Zb68**"
METRIC, METRIC_OWNER = markdown(69), html(70)
BASE_WAVE = markdown(71)


def statement(step: int, k: int) -> str:
    return f"{STEPS[step]} outcome {k} {html(30 + 3 * step + k)}"


def write_survey(path: Path, respondents: int = 150, seed: int = 7) -> Path:
    """A canonical workbook: job_map, responses (with the hostile attribute) and competitors."""
    rng = random.Random(seed)
    outcomes = [(s, k, f"O{s}{k}") for s in range(len(STEPS)) for k in range(3)]
    workbook = openpyxl.Workbook()
    job_map = workbook.active
    job_map.title = "job_map"
    job_map.append(["step_order", "step", "outcome_id", "statement"])
    for s, k, oid in outcomes:
        job_map.append([s + 1, STEPS[s], oid, statement(s, k)])
    responses = workbook.create_sheet("responses")
    responses.append(
        ["respondent_id", ATTRIBUTE, *(f"imp_{o}" for *_, o in outcomes), *(f"sat_{o}" for *_, o in outcomes)]
    )
    competitors = workbook.create_sheet("competitors")
    competitors.append(["respondent_id", "outcome_id", "competitor", "satisfaction"])
    for r in range(respondents):
        rid = f"R{r:04d}"
        group = r % 2
        importance = [rng.choice([4, 5, 5] if (s + group) % 2 else [1, 2, 3]) for s, _, _ in outcomes]
        satisfaction = [rng.choice([1, 2, 3] if (s + group) % 2 else [3, 4, 5]) for s, _, _ in outcomes]
        responses.append([rid, ATTRIBUTE_VALUES[group], *importance, *satisfaction])
        for s, _, oid in outcomes:
            for c, name in enumerate(COMPETITORS):
                leads = (s + c) % len(COMPETITORS) == 0
                competitors.append([rid, oid, name, rng.choice([4, 5] if leads else [1, 2, 3])])
    responses.append([DUPLICATE_ID, ATTRIBUTE_VALUES[0], *([3] * 2 * len(outcomes))])
    responses.append([DUPLICATE_ID, ATTRIBUTE_VALUES[1], *([4] * 2 * len(outcomes))])
    workbook.save(path)
    return path


def plant(workspace: Workspace, directory: Path) -> None:
    """Import the hostile survey into ``workspace`` and plant hostile text in every other field."""
    path = write_survey(directory / "hostile.xlsx")
    replacement = prepare(path.read_bytes(), FILE_NAME)
    assert replacement.ok, replacement.report.to_text()
    commit(workspace, replacement)
    workspace.set_setting(SURVEY_KEY, {**workspace.get_setting(SURVEY_KEY), "name": SURVEY_NAME})

    segmentation_id = run_segmentation(workspace, SegmentationOptions(k=2), name="Needs")
    old = list(segment_sizes(workspace, segmentation_id)["grp"])
    rename_segments(workspace, segmentation_id, dict(zip(old, SEGMENT_NAMES, strict=False)))
    rename_segmentation(workspace, segmentation_id, SEGMENTATION)

    scenario_id = scenarios.create_scenario(workspace, SCENARIO)
    scenarios.set_active(workspace, scenario_id)
    scenarios.set_scenario_notes(workspace, scenario_id, SCENARIO_NOTES)
    steps = [int(s) for s in steps_table(workspace).sort_values("step_order")["step_id"]]
    choices = {steps[0]: "differentiate", steps[1]: "differentiate", steps[2]: "accept"}
    scenarios.set_assignment(workspace, scenario_id, choices)
    scenarios.set_note(workspace, scenario_id, steps[0], STEP_NOTE)
    save_competition_settings(workspace, replace(load_competition_settings(workspace), us=COMPETITORS[0]))
    focus_settings = focus_data.load_focus_settings(workspace)
    focus_data.save_focus_settings(workspace, replace(focus_settings, group_by=GROUPING_PREFIX + segmentation_id))


def plant_frameworks(workspace: Workspace) -> None:
    """Hostile text in the user-text fields of the pages added after issue 9: a capability (name,
    owner) linked to the first outcome, a hand row of the trade-off matrix, a touchpoint with a
    message and proof on the first differentiated step, a customer with a fact and a tag, a metric
    (name, owner) and the base wave's label."""
    first_outcome = str(outcomes_table(workspace)["outcome_id"].iloc[0])
    capability = capabilities.add_capability(
        workspace, CAPABILITY, description=html(72), owner=CAPABILITY_OWNER, strength=2
    )
    capabilities.set_link(workspace, capability, first_outcome, 3, note=markdown(73))
    add_hand_row(workspace, HAND_ROW)
    touchpoint = communication.add_touchpoint(workspace, TOUCHPOINT, "awareness")
    first_step = int(steps_table(workspace).sort_values("step_order")["step_id"].iloc[0])
    communication_messages.set_message(workspace, f"step:{first_step}", touchpoint, text=MESSAGE, proof=PROOF)
    customer = customers.add_customer(workspace, CUSTOMER, note=html(74), tags=[TAG])
    customers.add_fact(workspace, customer, "quirk", FACT)
    metrics.add_metric(workspace, METRIC, owner=METRIC_OWNER, definition=html(75))
    rename_wave(workspace, 0, BASE_WAVE)
