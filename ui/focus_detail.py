"""Step detail on the Focus matrix page: the chosen step's outcomes with their scores, and the
facilitator's note and target for it. The note is saved as it is typed (ui/focus_note.py); the
target when its field is left (on_change)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.strategy import focus, scenarios
from core.strategy.focus import DIFFERENTIATE, LABELS, MEANINGS, UNASSIGNED, Assignment
from core.strategy.scenarios import ScenarioError, Target
from core.wording import count, plural
from core.workspace.change_marks import ChangedElsewhere
from core.workspace.database import Workspace
from ui import stale_views
from ui.focus_note import note_field
from ui.pickers import picked, relabel
from ui.text import literal


def bind(key: str, value: object) -> None:
    """Show the stored ``value`` in the widget ``key`` (drawn after this call) unless it already does."""
    if st.session_state.get(key) != value:
        st.session_state[key] = value


def _save(action, *args) -> None:
    try:
        action(*args)
    except (ScenarioError, ChangedElsewhere) as exc:  # a stale target: the rerun shows the stored one
        st.session_state["focus_error"] = str(exc)


def _save_target(ws: Workspace, scenario_id: str, step_id: int, outcomes_key: str, margin_key: str) -> None:
    margin = st.session_state.get(margin_key)
    target = Target(tuple(st.session_state.get(outcomes_key) or ()), None if margin is None else float(margin))
    drawn = stale_views.drawn(stale_views.focus(scenario_id))  # checked like the step's note (issue 17.4)
    _save(scenarios.set_target, ws, scenario_id, step_id, target, drawn)


def step_detail(
    ws: Workspace,
    scenario_id: str,
    steps: pd.DataFrame,
    outcomes: pd.DataFrame,
    current: Assignment,
    decisions: dict[int, scenarios.Decision],
    leading: pd.DataFrame,
    settings: focus.FocusSettings,
    key: str,
) -> None:
    """The chosen step's outcomes (``outcomes``: core.analysis.advantage.outcome_leaders), note and target."""
    st.subheader("Step detail", anchor=False)
    ids = [int(s) for s in steps["step_id"]]
    names = {int(r.step_id): f"{int(r.step_order)} · {r.step}" for r in steps.itertuples()}
    chosen = picked(key, names)
    if chosen not in ids:
        chosen = next((s for s in ids if current.get(s) == DIFFERENTIATE), ids[0])
    relabel(key, names, chosen)
    step_id = st.selectbox("Step (or click its bar in the strategy profile)", ids, format_func=names.get, key=key)
    choice = current.get(step_id, UNASSIGNED)
    row = steps[steps["step_id"] == step_id].iloc[0]
    lead = leading[leading["step_id"] == step_id] if not leading.empty else leading
    facts = [
        f"**{LABELS[choice]}** ({MEANINGS[choice]})",
        f"step opportunity **{row['mean_opportunity']:.1f}**" if pd.notna(row["mean_opportunity"]) else "no score",
        f"**{count(row['n_attractive'])}** underserved of {plural(int(row['n_outcomes']), 'outcome')}",
    ]
    if not lead.empty and pd.notna(lead["best"].iloc[0]):
        facts.append(f"best competitor **{literal(lead['rival'].iloc[0])}** at {lead['best'].iloc[0]:.1f}")
    st.markdown(" · ".join(facts))
    rows = outcomes[outcomes["step_id"] == step_id].drop(columns="step_id")
    config = {
        "outcome_id": st.column_config.TextColumn("Id", width="small"),
        "statement": st.column_config.TextColumn("Outcome", width="large"),
        "importance": st.column_config.NumberColumn("Importance", format="%.1f"),
        "satisfaction": st.column_config.NumberColumn("Satisfaction", format="%.1f"),
        "opportunity": st.column_config.ProgressColumn("Opportunity", format="%.1f", min_value=0, max_value=20),
        "band": st.column_config.TextColumn("Band"),
        "best_competitor": st.column_config.TextColumn("Best competitor"),
        "best_satisfaction": st.column_config.NumberColumn("Its satisfaction", format="%.1f"),
    }
    st.dataframe(rows, column_config=config, hide_index=True, height=min(420, 38 + 35 * len(rows)))

    decision = decisions.get(step_id, scenarios.Decision(step_id, UNASSIGNED))
    left, right = st.columns(2)
    with left:
        notes = {s: (decisions[s].note or "") if s in decisions else "" for s in ids}
        if error := note_field(ws, scenario_id, step_id, notes):
            st.error(literal(error))
    with right:
        if choice != DIFFERENTIATE:
            st.markdown("**Target**")
            st.caption(
                "Targets are set for differentiated steps: which outcomes to excel at and how far above the "
                f"best competitor. {LABELS[choice]} aims {MEANINGS[choice].split(': ')[-1]}."
            )
            return
        outcomes_key = f"focus_target_outcomes_{scenario_id}_{step_id}"
        margin_key = f"focus_margin_{scenario_id}_{step_id}"
        statements = dict(zip(rows["outcome_id"], rows["statement"], strict=True))
        bind(outcomes_key, [o for o in decision.target.outcomes if o in statements])
        bind(margin_key, decision.target.margin if decision.target.margin is not None else settings.target_margin)
        args = (ws, scenario_id, step_id, outcomes_key, margin_key)
        st.multiselect(
            "Target: outcomes to excel at",
            list(statements),
            key=outcomes_key,
            format_func=lambda o: f"{o} · {statements[o]}",
            on_change=_save_target,
            args=args,
            placeholder="Pick the outcomes that carry the differentiation",
        )
        st.number_input(
            "Target: points above the best competitor (satisfaction 0–10)",
            0.0,
            10.0,
            step=0.5,
            key=margin_key,
            on_change=_save_target,
            args=args,
        )
