"""The group filter: score everyone, or one group of any respondent attribute."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from core.workspace import Workspace
from ui import data

EVERYONE = "Everyone"


@dataclass(frozen=True)
class GroupChoice:
    by: str | None  # grouping key for core.scoring.outcome_scores, None for everyone
    group: str  # the group's value, or "All"
    n: int | None  # the group's respondents
    label: str  # for titles: "Everyone" or "company_size = 1000+"


def group_filter(workspace: Workspace, key: str) -> GroupChoice:
    """Two selectboxes side by side; shows the group's n and warns when it is small."""
    options = data.groups(workspace)
    headers = {row.grouping: row.header for row in options.itertuples()}
    left, right, note = st.columns([2, 2, 3])
    by = left.selectbox(
        "Show scores for",
        [EVERYONE, *headers],
        format_func=lambda g: g if g == EVERYONE else f"Respondents by {headers[g]}",
        key=f"{key}_by",
    )
    if by == EVERYONE:
        return GroupChoice(None, "All", None, EVERYONE)
    sizes = data.sizes_of_groups(workspace, by.removeprefix("attribute:"))
    counts = dict(zip(sizes["grp"], sizes["n"], strict=True))
    group = right.selectbox(
        headers[by], list(counts), format_func=lambda g: f"{g}  (n = {counts[g]})", key=f"{key}_grp"
    )
    n = int(counts[group])
    if n < data.SMALL_GROUP:
        note.warning(f"Only {n} respondents in this group: scores are uncertain (see the 95 % intervals).")
    else:
        note.info(f"{n} respondents in this group.")
    return GroupChoice(by, group, n, f"{headers[by]} = {group}")
