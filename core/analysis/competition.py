"""Competitive need satisfaction (docs/ARCHITECTURE.md): who satisfies which needs.

Scores per competitor come from :func:`core.analysis.competitors.competitor_scores` (the competitors
sheet when the survey has one, else the current-solution attribute: each solution's users
speak for it), on the workspace's scoring method, satisfaction on 0–10.

Definitions (the facilitator's settings are stored in the workspace under ``competition``;
``critical_threshold`` and ``us`` are shared with the focus matrix, core/strategy/scenarios.py):

* **Per step**: a competitor's satisfaction (and opportunity) on a step is the mean over the
  step's outcomes.
* **Critical threshold** (default 5.0 on 0–10): the minimum acceptable satisfaction. With
  top-two-box scoring, 5.0 means half of the solution's users are satisfied (4–5 on 1–5).
* **Leads**: on a step (or outcome), the competitor with the highest satisfaction leads when
  it beats the runner-up by at least the **lead margin** (default 1.0 point, as on the focus
  matrix); otherwise the step has no clear leader.
* **Lags**: a competitor lags on a step when it is below the critical threshold while another
  competitor reaches it: the bar is achievable and it misses it.
* **White space**: important outcomes (everyone's importance ≥ 6.0 by default) on which every
  competitor is below the critical threshold: nobody serves them acceptably.
* **Us**: the facilitator marks which competitor is "us"; the gap to the best rival on each
  step is us − best other (positive: we lead).
* Competitors rated by fewer than ``min_respondents`` (10) respondents are left out of the
  comparison, with a message: a handful of answers cannot rank solutions.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any, cast

import pandas as pd

from core.analysis.competitors import competitor_scores, competitor_source
from core.analysis.scoring import ScoringSettings, outcome_scores
from core.wording import plural
from core.workspace.change_marks import Drawn
from core.workspace.database import Workspace
from core.workspace.setting_writes import put_setting
from core.workspace.settings import Loaded, SettingSpec, load_setting

SETTINGS_KEY = "competition"
MAX_MIN_RESPONDENTS = 1000  # the Competitors page's widget goes this far


@dataclass(frozen=True)
class CompetitionSettings:
    """The facilitator's choices for the competitive analysis."""

    critical_threshold: float = 5.0
    important_min: float = 6.0
    lead_margin: float = 1.0
    min_respondents: int = 10
    us: str | None = None

    def __post_init__(self) -> None:
        for name in ("critical_threshold", "important_min"):
            if not 0 <= getattr(self, name) <= 10:
                raise ValueError(f"The {name.replace('_', ' ')} must be between 0 and 10.")
        if not 0 <= self.lead_margin <= 10:
            raise ValueError("The lead margin must be between 0 and 10 points.")
        if not 1 <= self.min_respondents <= MAX_MIN_RESPONDENTS:
            raise ValueError(f"The fewest respondents per competitor must be between 1 and {MAX_MIN_RESPONDENTS:,}.")


SPEC = SettingSpec(
    SETTINGS_KEY, CompetitionSettings, "competition settings", "the Competitors page (Analysis settings)"
)


def read_competition_settings(workspace: Workspace) -> Loaded[CompetitionSettings]:
    """The shared ``competition`` setting with the warnings of core.workspace.settings."""
    loaded = load_setting(workspace, SPEC)
    if loaded.settings.us == "":
        return replace(loaded, settings=replace(loaded.settings, us=None))
    return loaded


def load_competition_settings(workspace: Workspace) -> CompetitionSettings:
    """The shared ``competition`` setting (the Competitors page and the focus matrix both read
    it); each value that is missing or unreadable takes its default, the others are kept."""
    return read_competition_settings(workspace).settings


def save_competition_settings(workspace: Workspace, settings: CompetitionSettings, drawn: Drawn | None = None) -> None:
    """Store the settings, keeping any other keys under ``competition`` (the focus matrix reads
    ``critical_threshold`` and ``us`` from the same place); ``drawn``: refused when they changed
    elsewhere since (core.workspace.setting_writes)."""
    put_setting(workspace, SETTINGS_KEY, asdict(settings), drawn=drawn, what="The competition settings", merge=True)


