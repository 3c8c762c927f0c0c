"""The one settings loader (core/workspace/settings.py): each stored value that cannot be read
takes its default with a warning; nothing raises; the three settings share the rule."""

from __future__ import annotations

import pytest

from core.analysis.competition import CompetitionSettings, read_competition_settings
from core.analysis.scoring import ScoringSettings, load_settings, read_settings
from core.strategy.focus import FocusSettings
from core.strategy.focus_data import load_focus_settings, read_focus_settings


def test_each_unreadable_value_takes_its_default_and_the_others_are_kept(workspace):
    workspace.set_setting("scoring", {"method": "mean", "extreme": "lots", "high": True, "solid": 9, "x": 1})
    loaded = read_settings(workspace)
    assert loaded.settings == ScoringSettings(method="mean", solid=9.0)
    assert len(loaded.warnings) == 3  # extreme (text), high (a boolean is not a number), unknown key x
    assert "extreme = “lots”, which is not a number: the default 15.0 is used" in loaded.warnings[0]
    assert "“x”, which this version does not know" in loaded.warnings[2]


def test_bands_out_of_order_fall_back_value_by_value(workspace):
    workspace.set_setting("scoring", {"extreme": 11, "high": 12, "solid": 13})
    loaded = read_settings(workspace)
    assert loaded.settings == ScoringSettings()
    assert [w.split(" = ")[0].rsplit(" ", 1)[1] for w in loaded.warnings] == ["extreme", "solid"]


def test_missing_values_take_their_defaults_without_a_warning(workspace):
    assert read_settings(workspace).warnings == ()
    workspace.set_setting("competition", {"lead_margin": 2})
    loaded = read_competition_settings(workspace)
    assert loaded.settings == CompetitionSettings(lead_margin=2.0) and loaded.warnings == ()
    assert "critical_threshold" in loaded.defaulted


@pytest.mark.parametrize("stored", ["magic", [1, 2], 3, True])
def test_a_setting_that_is_not_an_object_takes_every_default(workspace, stored):
    workspace.set_setting("focus", stored)
    loaded = read_focus_settings(workspace)
    assert loaded.settings == FocusSettings() and "not a set of named values" in loaded.warnings[0]
    assert load_focus_settings(workspace) == FocusSettings()


def test_whole_numbers_may_be_written_as_floats_and_ranges_are_the_widgets(workspace):
    workspace.set_setting("focus", {"focus_limit": 4.0, "important": 7, "target_margin": 11, "group_by": None})
    loaded = read_focus_settings(workspace)
    assert loaded.settings == FocusSettings(focus_limit=4, important=7.0)
    assert "target_margin = 11" in loaded.warnings[0] and "Focus matrix" in loaded.warnings[0]
    workspace.set_setting("competition", {"min_respondents": 5000, "us": ""})
    assert read_competition_settings(workspace).settings == CompetitionSettings()


def test_the_old_loaders_never_raise(workspace):
    workspace.set_setting("scoring", {"method": "magic", "extreme": 1e308 * 10})
    assert load_settings(workspace) == ScoringSettings()
