"""A survey wave as counts, and its outcomes matched to the base wave's (issue 14.5).

Decisions:

* **counts, not raw rows**: a wave keeps, per outcome and (importance, satisfaction) pair, how
  many ratings rows it has — the shape of ``rating_counts`` — plus per competitor the pairs of the
  competitor's satisfaction with the respondent's own importance (as scoring's ``competitors``
  source pairs them) and the respondents per competitor. Every score of everyone and every
  competitor, under either method and counting rule, is a function of these counts
  (core/sql/scoring.sql), so nothing a page shows for a wave needs its raw rows. The counts are
  computed by DuckDB over the imported frames (core/sql/waves.sql), never per rating in Python.
* **matching**: a wave outcome matches the base outcome with the same id; the rest match by
  statement, normalised (case, whitespace and punctuation ignored), when exactly one remaining
  outcome on each side has that statement. Outcomes of the wave that match nothing and base
  outcomes the wave lacks are listed by :meth:`Matching.messages`, never dropped silently; a wave
  that matches no outcome is refused (:class:`WaveError`).
* **scale**: a wave is read on the base's scale (the importer is given it, so ratings beyond it
  are reported there as invalid codes) and scored with the base's top points; a wave on another
  scale is refused — comparing the top two boxes of a 1–7 and a 1–5 survey would compare
  different things.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from core.intake.importers.survey import SurveyData
from core.intake.scales import Scale
from core.sqlfiles import one_row, query
from core.wording import plural
from core.workspace.database import Workspace

SHOWN = 5  # outcomes named in a message before "and N more"


class WaveError(ValueError):
    """A wave that cannot be stored or compared; the message says what was seen and what to do."""


@dataclass(frozen=True)
class WaveData:
    """One wave read from a file or a workspace: its outcomes and its counts."""

    file_name: str
    scale: Scale
    outcomes: pd.DataFrame  # outcome_id, statement (the wave's own ids)
    counts: pd.DataFrame  # outcome_id, importance, satisfaction, n
    competitor_counts: pd.DataFrame  # competitor, outcome_id, importance, satisfaction, n
    competitor_totals: pd.DataFrame  # competitor, respondents
    respondents: int


def _counted(cur: duckdb.DuckDBPyConnection, file_name: str, scale: Scale, outcomes: pd.DataFrame) -> WaveData:
    """The counts over the views ``incoming_ratings`` and ``incoming_competitor_ratings`` of ``cur``."""
    return WaveData(
        file_name,
        scale,
        outcomes[["outcome_id", "statement"]].astype({"outcome_id": str}).reset_index(drop=True),
        cur.execute(query("waves", "count_ratings")).df(),
        cur.execute(query("waves", "count_competitor_ratings")).df(),
        cur.execute(query("waves", "count_competitor_respondents")).df(),
        int(one_row(cur.execute(query("waves", "count_respondents")))[0]),
    )


def survey_wave(survey: SurveyData) -> WaveData:
    """The counts of an imported survey file (in a scratch in-memory DuckDB)."""
    connection = duckdb.connect(":memory:")
    try:
        connection.register("incoming_ratings", survey.ratings)
        connection.register("incoming_competitor_ratings", survey.competitor_ratings)
        return _counted(connection, survey.report.file_name, survey.scale, survey.outcomes)
    finally:
        connection.close()


@contextmanager
def _workspace_views(workspace: Workspace) -> Iterator[duckdb.DuckDBPyConnection]:
    cur = workspace.cursor()
    try:
        cur.execute(query("waves", "workspace_views"))
        yield cur
    finally:
        cur.close()


def workspace_wave(workspace: Workspace, file_name: str, scale: Scale) -> WaveData:
    """The counts of a workspace's survey (a restored workspace .xlsx given to the CLI)."""
    with _workspace_views(workspace) as cur:
        outcomes = cur.execute(query("waves", "workspace_outcomes")).df()
        return _counted(cur, file_name, scale, outcomes)