def set_us(workspace: Workspace, competitor: str | None) -> None:
    """Mark which competitor is "us" (None: none of them)."""
    save_competition_settings(workspace, replace(load_competition_settings(workspace), us=competitor or None))


@dataclass(frozen=True)
class Competition:
    """The competitive analysis of one workspace under one set of settings."""

    source: str | None  # "competitors sheet", the attribute's name, or None
    settings: CompetitionSettings
    competitors: pd.DataFrame  # competitor, n, included, is_us
    outcomes: pd.DataFrame  # per included competitor × outcome: satisfaction, opportunity, importance, n
    steps: pd.DataFrame  # per included competitor × step: satisfaction, opportunity (means)
    leads: pd.DataFrame  # per step: leader, margin, status, one column per competitor, us_gap
    summary: pd.DataFrame  # per competitor: leads, lags, mean satisfaction
    white_space: pd.DataFrame  # important outcomes every competitor serves below the threshold
    notes: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """The competitors compared, largest first."""
        return list(self.competitors.loc[self.competitors["included"], "competitor"])


def step_means(outcomes: pd.DataFrame) -> pd.DataFrame:
    """Per competitor and step: mean satisfaction, opportunity, importance of its outcomes."""
    return (
        outcomes.groupby(["competitor", "step_id", "step_order", "step"], as_index=False)
        .agg(
            satisfaction=("satisfaction", "mean"),
            opportunity=("opportunity", "mean"),
            importance=("importance", "mean"),
            n_outcomes=("outcome_id", "count"),
        )
        .sort_values(["step_order", "competitor"])
    )


def leaders(table: pd.DataFrame, key: str, settings: CompetitionSettings) -> pd.DataFrame:
    """Who leads each ``key`` (step_id or outcome_id) on satisfaction, by how much: the one
    definition of a lead that the Competitors page and the focus matrix both read.

    Columns, one row per ``key`` with at least one rated competitor:

    * the ranking of every compared competitor (the Competitors page): leader,
      leader_satisfaction, runner_up, margin (leader − runner-up), status ('leads' when margin ≥
      lead_margin, else 'no clear leader'; 'one competitor' with one);
    * us_gap: "us" − the best other competitor (NaN when "us" is not set or not rated there);
    * seen from us (the focus matrix's conflicts and target profile): rival (the best competitor
      other than us), best (its satisfaction), reference and versus (our satisfaction and "us"
      when "us" is among the competitors, else the runner-up's satisfaction and name), lead =
      best − reference, leads = lead ≥ lead_margin (False without a reference: nobody can lead).
    """
    rated = table.dropna(subset=["satisfaction"])
    us = settings.us if settings.us in set(rated["competitor"]) else None
    rows = []
    for value, part in rated.groupby(key, sort=False):
        ranked = part.sort_values("satisfaction", ascending=False, kind="stable")
        first = ranked.iloc[0]
        row: dict[str, object] = {
            key: value,
            "leader": first["competitor"],
            "leader_satisfaction": first["satisfaction"],
            "runner_up": None,
            "margin": None,
            "status": "one competitor",
            "us_gap": float("nan"),
        }
        if len(ranked) > 1:
            margin = first["satisfaction"] - ranked.iloc[1]["satisfaction"]
            row |= {"runner_up": ranked.iloc[1]["competitor"], "margin": margin}
            row["status"] = "leads" if margin >= settings.lead_margin else "no clear leader"
        others = ranked[ranked["competitor"] != us]
        ours = ranked.loc[ranked["competitor"] == us, "satisfaction"]
        if len(ours) and len(others):
            row["us_gap"] = float(ours.iloc[0]) - float(others["satisfaction"].iloc[0])
        row |= _seen_from_us(others, ours, us, settings)
        rows.append(row)
    columns = [key, "leader", "leader_satisfaction", "runner_up", "margin", "status", "us_gap", *RIVAL_COLUMNS]
    return pd.DataFrame(rows, columns=columns)


RIVAL_COLUMNS = ("rival", "best", "reference", "versus", "lead", "leads")


