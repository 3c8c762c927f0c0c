"""The customer uniqueness board's figures (issue 14.3) and its setting.

Rules (README "Customers"):

- **Share known** of a customer: its facts marked "they know we know" / its facts; no facts →
  no share (shown as "–", never 0 %). **Overall share**: all marked facts / all facts (each fact
  weighs the same, so a customer with many facts counts more than one with few).
- **Cannot tell apart**: a customer with fewer than ``min_facts`` facts (setting, default 3):
  with so little written down it looks like any other customer of its kind.
- **Per segment** (every segment of every saved segmentation): customers linked, how many of
  them we can tell apart, their facts and the share known. A segment is **known deeply** when at
  least ``deep_customers`` (setting, default 2) of its linked customers can be told apart;
  otherwise we know it **only as a statistic** (its survey scores).

The figures are computed in DuckDB (core/sql/customers.sql: per_customer, per_kind,
per_segment), one query each: pandas column by column took most of a redraw's time.

The setting ``customers`` is stored in the workspace (settings table) and read through the one
settings loader (core.workspace.settings), so a bad stored value takes its default with a warning.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from core.sqlfiles import query
from core.strategy.customers import KINDS
from core.workspace.change_marks import Drawn
from core.workspace.database import Workspace
from core.workspace.setting_writes import put_setting
from core.workspace.settings import Loaded, SettingSpec, load_setting

SETTINGS_KEY = "customers"
DEEP = "known deeply"
STATISTIC = "only as a statistic"


@dataclass(frozen=True)
class CustomerSettings:
    """``min_facts``: fewer facts than this and a customer cannot be told apart from others;
    ``deep_customers``: linked customers we can tell apart for a segment to be known deeply."""

    min_facts: int = 3
    deep_customers: int = 2

    def __post_init__(self) -> None:
        if not 1 <= self.min_facts <= 50:
            raise ValueError("The fewest facts that tell a customer apart must be between 1 and 50.")
        if not 1 <= self.deep_customers <= 50:
            raise ValueError("The customers that make a segment known deeply must be between 1 and 50.")


SPEC = SettingSpec(SETTINGS_KEY, CustomerSettings, "customer board settings", "the Customers page")


def read_customer_settings(workspace: Workspace) -> Loaded[CustomerSettings]:
    return load_setting(workspace, SPEC)


def save_customer_settings(workspace: Workspace, settings: CustomerSettings, drawn: Drawn | None = None) -> None:
    """Store the setting (checked by the dataclass: build it first) and bump the revision;
    ``drawn``: refused when changed elsewhere since (core.workspace.setting_writes)."""
    put_setting(workspace, SETTINGS_KEY, asdict(settings), drawn=drawn, what="The customer board settings")


def share(known: int | float, total: int | float) -> float | None:
    """known / total, or None when there is nothing to divide."""
    return float(known) / float(total) if total else None


def _sql(name: str) -> str:
    return query("customers", name)


def per_customer(workspace: Workspace, min_facts: int) -> pd.DataFrame:
    """Every customer in board order with ``facts``, ``known``, ``share_known`` (NaN without
    facts), one count per kind (``n_quirk`` …), ``blurry`` (fewer than ``min_facts`` facts),
    ``tags`` (a tuple), ``segment_key``, ``segment_gone`` and ``segment_label`` (core/sql/customers.sql)."""
    frame = workspace.cursor().execute(_sql("per_customer"), {"min_facts": min_facts}).df()
    frame["tags"] = [tuple(t) for t in frame["tags"]]
    return frame


def per_kind(workspace: Workspace) -> pd.DataFrame:
    """kind (every kind, in :data:`KINDS` order), facts, known, share_known."""
    counts = {k: (int(f), int(n)) for k, f, n in workspace.cursor().execute(_sql("per_kind")).fetchall()}
    rows = [(kind, *counts.get(kind, (0, 0))) for kind in KINDS]
    frame = pd.DataFrame(rows, columns=["kind", "facts", "known"])
    frame["share_known"] = [share(k, f) for f, k in zip(frame["facts"], frame["known"], strict=True)]
    frame["share_known"] = frame["share_known"].astype(float)
    return frame


def per_segment(workspace: Workspace, settings: CustomerSettings) -> pd.DataFrame:
    """Every saved segment (segmentation_id, segmentation, segment, respondents) with
    ``customers`` linked, ``told_apart``, ``facts``, ``known``, ``share_known`` and ``depth``
    (:data:`DEEP` or :data:`STATISTIC`)."""
    params = {"min_facts": settings.min_facts, "deep_customers": settings.deep_customers}
    frame = workspace.cursor().execute(_sql("per_segment"), params).df()
    frame["depth"] = [DEEP if deep else STATISTIC for deep in frame.pop("deep")]
    return frame


def totals(rated: pd.DataFrame) -> dict[str, float | int | None]:
    """customers, facts, known, share_known (overall, fact-weighted), blurry (customers)."""
    facts, known = int(rated["facts"].sum()), int(rated["known"].sum())
    return {
        "customers": len(rated),
        "facts": facts,
        "known": known,
        "share_known": share(known, facts),
        "blurry": int(rated["blurry"].sum()),
    }
