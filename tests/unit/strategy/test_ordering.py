"""Row order of the framework tables (core/strategy/ordering.py)."""

from __future__ import annotations

from core.strategy.ordering import in_order, moved


def test_in_order_ignores_unknown_and_repeated_ids_and_keeps_the_rest_after() -> None:
    assert in_order(["a", "b", "c", "d"], ["c", "x", "a", "c"]) == ["c", "a", "b", "d"]
    assert in_order(["a", "b"], []) == ["a", "b"]


def test_moved_stays_inside_the_list() -> None:
    assert moved(["a", "b", "c"], "c", -1) == ["a", "c", "b"]
    assert moved(["a", "b", "c"], "a", 5) == ["b", "c", "a"]
    assert moved(["a", "b", "c"], "b", -9) == ["b", "a", "c"]