def _seen_from_us(others: pd.DataFrame, ours: pd.Series, us: str | None, settings: CompetitionSettings) -> dict:
    """The best competitor other than us, and whether it leads us (or the runner-up without us)."""
    nan = float("nan")
    if others.empty:
        return {"rival": None, "best": nan, "reference": nan, "versus": "", "lead": nan, "leads": False}
    best = float(others["satisfaction"].iloc[0])
    if us is not None:
        reference, versus = (float(ours.iloc[0]) if len(ours) else nan), "us"
    elif len(others) > 1:
        reference, versus = float(others["satisfaction"].iloc[1]), str(others["competitor"].iloc[1])
    else:
        reference, versus = nan, ""
    lead = best - reference
    return {
        "rival": others["competitor"].iloc[0],
        "best": best,
        "reference": reference,
        "versus": versus,
        "lead": lead,
        "leads": bool(pd.notna(lead) and lead >= settings.lead_margin),
    }


def _lags(steps: pd.DataFrame, threshold: float) -> dict[str, list[int]]:
    """Competitor → step orders where it is below the threshold while another one reaches it."""
    lags: dict[str, list[int]] = {}
    for order, part in steps.groupby("step_order"):
        if (part["satisfaction"] >= threshold).any():
            for name in part.loc[part["satisfaction"] < threshold, "competitor"]:
                lags.setdefault(name, []).append(int(cast(int, order)))
    return lags


def white_space(outcomes: pd.DataFrame, everyone: pd.DataFrame, settings: CompetitionSettings) -> pd.DataFrame:
    """Outcomes with everyone's importance ≥ important_min where every competitor < threshold."""
    if outcomes.empty:
        return pd.DataFrame(columns=["outcome_id", "statement", "step", "importance", "opportunity"])
    best = outcomes.sort_values("satisfaction", ascending=False).drop_duplicates("outcome_id")
    best = best.set_index("outcome_id")[["competitor", "satisfaction"]]
    frame = everyone.set_index("outcome_id").join(
        best.rename(columns={"competitor": "best_competitor", "satisfaction": "best_satisfaction"})
    )
    chosen = frame[
        (frame["importance"] >= settings.important_min) & (frame["best_satisfaction"] < settings.critical_threshold)
    ]
    columns = [
        "statement",
        "step",
        "step_order",
        "importance",
        "satisfaction",
        "opportunity",
        "best_competitor",
        "best_satisfaction",
    ]
    return chosen[columns].reset_index().sort_values("opportunity", ascending=False).reset_index(drop=True)


def competition(
    workspace: Workspace,
    scoring: ScoringSettings | None = None,
    settings: CompetitionSettings | None = None,
    everyone: pd.DataFrame | None = None,
) -> Competition:
    """The whole competitive analysis; never raises on thin data, it says so in ``notes``.

    ``everyone``: the outcome scores of all respondents under ``scoring``, when the caller has
    them already (the focus matrix does); otherwise they are computed here.
    """
    settings = settings or load_competition_settings(workspace)
    source = competitor_source(workspace)
    scores = competitor_scores(workspace, scoring)
    notes: list[str] = []
    if source is None or scores.empty:
        notes.append(
            "This survey names no competitors: add a current-solution column to the responses "
            "(e.g. “current_solution”) or a competitors sheet to compare solutions."
        )
        empty = pd.DataFrame()
        roster = pd.DataFrame(columns=["competitor", "n", "included", "is_us"])
        return Competition(None, settings, roster, empty, empty, empty, empty, empty, notes)
    roster = cast(pd.DataFrame, scores.groupby("competitor", as_index=False)["group_n"].max())
    roster = roster.rename(columns={"group_n": "n"})
    roster = roster.sort_values(["n", "competitor"], ascending=[False, True]).reset_index(drop=True)
    roster["included"] = roster["n"] >= settings.min_respondents
    if settings.us not in set(roster["competitor"]):
        settings = replace(settings, us=None)
    roster["is_us"] = roster["competitor"] == settings.us
    left_out = roster[~roster["included"]]
    if len(left_out):
        listed = ", ".join(
            f"{name} ({plural(n, 'respondent')})"
            for name, n in zip(left_out["competitor"], left_out["n"].astype(int), strict=True)
        )
        notes.append(
            f"Left out of the comparison: {listed}. At least {settings.min_respondents} respondents are needed "
            "before a solution's satisfaction can be compared."
        )
    included = list(roster.loc[roster["included"], "competitor"])
    outcomes = scores[scores["competitor"].isin(included)].reset_index(drop=True)
    steps = step_means(outcomes) if len(outcomes) else pd.DataFrame()
    if len(included) < 2:
        notes.append("Leads and lags need at least two competitors with enough respondents.")
    leads = _step_leads(steps, settings) if len(steps) else pd.DataFrame()
    summary = _summary(roster, steps, leads, settings)
    everyone = outcome_scores(workspace, scoring) if everyone is None else everyone
    space = white_space(outcomes, everyone, settings)
    source_name = "competitors sheet" if source == "competitors" else str(scores["source"].iloc[0])
    return Competition(source_name, settings, roster, outcomes, steps, leads, summary, space, notes)


