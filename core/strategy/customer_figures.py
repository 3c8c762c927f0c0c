"""The customer uniqueness board's figures (issue 14.3) and its setting; pure functions over the
tables of core.strategy.customers, vectorised (no Python loop per fact).

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

The setting ``customers`` is stored in the workspace (settings table) and read through the one
settings loader (core.workspace.settings), so a bad stored value takes its default with a warning.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from core.strategy.customers import KINDS
from core.workspace.database import Workspace
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


def save_customer_settings(workspace: Workspace, settings: CustomerSettings) -> None:
    """Store the setting (checked by the dataclass: build it first) and bump the revision."""
    workspace.set_setting(SETTINGS_KEY, asdict(settings))


def share(known: int | float, total: int | float) -> float | None:
    """known / total, or None when there is nothing to divide."""
    return float(known) / float(total) if total else None


def per_customer(customers: pd.DataFrame, facts: pd.DataFrame, min_facts: int) -> pd.DataFrame:
    """The customers (board order) with ``facts``, ``known``, ``share_known`` (None without facts),
    one count column per kind (``n_quirk`` …) and ``blurry`` (fewer than ``min_facts`` facts)."""
    frame = customers.reset_index(drop=True).copy()
    known = facts["known"].fillna(False).astype(bool)
    counts = facts.assign(known=known).groupby("customer_id")["known"].agg(["size", "sum"])
    frame["facts"] = frame["customer_id"].map(counts["size"]).fillna(0).astype(int)
    frame["known"] = frame["customer_id"].map(counts["sum"]).fillna(0).astype(int)
    frame["share_known"] = (frame["known"] / frame["facts"].where(frame["facts"] > 0)).astype(float)
    by_kind = pd.crosstab(facts["customer_id"], facts["kind"]) if len(facts) else pd.DataFrame()
    for kind in KINDS:
        column = by_kind[kind] if kind in by_kind.columns else pd.Series(dtype=int)
        frame[f"n_{kind}"] = frame["customer_id"].map(column).fillna(0).astype(int)
    frame["blurry"] = frame["facts"] < min_facts
    return frame


def per_kind(facts: pd.DataFrame) -> pd.DataFrame:
    """kind (every kind, in :data:`KINDS` order), facts, known, share_known."""
    known = facts["known"].fillna(False).astype(bool)
    counts = facts.assign(known=known).groupby("kind")["known"].agg(["size", "sum"])
    frame = pd.DataFrame({"kind": list(KINDS)})
    frame["facts"] = frame["kind"].map(counts["size"]).fillna(0).astype(int)
    frame["known"] = frame["kind"].map(counts["sum"]).fillna(0).astype(int)
    frame["share_known"] = (frame["known"] / frame["facts"].where(frame["facts"] > 0)).astype(float)
    return frame


def per_segment(segments: pd.DataFrame, rated: pd.DataFrame, deep_customers: int) -> pd.DataFrame:
    """Every saved segment (``segments``: segmentation_id, segmentation, segment, respondents) with
    ``customers`` linked, ``told_apart`` (linked customers not blurry), ``facts``, ``known``,
    ``share_known`` and ``depth`` (:data:`DEEP` or :data:`STATISTIC`), from :func:`per_customer`."""
    keys = ["segmentation_id", "segment"]
    linked = rated.dropna(subset=keys).assign(told_apart=lambda f: ~f["blurry"].astype(bool))
    sums = linked.groupby(keys).agg(
        customers=("customer_id", "size"),
        told_apart=("told_apart", "sum"),
        facts=("facts", "sum"),
        known=("known", "sum"),
    )
    frame = segments.reset_index(drop=True).merge(sums.reset_index(), on=keys, how="left")
    for column in ("customers", "told_apart", "facts", "known"):
        frame[column] = frame[column].fillna(0).astype(int)
    frame["share_known"] = (frame["known"] / frame["facts"].where(frame["facts"] > 0)).astype(float)
    frame["depth"] = [DEEP if n >= deep_customers else STATISTIC for n in frame["told_apart"]]
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
