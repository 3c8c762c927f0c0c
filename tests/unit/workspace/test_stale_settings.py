"""Two people at once (issue 17.4): every settings save a page makes is checked per ``setting:<key>``.
A save from a page drawn before another writer changed the same setting is refused and changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest

from core.analysis.competition import load_competition_settings, save_competition_settings
from core.intake.import_settings import keep_partial, save_keep_partial
from core.strategy import votes
from core.strategy.communication import load_communication_settings, save_communication_settings
from core.strategy.customer_figures import read_customer_settings, save_customer_settings
from core.strategy.focus_data import load_focus_settings, save_focus_settings
from core.strategy.tradeoff_store import TradeoffSettings, load_tradeoff_settings, save_tradeoff_settings
from core.workspace.change_marks import ChangedElsewhere, Drawn
from core.workspace.database import Workspace, open_workspace
from core.workspace.setting_writes import put_setting

Save = Callable[[Workspace, int, Drawn | None], None]  # (workspace, variant 1 or 2, drawn)
Read = Callable[[Workspace], Any]

SAVES: dict[str, tuple[Save, Read]] = {
    "competition": (
        lambda ws, n, d: save_competition_settings(ws, replace(load_competition_settings(ws), lead_margin=n), d),
        lambda ws: load_competition_settings(ws).lead_margin,
    ),
    "focus": (
        lambda ws, n, d: save_focus_settings(ws, replace(load_focus_settings(ws), focus_limit=n + 3), d),
        lambda ws: load_focus_settings(ws).focus_limit,
    ),
    "communication": (
        lambda ws, n, d: save_communication_settings(ws, drawn=d, min_touchpoints=n + 3),
        lambda ws: load_communication_settings(ws).min_touchpoints,
    ),
    "tradeoffs": (
        lambda ws, n, d: save_tradeoff_settings(ws, TradeoffSettings("clusters", None, n + 2), d),
        lambda ws: load_tradeoff_settings(ws).clusters,
    ),
    "customers": (
        lambda ws, n, d: save_customer_settings(ws, replace(read_customer_settings(ws).settings, min_facts=n + 4), d),
        lambda ws: read_customer_settings(ws).settings.min_facts,
    ),
    "dot votes": (lambda ws, n, d: votes.set_dot_limit(ws, n + 4, d), votes.dot_limit),
    "keep partial": (lambda ws, n, d: save_keep_partial(ws, n == 1, d), keep_partial),
}


@pytest.fixture
def workspace() -> Iterator[Workspace]:
    opened = open_workspace()
    yield opened
    opened.close()


@pytest.mark.parametrize("name", sorted(SAVES))
def test_a_setting_saved_from_a_stale_page_is_refused(workspace: Workspace, name: str) -> None:
    save, read = SAVES[name]
    seen_by_b = Drawn(workspace.revision, "tab-b")
    save(workspace, 1, Drawn(workspace.revision, "tab-a"))
    stored, revision = read(workspace), workspace.revision
    with pytest.raises(ChangedElsewhere, match="changed elsewhere") as refused:
        save(workspace, 2, seen_by_b)
    assert refused.value.items[0].startswith("setting:")
    assert (read(workspace), workspace.revision) == (stored, revision)
    save(workspace, 2, Drawn(workspace.revision, "tab-b"))  # from the page drawn now: saved
    assert read(workspace) != stored


@pytest.mark.parametrize("name", sorted(SAVES))
def test_a_writer_never_conflicts_with_itself_and_unchecked_saves_still_mark(workspace: Workspace, name: str) -> None:
    save, _ = SAVES[name]
    drawn = Drawn(workspace.revision, "tab-a")
    save(workspace, 1, drawn)
    save(workspace, 2, drawn)  # its own quick changes
    seen_by_b = Drawn(workspace.revision, "tab-b")
    save(workspace, 1, None)  # e.g. the CLI
    with pytest.raises(ChangedElsewhere):
        save(workspace, 2, seen_by_b)


def test_a_stale_save_that_changes_nothing_is_not_refused(workspace: Workspace) -> None:
    seen_by_b = Drawn(workspace.revision, "tab-b")
    assert put_setting(workspace, "vote_dots", 5, drawn=Drawn(workspace.revision, "tab-a"))
    revision = workspace.revision
    assert not put_setting(workspace, "vote_dots", 5, drawn=seen_by_b)
    assert workspace.revision == revision


def test_another_setting_may_still_be_saved_from_the_stale_page(workspace: Workspace) -> None:
    seen_by_b = Drawn(workspace.revision, "tab-b")
    votes.set_dot_limit(workspace, 7, Drawn(workspace.revision, "tab-a"))
    save_focus_settings(workspace, replace(load_focus_settings(workspace), focus_limit=5), seen_by_b)
    assert (votes.dot_limit(workspace), load_focus_settings(workspace).focus_limit) == (7, 5)


def test_competition_settings_keep_the_keys_other_pages_store_there(workspace: Workspace) -> None:
    workspace.set_setting("competition", {"important_min": 7.0, "kept_by_another_page": "yes"})
    save_competition_settings(workspace, replace(load_competition_settings(workspace), critical_threshold=6.5))
    stored = workspace.get_setting("competition")
    assert stored["critical_threshold"] == 6.5 and stored["kept_by_another_page"] == "yes"
