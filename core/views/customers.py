"""The Customers page's view: the customer uniqueness board (issue 14.3).

Reads the small customer tables (core.strategy.customers) and the saved segments, and applies
the rules of core.strategy.customer_figures (documented there and in the README). No survey
scoring is involved, so the view is cheap: ``ui`` caches it by workspace revision.

Segment keys: a linked segment is named by ``segment_key`` = ``<segmentation_id>/<segment>``
(segmentation ids hold no ``/``), shown as ``<segmentation name> · <segment>``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from core.strategy import customers as store
from core.strategy.customer_figures import CustomerSettings, per_customer, per_kind, per_segment, read_customer_settings
from core.strategy.customer_figures import totals as overall
from core.workspace.database import Workspace

SORTS = {
    "board": "Board order",
    "share_low": "Share known, lowest first",
    "share_high": "Share known, highest first",
    "facts_low": "Facts, fewest first",
    "facts_high": "Facts, most first",
}
UNLINKED = "(no segment)"


@dataclass(frozen=True)
class CustomersView:
    """What the Customers page shows (field comments name the columns)."""

    settings: CustomerSettings
    warnings: tuple[str, ...]  # settings that could not be read, as sentences
    customers: pd.DataFrame  # per_customer columns + tags (tuple), segment_key, segment_label, segment_gone
    facts: pd.DataFrame  # fact_id, customer_id, kind, text, known, position
    by_kind: pd.DataFrame  # kind, facts, known, share_known
    by_segment: pd.DataFrame  # segmentation_id, segmentation, segment, respondents, customers, told_apart, …, depth
    segments: pd.DataFrame  # segment_key, label: the segments a customer can be linked to
    totals: dict[str, float | int | None] = field(default_factory=dict)  # customers, facts, known, share_known, blurry
    tags: tuple[str, ...] = ()  # every tag in use once ignoring case, sorted ignoring case

    def facts_of(self, customer_id: str) -> pd.DataFrame:
        """One customer's facts, in their order."""
        return self.facts[self.facts["customer_id"] == customer_id]


def split_key(key: str) -> tuple[str, str]:
    """(segmentation_id, segment) of a segment key."""
    segmentation_id, _, segment = key.partition("/")
    return segmentation_id, segment


def _tag_list(tag_lists: pd.Series) -> tuple[str, ...]:
    """Every tag in use once (ignoring case: the first spelling in sort order), sorted ignoring case."""
    by_fold: dict[str, str] = {}
    for tag in sorted({t for tags in tag_lists for t in tags}, key=lambda t: (t.casefold(), t)):
        by_fold.setdefault(tag.casefold(), tag)
    return tuple(by_fold.values())


def customers_view(workspace: Workspace) -> CustomersView:
    """Build the page's view."""
    loaded = read_customer_settings(workspace)
    settings = loaded.settings
    facts = store.facts(workspace)
    facts["known"] = facts["known"].fillna(False).astype(bool)
    rated = per_customer(workspace, settings.min_facts)
    by_segment = per_segment(workspace, settings)
    segments = pd.DataFrame(
        {
            "segment_key": by_segment["segmentation_id"] + "/" + by_segment["segment"],
            "label": by_segment["segmentation"] + " · " + by_segment["segment"],
        }
    )
    return CustomersView(
        settings=settings,
        warnings=loaded.warnings,
        customers=rated,
        facts=facts,
        by_kind=per_kind(workspace),
        by_segment=by_segment,
        segments=segments,
        totals=overall(rated),
        tags=_tag_list(rated["tags"]),
    )


def board(view: CustomersView, tag: str | None = None, segment: str | None = None, sort: str = "board") -> pd.DataFrame:
    """The customers to show as cards: with ``tag`` (ignoring case), linked to ``segment`` (a
    segment key, or :data:`UNLINKED`), ordered by ``sort`` (a key of :data:`SORTS`; customers
    without facts come last when sorting by share; ties keep board order)."""
    frame = view.customers
    if tag:
        wanted = tag.casefold()
        frame = frame[[wanted in {t.casefold() for t in tags} for tags in frame["tags"]]]
    if segment == UNLINKED:
        frame = frame[frame["segment_key"].isna()]
    elif segment:
        frame = frame[frame["segment_key"] == segment]
    if sort not in SORTS:
        raise ValueError(f"Unknown sort {sort!r}: use one of {', '.join(SORTS)}.")
    if sort != "board":
        column = "share_known" if sort.startswith("share") else "facts"
        ascending = sort.endswith("_low")
        frame = frame.sort_values(column, ascending=ascending, na_position="last", kind="stable")
    return frame.reset_index(drop=True)
