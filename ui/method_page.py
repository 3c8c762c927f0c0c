"""The Method page's body: the worked example of the loaded survey's top outcome and the glossary.

Everything shown comes from core.views.method (cached by workspace revision and settings): the
glossary's formulas carry this workspace's thresholds, the example its real counts. The glossary
is the app's own text; the outcome statement, step and survey names are user text (ui.text.literal).
"""

from __future__ import annotations

import streamlit as st

from core.analysis.competition import load_competition_settings
from core.analysis.scoring import METHOD_LABELS, load_settings
from core.analysis.worked_example import WorkedExample
from core.glossary import Term, search
from core.views.method import MethodView, method_view
from core.workspace.database import Workspace
from ui.text import literal
from ui.view_cache import cached

SEARCH_KEY = "method_search"


def view(ws: Workspace) -> MethodView:
    return cached(method_view, ws, load_settings(ws), load_competition_settings(ws))


def example_lines(example: WorkedExample) -> list[str]:
    """The example as numbered Markdown lines (the numbers are the app's own; no user text)."""
    points = " or ".join(map(str, example.scale.top_points))
    lines = []
    for name, rating in (("Importance", example.importance), ("Satisfaction", example.satisfaction)):
        if example.method == "mean":
            source = f"mean {name.lower()} rating {rating.mean:.2f} over {rating.n:,} valid ratings"
        else:
            source = f"{rating.top:,} of {rating.n:,} valid {name.lower()} ratings are {points}"
        lines.append(f"**{name}**: {source} → {rating.formula(example.method, example.scale)}")
    served = " It is also overserved." if example.overserved else ""
    lines.append(
        f"**Opportunity** = importance + max(importance − satisfaction, 0) = {example.opportunity_formula} "
        f"→ band **{example.band}**.{served}"
    )
    return [f"{i}. {line}" for i, line in enumerate(lines, start=1)]


def worked_example(v: MethodView) -> None:
    st.subheader("Worked example")
    if v.survey is None or v.example is None:
        st.info("Load a survey on the **Data** page to see the formulas worked out on its top outcome.")
        return
    e = v.example
    st.markdown(
        f"The top outcome of **{literal(v.survey.name)}** (number 1 of {e.rank_of:,} on the Opportunities page, "
        f"{METHOD_LABELS[e.method]} scoring): “{literal(e.statement)}” — job step {literal(e.step)}."
    )
    st.markdown("\n".join(example_lines(e)))
    st.caption(f"{v.rule}. Computed now from the loaded survey, under this workspace's settings.")


def term_block(term: Term) -> None:
    st.markdown(f"**{literal(term.name)}** — {literal(term.definition)}")
    if term.formula:
        st.caption(f"Formula: {literal(term.formula)}")


def glossary(v: MethodView) -> None:
    st.subheader("Glossary")
    text = st.text_input("Search the terms", key=SEARCH_KEY, placeholder="e.g. opportunity, overserved, VRIO")
    found = search(v.terms, text)
    if not found:
        st.info(f"No term matches “{literal(text)}”. Try another word, or clear the search.")
        return
    if text.strip():
        st.caption(f"{len(found)} of {len(v.terms)} terms match.")
    for term in found:
        term_block(term)


def method_body(ws: Workspace) -> None:
    v = view(ws)
    st.caption(
        "What the words on screen mean and how the scores are computed. The thresholds are this workspace's "
        "settings (Data page › Scoring settings; Competitors page for the critical threshold)."
    )
    worked_example(v)
    glossary(v)
