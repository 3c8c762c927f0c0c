"""A restore and the change marks (issue 17.4): the workspace .xlsx does not carry the marks
(concurrency bookkeeping, not user work), and a restore starts them afresh: every item counts as
changed by the restore. A page drawn after the restore is never refused by a mark from before it;
a page drawn before the restore cannot silently overwrite what the restore brought."""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.analysis.scoring import load_settings, save_settings
from core.intake.loading import load_sample
from core.strategy import jobmap, scenarios
from core.strategy.focus import ACCEPT, DIFFERENTIATE, MEET
from core.workspace.change_marks import ChangedElsewhere, Drawn
from core.workspace.database import open_workspace
from core.workspace.file import workspace_sheets, workspace_xlsx
from core.workspace.restore import restore


def marks(workspace) -> dict[str, tuple[int, str]]:
    return {item: (rev, writer) for item, rev, writer in workspace.cursor().execute("FROM change_marks").fetchall()}


@pytest.fixture(scope="module")
def exported():
    """A workshop's file, downloaded after one scenario with a few moves (made by tab A)."""
    workspace = open_workspace()
    load_sample(workspace)
    plan = scenarios.active_scenario(workspace)
    scenarios.set_assignment(workspace, plan, {2: DIFFERENTIATE, 3: MEET}, drawn=Drawn(workspace.revision, "tab-a"))
    content = workspace_xlsx(workspace)
    workspace.close()
    return plan, content


@pytest.fixture
def workshop(exported):
    """The workshop after the download: a move, a rename, scoring settings and a scenario made since,
    by tab A."""
    plan, content = exported
    workspace = open_workspace()
    restore(workspace, content)
    drawn = Drawn(workspace.revision, "tab-a")
    scenarios.set_choice(workspace, plan, 4, ACCEPT, drawn=drawn)
    jobmap.rename_step(workspace, 4, "Renamed after the download", drawn=drawn)
    save_settings(workspace, replace(load_settings(workspace), extreme=18.0), drawn=drawn)  # the file has none
    scenarios.create_scenario(workspace, "Made after the download")
    yield workspace, plan, content
    workspace.close()


def test_the_workspace_file_does_not_carry_the_marks(workshop):
    workspace, _, _ = workshop
    assert marks(workspace)  # the workshop has marks …
    assert not any("mark" in sheet for sheet in workspace_sheets(workspace))  # … the file does not


def test_a_page_drawn_after_a_restore_is_never_refused_by_a_mark_from_before_it(workshop):
    workspace, plan, content = workshop
    restore(workspace, content)
    drawn = Drawn(workspace.revision, "tab-b")  # tab B draws the restored workshop
    assert scenarios.set_choice(workspace, plan, 4, MEET, drawn=drawn)  # tab A moved it before the restore
    jobmap.rename_step(workspace, 4, "Renamed after the restore", drawn=drawn)
    scenarios.set_choice(workspace, plan, 2, ACCEPT, drawn=drawn)
    save_settings(workspace, replace(load_settings(workspace), extreme=16.0), drawn=drawn)
    assert scenarios.assignment(workspace, plan)[4] == MEET and scenarios.assignment(workspace, plan)[2] == ACCEPT


def test_a_page_drawn_before_a_restore_cannot_overwrite_what_it_brought(workshop):
    workspace, plan, content = workshop
    drawn_before = Drawn(workspace.revision, "tab-c")  # tab C still shows the workshop before the restore
    restore(workspace, content)
    restored = scenarios.assignment(workspace, plan)
    outcome = workspace.cursor().execute("SELECT outcome_id FROM outcomes WHERE step_id <> 8 LIMIT 1").fetchall()[0][0]
    for change in (
        lambda: scenarios.set_choice(workspace, plan, 5, ACCEPT, drawn=drawn_before),  # a step nobody moved
        lambda: scenarios.set_note(workspace, plan, 6, "From a stale tab", drawn=drawn_before),
        lambda: jobmap.rename_step(workspace, 7, "From a stale tab", drawn=drawn_before),
        lambda: scenarios.rename_scenario(workspace, plan, "From a stale tab", drawn=drawn_before),
        lambda: jobmap.move_outcome(workspace, outcome, 8, drawn=drawn_before),  # an outcome nobody moved
        lambda: scenarios.set_target(workspace, plan, 5, scenarios.Target(margin=2.0), drawn=drawn_before),
        lambda: save_settings(workspace, replace(load_settings(workspace), extreme=16.0), drawn=drawn_before),
    ):
        with pytest.raises(ChangedElsewhere):
            change()
    assert scenarios.assignment(workspace, plan) == restored
    assert load_settings(workspace).extreme == 15.0  # the restore took the setting back to its default


def test_a_restore_restarts_every_mark_at_its_revision(workshop):
    workspace, plan, content = workshop
    restore(workspace, content)
    after = marks(workspace)
    assert set(after.values()) == {(workspace.revision, "")}  # one new history, begun by the restore
    steps = {int(s) for (s,) in workspace.cursor().execute("SELECT step_id FROM steps").fetchall()}
    assert {f"step:{s}" for s in steps} | {f"choice:{plan}:{s}" for s in steps} <= set(after)
    assert {f"scenario:{plan}", "setting:scoring"} <= set(after)
    outcomes = {o for (o,) in workspace.cursor().execute("SELECT outcome_id FROM outcomes").fetchall()}
    assert {f"outcome:{o}" for o in outcomes} | {f"target:{plan}:{s}" for s in steps} <= set(after)
    assert {"table:capabilities", "table:capability_links"} <= set(after)
