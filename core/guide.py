"""The Data page's guided start (issue 15, item 4): whether it shows, stored per workspace.

Decision: the guide shows on its own while the workspace holds a bundled sample survey (or no
survey yet), which is what a first visit sees, until someone dismisses it; "Show the guide" brings
it back for any survey. The choice is one setting, ``guide`` = ``{"visible": true | false}``
(absent: automatic), so it survives a refresh, a second laptop and a workspace .xlsx round trip.
Dismissing it on a first visit is a change like any other: it creates the workspace
(core.workspace.samples), so the guide stays dismissed behind the new ``?ws=`` link.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.intake.loading import sample_files
from core.intake.store import SurveyInfo
from core.workspace.database import Workspace
from core.workspace.settings import SettingSpec, load_setting

GUIDE_KEY = "guide"


@dataclass(frozen=True)
class GuideSettings:
    visible: bool | None = None  # None: automatic (shown for a sample); False: dismissed; True: asked for


SPEC = SettingSpec(GUIDE_KEY, GuideSettings, "guide setting", "the Data page")


def is_sample(info: SurveyInfo | None) -> bool:
    """True when the loaded survey is one of the bundled samples (by its file name)."""
    return info is not None and info.file_name in {path.name for path in sample_files()}


def guide_visible(workspace: Workspace, info: SurveyInfo | None) -> bool:
    """Whether the Data page shows the guide: as stored, else for a sample survey or none at all."""
    visible = load_setting(workspace, SPEC).settings.visible
    return (info is None or is_sample(info)) if visible is None else visible


def set_guide_visible(workspace: Workspace, visible: bool) -> None:
    """Store the choice (dismissed or asked for again) in the workspace at once."""
    workspace.set_setting(GUIDE_KEY, {"visible": visible})
