"""Chart images, rendered server-side from a Vega-Lite spec by vl-convert (offline: no data URL
is fetched) with the bundled DejaVu Sans (core.report.fonts), so an image looks the same on every
machine. The report, the deck and the download buttons next to each chart all use these two
functions.

Decision: the font is forced through the ``config`` of the conversion (every text mark, axis,
legend and title), whatever the spec's theme says; a spec that cannot be drawn raises
:class:`ChartImageError` with the reason, never a half-drawn image.
"""

from __future__ import annotations

import copy
import threading

import vl_convert

from core.report.fonts import FAMILY, FONT_DIR

DEFAULT_SCALE = 3.0  # PNG pixels per CSS pixel: a 700-px-wide chart becomes 2,100 px (slides, print)
FONT_CONFIG = {
    "font": FAMILY,
    "axis": {"labelFont": FAMILY, "titleFont": FAMILY},
    "legend": {"labelFont": FAMILY, "titleFont": FAMILY},
    "header": {"labelFont": FAMILY, "titleFont": FAMILY},
    "title": {"font": FAMILY, "subtitleFont": FAMILY},
    "text": {"font": FAMILY},
    "mark": {"font": FAMILY},
}
_registered = threading.Lock()
_done: list[bool] = []


class ChartImageError(ValueError):
    """A chart could not be drawn (the message says which and why)."""


def _register_font() -> None:
    with _registered:
        if not _done:
            vl_convert.register_font_directory(str(FONT_DIR))
            _done.append(True)


def printable(spec: dict, width: int | None = None) -> dict:
    """A copy of ``spec`` for a static image: a fixed width instead of "container" (which has no
    meaning outside a browser) and no interactive parameters' bindings."""
    spec = copy.deepcopy(spec)
    if spec.get("width") in (None, "container") and width:
        spec["width"] = width
    spec.pop("autosize", None)
    spec.setdefault("background", "white")
    return spec


def svg(spec: dict, width: int | None = 760) -> str:
    """The chart as an SVG document (text as <text> in DejaVu Sans)."""
    _register_font()
    try:
        return vl_convert.vegalite_to_svg(printable(spec, width), config=FONT_CONFIG, allowed_base_urls=[])
    except Exception as exc:  # vl-convert raises ValueError or its own errors for a bad spec
        raise ChartImageError(f"The chart could not be drawn: {exc}") from exc


def png(spec: dict, scale: float = DEFAULT_SCALE, width: int | None = 760) -> bytes:
    """The chart as a PNG, ``scale`` pixels per CSS pixel (3 by default: slide and print quality)."""
    _register_font()
    try:
        return vl_convert.vegalite_to_png(printable(spec, width), scale=scale, config=FONT_CONFIG, allowed_base_urls=[])
    except Exception as exc:
        raise ChartImageError(f"The chart could not be drawn: {exc}") from exc


def without_title(spec: dict) -> dict:
    """``spec`` without its title, for documents that print the chart's title themselves."""
    return {key: value for key, value in spec.items() if key != "title"}


def with_note(spec: dict, note: str | None) -> dict:
    """``spec`` with ``note`` as the last line of its title's subtitle, so an image downloaded on
    its own still says how its scores were counted (the scoring rule, issue 11 item 7); the chart's
    own title and subtitle are kept, nothing else changes. A chart without a title gets the note
    as a plain-weight title (Vega draws no subtitle under an empty title)."""
    if not note:
        return spec
    title = spec.get("title")
    if title in (None, "", []):
        return {**spec, "title": {"text": note, "fontWeight": "normal", "fontSize": 11}}
    heading = dict(title) if isinstance(title, dict) else {"text": title}
    subtitle = heading.get("subtitle")
    lines = [] if subtitle is None else [subtitle] if isinstance(subtitle, str) else list(subtitle)
    heading["subtitle"] = [*lines, note]
    return {**spec, "title": heading}
