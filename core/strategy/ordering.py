"""Row order of the framework tables (capabilities, touchpoints, customers, metrics): pure list
rules, the same for each; the tables store the result as a 1-based ``position``."""

from __future__ import annotations

from collections.abc import Sequence


def in_order(stored: Sequence[str], order: Sequence[str]) -> list[str]:
    """``stored`` ids in ``order``: unknown ids in ``order`` are ignored, repeated ones count once,
    and ids left out keep their relative order after the ordered ones."""
    ordered = [i for i in dict.fromkeys(order) if i in stored]
    return ordered + [i for i in stored if i not in ordered]


def moved(ids: Sequence[str], item: str, offset: int) -> list[str]:
    """``ids`` with ``item`` moved ``offset`` places (negative: earlier), kept inside the list."""
    rest = [i for i in ids if i != item]
    old = list(ids).index(item)
    rest.insert(max(0, min(len(rest), old + offset)), item)
    return rest