def normalised(statement: object) -> str:
    """A statement as matching compares it: case-folded, punctuation dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", str(statement or "")).casefold()
    text = "".join(" " if unicodedata.category(c).startswith("P") else c for c in text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Matching:
    """How a wave's outcomes map onto the base's."""

    pairs: pd.DataFrame  # wave_outcome_id, base_id, matched_by ('id' or 'statement')
    unmatched: pd.DataFrame  # the wave's outcomes matching nothing: outcome_id, statement
    missing: pd.DataFrame  # the base's outcomes the wave lacks: outcome_id, statement
    reworded: pd.DataFrame = field(default_factory=pd.DataFrame)  # matched by id, another statement

    @property
    def ok(self) -> bool:
        return len(self.pairs) > 0

    def messages(self) -> list[str]:
        """What did not match, in sentences (empty when every outcome matched)."""
        lines = []
        by_statement = int((self.pairs["matched_by"] == "statement").sum())
        if by_statement:
            lines.append(f"{plural(by_statement, 'outcome')} matched by statement (the ids differ); the rest by id.")
        if len(self.reworded):
            lines.append(
                f"{plural(len(self.reworded), 'outcome')} matched by id have another statement in this wave: "
                f"{_named(self.reworded)}. Check that the ids mean the same outcomes in both waves."
            )
        if len(self.unmatched):
            lines.append(
                f"{plural(len(self.unmatched), 'outcome')} of this wave match no outcome of the base wave "
                f"(by id or statement) and are not compared: {_named(self.unmatched)}. To compare them, give them "
                "the base's outcome ids or the same statements."
            )
        if len(self.missing):
            lines.append(
                f"{plural(len(self.missing), 'outcome')} of the base wave are not in this wave and have no "
                f"scores in it: {_named(self.missing)}."
            )
        return lines

    def note(self) -> str:
        return " ".join(self.messages())


def _named(frame: pd.DataFrame) -> str:
    names = [f"{o} “{s}”" for o, s in zip(frame["outcome_id"], frame["statement"], strict=True)][:SHOWN]
    more = len(frame) - len(names)
    return "; ".join(names) + (f"; and {more} more" if more > 0 else "")


def match_outcomes(base: pd.DataFrame, wave: pd.DataFrame) -> Matching:
    """Match ``wave``'s outcomes (outcome_id, statement) to ``base``'s: by id, else by statement."""
    base = base[["outcome_id", "statement"]].astype({"outcome_id": str}).reset_index(drop=True)
    wave = wave[["outcome_id", "statement"]].astype({"outcome_id": str}).reset_index(drop=True)
    by_id = wave[wave["outcome_id"].isin(base["outcome_id"])]
    pairs = pd.DataFrame({"wave_outcome_id": by_id["outcome_id"], "base_id": by_id["outcome_id"], "matched_by": "id"})
    rest_wave = wave[~wave["outcome_id"].isin(pairs["wave_outcome_id"])].assign(
        key=lambda f: f["statement"].map(normalised)
    )
    rest_base = base[~base["outcome_id"].isin(pairs["base_id"])].assign(key=lambda f: f["statement"].map(normalised))
    unique_wave = rest_wave.drop_duplicates("key", keep=False)
    unique_base = rest_base.drop_duplicates("key", keep=False)
    joined = unique_wave.merge(unique_base, on="key", suffixes=("_wave", "_base"))
    joined = joined[joined["key"] != ""]
    by_statement = pd.DataFrame(
        {"wave_outcome_id": joined["outcome_id_wave"], "base_id": joined["outcome_id_base"], "matched_by": "statement"}
    )
    pairs = pd.concat([pairs, by_statement], ignore_index=True)
    unmatched = wave[~wave["outcome_id"].isin(pairs["wave_outcome_id"])].reset_index(drop=True)
    missing = base[~base["outcome_id"].isin(pairs["base_id"])].reset_index(drop=True)
    by_id = by_id.merge(base, on="outcome_id", suffixes=("", "_base"))
    differs = by_id["statement"].map(normalised) != by_id["statement_base"].map(normalised)
    reworded = by_id.loc[differs, ["outcome_id", "statement"]].reset_index(drop=True)
    return Matching(pairs.reset_index(drop=True), unmatched, missing, reworded)


def check_scale(scale: Scale, file_name: str, base: Scale) -> None:
    """Refuse a wave read on another scale or with other top points than the base."""
    if (scale.low, scale.high) != (base.low, base.high):
        raise WaveError(
            f"{file_name} was read on a {scale.name} scale, the base wave is on {base.name}: "
            "waves are compared on the same scale. Read the wave on the base's scale, or compare "
            "surveys of the same scale."
        )
    if tuple(scale.top_points) != tuple(base.top_points):
        raise WaveError(
            f"{file_name} counts {scale.top_points} as the top box, the base wave "
            f"{base.top_points}: set the same top points on the Data page (Scoring settings) and import it again."
        )
