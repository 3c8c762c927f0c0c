"""Survey waves (issue 14.5): the same survey fielded again, kept as counts in the same workspace.

Decisions (README "Survey waves", docs/ARCHITECTURE.md):

* The survey loaded on the Data page is the **base wave** (wave 0): all raw data, and everything
  computed from raw data — segments, need clusters, competitors by attribute — stays on it. Its
  label (default "Wave 1") and fielded date are editable; a ``waves`` row for it exists once set.
* Every other wave is imported through the same importer (any layout, the same limits and
  isolation and messages) on the base's scale and kept as **counts**
  (:mod:`core.analysis.waves_match`): ``wave_counts``, ``wave_competitor_counts``,
  ``wave_competitor_totals``, plus its respondent total in ``waves``. They round-trip through the
  workspace .xlsx like the framework tables.
* **Scores for any wave** come from the one scoring query (core/sql/scoring.sql, sources
  ``wave`` and ``wave_competitors``): no second copy of the formulas. The "Scores from wave"
  choice is the field ``wave`` of the scoring settings (core.analysis.scoring), read by the one
  settings loader; a chosen wave that no longer exists scores the base wave.
* Waves are listed by fielded date where known, then in import order; "latest" is the last of
  that list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd

from core.analysis.scoring import ScoringSettings, load_settings, outcome_scores, save_settings
from core.analysis.waves_match import Matching, WaveData, WaveError, check_scale, match_outcomes
from core.intake.store import survey_info
from core.sqlfiles import query
from core.workspace.database import Workspace

BASE_WAVE = 0
BASE_LABEL = "Wave 1"
MAX_LABEL = 80
WAVE_SCORE_COLUMNS = [
    "wave_id",
    "label",
    "fielded_on",
    "outcome_id",
    "step_id",
    "n_importance",
    "n_satisfaction",
    "importance",
    "satisfaction",
    "opportunity",
]

__all__ = ["BASE_WAVE", "WaveError", "add_wave", "list_waves", "wave_scores"]


def _sql(name: str) -> str:
    return query("waves", name)


def list_waves(workspace: Workspace) -> pd.DataFrame:
    """Every wave, the base included: wave_id, label, file_name, fielded_on, imported_at,
    respondents, position, match_note — by fielded date where known, then import order."""
    info = survey_info(workspace)
    params = {"base_label": BASE_LABEL, "base_file": info.file_name if info else None}
    return workspace.cursor().execute(_sql("list"), params).df()


def latest_pair(waves: pd.DataFrame) -> tuple[int, int] | None:
    """The default comparison: the base wave and the latest other wave (None with one wave)."""
    others = [int(w) for w in waves["wave_id"] if int(w) != BASE_WAVE]
    return (BASE_WAVE, others[-1]) if others else None


def base_outcomes(workspace: Workspace) -> pd.DataFrame:
    return workspace.cursor().execute(_sql("base_outcomes")).df()


def check_label(workspace: Workspace, label: object, wave_id: int | None = None) -> str:
    """A label stripped and checked: not empty, at most 80 characters, not another wave's."""
    text = " ".join(str(label or "").split())
    if not text:
        raise WaveError("A wave needs a label, such as “Q3 2026”.")
    if len(text) > MAX_LABEL:
        raise WaveError(f"A wave label has at most {MAX_LABEL} characters; this one has {len(text)}.")
    taken = list_waves(workspace)
    taken = taken[taken["wave_id"] != wave_id] if wave_id is not None else taken
    if text.casefold() in {str(t).casefold() for t in taken["label"]}:
        raise WaveError(f"Another wave is already labelled “{text}”: choose another label.")
    return text


def next_label(workspace: Workspace) -> str:
    """“Wave N” with the first N no wave uses."""
    taken = {str(t).casefold() for t in list_waves(workspace)["label"]}
    n = 2
    while f"wave {n}" in taken:
        n += 1
    return f"Wave {n}"


def prepare_wave(workspace: Workspace, wave: WaveData) -> Matching:
    """Check ``wave`` against the base (scale, outcomes); raises :class:`WaveError` when it
    cannot be stored. The matching's messages list what does not match."""
    info = survey_info(workspace)
    if info is None:
        raise WaveError("Load the survey on the Data page first: it becomes the base wave the others are compared to.")
    check_scale(wave.scale, wave.file_name, info.scale)
    matching = match_outcomes(base_outcomes(workspace), wave.outcomes)
    if not matching.ok:
        raise WaveError(
            f"No outcome of {wave.file_name} matches an outcome of the base wave, by id or by statement: "
            "this looks like another survey. Import a wave of the same survey, or give its outcomes the "
            "base's ids."
        )
    return matching


