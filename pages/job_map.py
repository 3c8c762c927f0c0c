"""Job map: the steps in order with their outcomes. Every edit is saved at once.

Rename, describe, add, delete and reorder steps in the steps table (or with the buttons above
it); move outcomes between steps and edit their statements in the outcomes table; apply a job-map
file or move many outcomes at once (bulk changes, undoable). Each step
shows its mean opportunity, how many outcomes reach the solid threshold, and its top outcome.
"""

import streamlit as st

from core.wording import plural
from ui import page_views, presentation, stale_views
from ui.jobmap_bulk import bulk_section
from ui.jobmap_editor import outcomes_editor, show_feedback, step_controls, steps_editor
from ui.jobmap_slide import jobmap_slide
from ui.router import workspace
from ui.settings_notice import show_scoring_rule
from ui.view_only import view_note

VIEW = stale_views.JOB_MAP
ws = workspace()
st.title("Job map")
view_note(ws)
show_feedback(ws)
show_scoring_rule(ws)
if page_views.survey(ws).info is None:
    st.info("Load a survey on the **Data** page first.")
    st.stop()

drawn = stale_views.drawn(VIEW)  # the table the edits were made in (issue 17.4)
stale_views.remember(VIEW, ws.revision)  # before reading what this run shows
view = page_views.job_map(ws)
steps, outcomes = view.steps, view.outcomes
solid = view.scoring.solid
job = f"The customer's job in {plural(len(steps), 'step')} holding {plural(len(outcomes), 'desired outcome')}."
if presentation.presenting():  # the job as a grid of cards, on one projector screen
    st.caption(job + " Opportunities are 0–20: mean and top of each step's outcomes.")
    jobmap_slide(steps, view.step_summary)
    st.stop()
st.caption(job + " Every edit is saved as soon as you make it, and every page follows it.")

st.subheader("Steps")
viewer = ws.refuses_writes  # a view link: the tables show, greyed; nothing moves (issue 17.1)
if not viewer:
    step_controls(ws, steps, outcomes)
steps_editor(ws, steps, view.step_summary, solid, drawn)
st.caption(
    "Edit a name (or a description, far right) in place · type a new **Order** to move a step · "
    "add a step in the empty last row · "
    f"delete with the row's checkbox (its outcomes move to “Unassigned”). **≥ {solid:g}**: outcomes with an "
    f"opportunity of {solid:g} or more."
)

st.subheader("Bulk changes")
st.caption(
    "Put a survey's outcomes into steps from a job-map file (one row per outcome: step, outcome id or "
    "statement), or move many outcomes at once. Saved at once; **Undo** reverts the last bulk change."
)
if viewer:
    st.info("View-only link: only the facilitator (edit link) can change the job map.", icon=":material/visibility:")
else:
    bulk_section(ws, steps, outcomes)

st.subheader("Outcomes")
outcomes_editor(ws, steps, outcomes, view.scores, drawn)
st.caption("Pick another **Step** to move an outcome; edit a **Statement** in place.")
