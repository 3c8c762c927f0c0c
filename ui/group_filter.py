"""The group filter: score everyone, or one group of a respondent attribute or a saved segmentation."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from core.wording import plural
from core.workspace.database import Workspace
from ui import page_views
from ui.text import literal

EVERYONE = "Everyone"
SMALL_GROUP = 30  # below this n, group scores come with a warning
SEGMENTATION = "segmentation:"


@dataclass(frozen=True)
class GroupChoice:
    by: str | None  # grouping key for core.analysis.scoring.outcome_scores, None for everyone
    group: str  # the group's value, or "All"
    n: int | None  # the group's respondents
    label: str  # for titles: "Everyone" or "company_size = 1000+"


def group_filter(workspace: Workspace, key: str) -> GroupChoice:
    """Two selectboxes side by side; shows the group's n and warns when it is small.

    The groupings are the respondent attributes with 2–30 values, then the saved segmentations
    (``'segmentation:<id>'``, whose groups are its segments).
    """
    survey = page_views.survey(workspace)
    headers = {row.grouping: str(row.header) for row in survey.attribute_groups.itertuples()}
    choices = {g: f"Respondents by {h}" for g, h in headers.items()}
    for row in survey.segmentation_groups.itertuples():
        headers[row.grouping] = "Segment"
        choices[row.grouping] = f"Segments: {row.header}"
    _forget_stale(f"{key}_by", [EVERYONE, *choices])
    left, right, note = st.columns([2, 2, 3])
    by = left.selectbox(
        "Show scores for",
        [EVERYONE, *choices],
        format_func=lambda g: choices.get(g, g),
        key=f"{key}_by",
    )
    if by == EVERYONE or by not in headers:
        return GroupChoice(None, "All", None, EVERYONE)
    sizes = page_views.group_sizes(workspace, by)
    counts = dict(zip(sizes["grp"], sizes["n"], strict=True))
    _forget_stale(f"{key}_grp", list(counts))
    group = right.selectbox(
        literal(headers[by]), list(counts), format_func=lambda g: f"{g}  (n = {counts[g]})", key=f"{key}_grp"
    )
    n = int(counts[group])
    if n < SMALL_GROUP:
        note.warning(f"Only {plural(n, 'respondent')} in this group: scores are uncertain (see the 95 % intervals).")
    else:
        note.info(f"{plural(n, 'respondent')} in this group.")
    label = f"segment “{group}”" if by.startswith(SEGMENTATION) else f"{headers[by]} = {group}"
    return GroupChoice(by, group, n, label)


def _forget_stale(key: str, options: list[str]) -> None:
    """Drop a remembered choice that is no longer offered (a segmentation deleted, a segment renamed)."""
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]
