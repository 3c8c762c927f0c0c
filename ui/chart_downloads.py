"""Download any chart as an image (issue 15.2): a small popover next to the chart with a PNG
(3× — slide and print quality) and an SVG, rendered server-side by core.report.chart_images
from the very spec the page draws, with the bundled font.

The data are callables: an image is rendered only when its button is clicked, never on a rerun,
and the click does not rerun the page (``on_click="ignore"``). While presenting there is no
popover: a slide is for the room, and its room is the chart's (exit presentation mode to download).
"""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from core.report import chart_images
from ui import presentation


def spec_dict(chart: Any) -> dict:
    """A Vega-Lite dict of a dict spec or an Altair chart."""
    return chart if isinstance(chart, dict) else chart.to_dict(validate=False)


def chart_downloads(chart: Any, name: str, *, container: Any = None, note: str | None = None) -> None:
    """The popover of image downloads for ``chart`` (a dict spec or an Altair chart); ``name`` is
    the file name's stem and the widget keys' suffix (unique on the page). ``note`` (charts of
    scores: ``ui.settings_notice.scores_note``) is printed under the image's title."""
    if presentation.presenting():
        return
    stem = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower() or "chart"
    where = container if container is not None else st
    with where.popover("Image", icon=":material/image:", help="Download this chart as PNG or SVG"):
        st.download_button(
            "PNG (high resolution)",
            lambda: chart_images.png(chart_images.with_note(spec_dict(chart), note)),
            f"{stem}.png",
            "image/png",
            key=f"chart_png_{stem}",
            on_click="ignore",
            icon=":material/download:",
        )
        st.download_button(
            "SVG",
            lambda: chart_images.svg(chart_images.with_note(spec_dict(chart), note)),
            f"{stem}.svg",
            "image/svg+xml",
            key=f"chart_svg_{stem}",
            on_click="ignore",
            icon=":material/download:",
        )