def add_wave(
    workspace: Workspace, wave: WaveData, label: str | None = None, fielded_on: dt.date | None = None
) -> tuple[int, Matching]:
    """Store ``wave`` (its counts under the base's outcome ids) in one transaction; returns its id
    and the matching (whose messages the caller shows)."""
    matching = prepare_wave(workspace, wave)
    label = check_label(workspace, label or next_label(workspace))
    with workspace.transaction() as cur:
        wave_id = int(cur.execute(_sql("next_id")).fetchall()[0][0])
        frames = {
            "incoming_counts": wave.counts,
            "incoming_competitor_counts": wave.competitor_counts,
            "incoming_competitor_totals": wave.competitor_totals,
            "incoming_matches": matching.pairs,
        }
        for name, frame in frames.items():
            cur.register(name, frame)
        params = {"wave": wave_id}
        cur.execute(
            _sql("insert_wave"),
            params
            | {
                "label": label,
                "file_name": wave.file_name,
                "fielded_on": fielded_on,
                "respondents": wave.respondents,
                "match_note": matching.note() or None,
            },
        )
        for statement in ("insert_counts", "insert_competitor_counts", "insert_competitor_totals"):
            cur.execute(_sql(statement), params)
        for name in frames:
            cur.unregister(name)
        cur.execute(query("settings", "bump_revision"))
    return wave_id, matching


def _require(workspace: Workspace, wave_id: int) -> None:
    if int(wave_id) not in {int(w) for w in list_waves(workspace)["wave_id"]}:
        raise WaveError(f"There is no wave {wave_id} in this workspace (it may have been deleted on another screen).")


def rename_wave(workspace: Workspace, wave_id: int, label: str) -> None:
    _require(workspace, wave_id)
    text = check_label(workspace, label, wave_id)
    with workspace.transaction() as cur:
        cur.execute(_sql("upsert_base"), {"base_label": BASE_LABEL})
        cur.execute(_sql("rename"), {"wave": int(wave_id), "label": text})
        cur.execute(query("settings", "bump_revision"))


def set_fielded_on(workspace: Workspace, wave_id: int, fielded_on: dt.date | None) -> None:
    _require(workspace, wave_id)
    with workspace.transaction() as cur:
        cur.execute(_sql("upsert_base"), {"base_label": BASE_LABEL})
        cur.execute(_sql("set_fielded_on"), {"wave": int(wave_id), "fielded_on": fielded_on})
        cur.execute(query("settings", "bump_revision"))


def delete_wave(workspace: Workspace, wave_id: int) -> None:
    """Delete a wave and its counts; the base wave cannot be deleted (replace the survey instead).
    When scores were shown from it, they go back to the base wave."""
    if int(wave_id) == BASE_WAVE:
        raise WaveError("The base wave is the survey itself: replace it on the Data page instead of deleting it.")
    _require(workspace, wave_id)
    with workspace.transaction() as cur:
        for statement in ("delete_counts", "delete_competitor_counts", "delete_competitor_totals", "delete_wave"):
            cur.execute(_sql(statement), {"wave": int(wave_id)})
        cur.execute(query("settings", "bump_revision"))
    settings = load_settings(workspace)
    if settings.wave == int(wave_id):
        save_settings(workspace, replace(settings, wave=BASE_WAVE))


def choose_wave(workspace: Workspace, wave_id: int) -> None:
    """Show every page's scores for everyone from ``wave_id`` (persisted in the scoring settings;
    on a view link the choice is the viewer's own, see Workspace.set_setting ``personal``)."""
    _require(workspace, wave_id)
    settings = load_settings(workspace)
    if settings.wave != int(wave_id):
        save_settings(workspace, replace(settings, wave=int(wave_id)), personal=True)


def wave_label(workspace: Workspace, wave_id: int) -> str:
    waves = list_waves(workspace)
    labels = waves.loc[waves["wave_id"] == wave_id, "label"]
    return str(labels.iloc[0]) if len(labels) else BASE_LABEL


def wave_scores(workspace: Workspace, settings: ScoringSettings | None = None) -> pd.DataFrame:
    """One row per wave × outcome: wave_id, label, fielded_on, outcome_id, step_id, n_importance,
    n_satisfaction, importance, satisfaction, opportunity (the workspace's scoring method)."""
    settings = settings or load_settings(workspace)
    frames = []
    waves = list_waves(workspace)
    for wave_id, label, fielded_on in zip(waves["wave_id"], waves["label"], waves["fielded_on"], strict=True):
        # one scoring query per wave: a handful
        scores = outcome_scores(workspace, settings, wave=int(wave_id))
        scores = scores.assign(wave_id=int(wave_id), label=str(label), fielded_on=fielded_on)
        frames.append(scores[WAVE_SCORE_COLUMNS])
    if not frames:
        return pd.DataFrame(columns=WAVE_SCORE_COLUMNS)
    return pd.concat(frames, ignore_index=True)
