"""The settings sheet of a workspace file, checked before a restore (core.workspace.restore).

Settings edited by hand never stop a restore and never break a page: each row is read under the
rule of core.workspace.settings, and what cannot be used is said in a note naming the sheet, the
row and the column. Decisions:

* a value that is not JSON and a reserved key (``revision``, ``schema_version``) are left out,
  with a note; other keys (saved column mappings, settings of newer versions) are kept as they
  are: whoever reads them reads them tolerantly, and dropping them could lose work;
* the settings read through core.workspace.settings (scoring, competition, focus, trade-offs,
  communication, customer board, guide) are stored as written; their unreadable values
  take their defaults on every page, which says so until they are saved again (the note says
  which values and where to change them), and missing values take their defaults;
* the survey's scale must be one the app knows, with top-two-box points inside it above its
  lowest point; otherwise the scale is detected from the ratings or its standard top points are
  used, with a note (top points outside the scale would make every score 0);
* the active scenario must be one of the file's scenarios, else the first one is active.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

import pandas as pd

from core import guide
from core.analysis import competition, scoring
from core.intake.scales import SCALES, Scale
from core.intake.store import SURVEY_KEY
from core.strategy import communication, customer_figures, focus_data, tradeoff_store
from core.strategy.scenarios import ACTIVE_KEY
from core.workspace import restore_checks as checks
from core.workspace.settings import SettingSpec, read_setting

# every setting read through core.workspace.settings: a hand-edited value of any of them gets its note
SPECS: dict[str, SettingSpec[Any]] = {
    spec.key: spec
    for spec in (
        scoring.SPEC,
        competition.SPEC,
        focus_data.SPEC,
        tradeoff_store.SPEC,
        communication.SPEC,
        customer_figures.SPEC,
        guide.SPEC,
    )
}
RESERVED = ("revision", "schema_version")


@dataclass(frozen=True)
class CheckedSettings:
    rows: pd.DataFrame  # key, value (JSON text) to store; the survey's row is written by the restore
    survey: dict[str, Any]  # the survey setting as read (may be empty)
    scale: Scale | None  # the scale to read the ratings on (None: detect it)
    notes: list[str]


def _where(index: int, key: str) -> str:
    return f"The sheet 'settings', row {checks.row_number(index)} ({key}), column 'value'"


def _survey(index: int, meta: object, notes: list[str]) -> tuple[dict[str, Any], Scale | None]:
    where = _where(index, SURVEY_KEY)
    if not isinstance(meta, dict):
        notes.append(f"{where}: the survey's description is not a set of named values; the scale is detected.")
        return {}, None
    scale_name = meta.get("scale")
    base = SCALES.get(scale_name) if isinstance(scale_name, str) else None
    if base is None:
        notes.append(
            f"{where}: the scale {json.dumps(meta.get('scale'))} is not one of {', '.join(SCALES)}; "
            "the scale is detected from the ratings."
        )
        return meta, None
    points = meta.get("top_points")
    valid = (
        isinstance(points, list)
        and points
        and all(isinstance(p, int) and not isinstance(p, bool) and base.low < p <= base.high for p in points)
        and len(set(points)) == len(points)
    )
    if points is not None and not valid:
        notes.append(
            f"{where}: the top-two-box points {json.dumps(points)} do not fit the {base.name} scale (they must lie "
            f"above {base.low} and up to {base.high}); its standard points "
            f"{', '.join(map(str, base.top_points))} are used."
        )
    return meta, Scale(base.low, base.high, tuple(sorted(points)) if valid else base.top_points)  # type: ignore[arg-type]


def check_settings(frame: pd.DataFrame, scenario_ids: set[str]) -> CheckedSettings:
    """Check the settings sheet (key, value) row by row; raises only for a missing or repeated key."""
    keys = checks.typed("settings", frame, "key", "text")
    checks.unique("settings", pd.DataFrame({"key": keys}), ["key"], "The key")
    notes: list[str] = []
    kept: list[tuple[str, str]] = []
    meta: dict[str, Any] = {}
    scale: Scale | None = None
    for index, key in cast(Iterable[tuple[int, Any]], keys.items()):  # the row index 0, 1, …
        raw = frame.at[index, "value"]
        if key in RESERVED:
            notes.append(f"The sheet 'settings', row {checks.row_number(index)}: “{key}” is kept by the app; ignored.")
            continue
        try:
            value = json.loads(str(raw)) if raw is not None else None
            text = json.dumps(value, allow_nan=False)
        except ValueError:
            notes.append(f"{_where(index, key)}: {str(raw)[:60]!r} is not JSON, so this setting is left out.")
            continue
        if key == SURVEY_KEY:
            meta, scale = _survey(index, value, notes)
            continue
        if key in SPECS:
            loaded = read_setting(value, SPECS[key])
            notes.extend(f"{_where(index, key)}: {warning}" for warning in loaded.warnings)
            if loaded.defaulted and value is not None:
                defaults = ", ".join(loaded.defaulted)
                notes.append(f"{_where(index, key)}: no value for {defaults}; the default is used.")
        elif key == ACTIVE_KEY and value not in scenario_ids:
            notes.append(f"{_where(index, key)}: the active scenario is not in the file; the first one is active.")
            continue
        kept.append((key, text))
    rows = pd.DataFrame(kept, columns=["key", "value"], dtype=object)
    return CheckedSettings(rows, meta, scale, notes)
