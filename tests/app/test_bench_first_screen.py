"""The browser benchmark's floor (bench/apps/bare_first_screen.py) is the Opportunities page's
real first screen: the same element types in the same order up to the landscape, and the same
landscape spec. If the page gains or loses an element above its chart, this fails until the bare
screen follows, so "first visit → landscape ÷ bare first screen" keeps measuring what the app adds.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from bench.browser_bench import first_screen_file
from tests.app.app_helpers import new_app, visit

CHART = "vega_lite_chart"


def bare_screen() -> None:
    from bench.apps.bare_first_screen import opportunities

    opportunities()


def first_screen(node) -> list[str]:
    """The main area's element types in page order, up to and including the first Vega-Lite chart
    (blocks — tabs, containers, columns — are walked through, not listed)."""
    found: list[str] = []

    def walk(current) -> bool:
        for child in getattr(current, "children", {}).values():
            if isinstance(child, Block):
                if walk(child):
                    return True
                continue
            kind = child.type
            found.append(kind)
            if kind == CHART:
                return True
        return False

    walk(node)
    return found


def chart_spec(node) -> dict:
    for element in node:
        if getattr(element, "type", "") == CHART:
            return json.loads(element.proto.spec)
    raise AssertionError("no Vega-Lite chart on the screen")


def test_the_bare_first_screen_draws_the_pages_first_screen(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = visit(new_app(), "pages/opportunities.py")
    # the same data dir: the sample the page's visit built is reused, not built again
    monkeypatch.setenv("BARE_FIRST_SCREEN", str(first_screen_file(data_dir)))
    bare = AppTest.from_function(bare_screen, default_timeout=60).run()
    assert not bare.exception, bare.exception

    real_types = first_screen(page.main)
    assert real_types[-1] == CHART, real_types  # the landscape is on the page's first screen
    assert first_screen(bare.main) == real_types
    assert chart_spec(bare.main) == chart_spec(page.main)  # the sample's landscape, as the page sends it