def _step_leads(steps: pd.DataFrame, settings: CompetitionSettings) -> pd.DataFrame:
    """Leaders per step, in job order."""
    leads = leaders(steps, "step_id", settings)
    order = steps.drop_duplicates("step_id")[["step_id", "step_order", "step"]]
    return order.merge(leads, on="step_id").sort_values("step_order").reset_index(drop=True)


LEADS_COLUMNS = ("Step", "Leader", "Ahead by", "Us vs best rival")


def leads_table(analysis: Competition) -> pd.DataFrame:
    """The leads-and-lags table as people read it: one row per step, one column per competitor.

    Columns: Step ("3. Capture invoice data"), Leader ("Invoxa" or "no clear leader"), Ahead by
    (the lead margin), "Us vs best rival" when "us" is set, then each competitor's mean
    satisfaction.
    """
    if analysis.leads.empty:
        return pd.DataFrame(columns=list(LEADS_COLUMNS[:3]))
    leads = analysis.leads
    wide = analysis.steps.pivot_table(index="step_id", columns="competitor", values="satisfaction")
    wide.columns = [f"{c} (competitor)" if c in LEADS_COLUMNS else c for c in wide.columns]
    table = pd.DataFrame(
        {
            "step_id": leads["step_id"],
            "Step": [f"{o}. {n}" for o, n in zip(leads["step_order"], leads["step"], strict=True)],
            "Leader": [
                lead if status == "leads" else status
                for lead, status in zip(leads["leader"], leads["status"], strict=True)
            ],
            "Ahead by": leads["margin"],
        }
    )
    if analysis.settings.us and "us_gap" in leads:
        table["Us vs best rival"] = leads["us_gap"].to_numpy()
    table = table.merge(wide, left_on="step_id", right_index=True)
    return table.drop(columns="step_id")


def _summary(
    roster: pd.DataFrame, steps: pd.DataFrame, leads: pd.DataFrame, settings: CompetitionSettings
) -> pd.DataFrame:
    """Per compared competitor: steps it leads, steps it lags on, mean satisfaction, n."""
    if steps.empty:
        return pd.DataFrame(columns=["competitor", "n", "leads", "lags", "mean_satisfaction", "is_us"])
    lags = _lags(steps, settings.critical_threshold)
    won = leads[leads["status"] == "leads"] if len(leads) else leads
    rows = []
    r: Any  # a pandas row: its fields are untyped
    for r in roster[roster["included"]].itertuples():
        led = sorted(int(s) for s in won.loc[won["leader"] == r.competitor, "step_order"]) if len(won) else []
        rows.append(
            {
                "competitor": r.competitor,
                "n": int(r.n),
                "leads": led,
                "lags": sorted(lags.get(r.competitor, [])),
                "mean_satisfaction": steps.loc[steps["competitor"] == r.competitor, "satisfaction"].mean(),
                "is_us": bool(r.is_us),
            }
        )
    return pd.DataFrame(rows)


def outcome_leads(analysis: Competition, step_id: int) -> pd.DataFrame:
    """Leaders per outcome of one step (for the step view of the advantage map)."""
    part = analysis.outcomes[analysis.outcomes["step_id"] == step_id]
    if part.empty:
        return pd.DataFrame()
    leads = leaders(part, "outcome_id", analysis.settings)
    described = part.drop_duplicates("outcome_id")[["outcome_id", "statement", "outcome_order"]]
    return described.merge(leads, on="outcome_id").sort_values("outcome_order")
