"""Chart images (issue 15.2): vl-convert with the bundled font, offline, high-resolution PNG."""

from __future__ import annotations

import struct

import pytest

from core.report.chart_images import ChartImageError, png, svg, with_note
from core.report.fonts import BOLD, REGULAR

SPEC = {
    "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
    "width": "container",
    "height": 120,
    "title": "Scores <b>&</b> =1+1",
    "data": {"values": [{"step": "Plan", "opportunity": 12.5}, {"step": "Build", "opportunity": 7.0}]},
    "mark": "bar",
    "encoding": {"x": {"field": "step", "type": "nominal"}, "y": {"field": "opportunity", "type": "quantitative"}},
}


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_the_font_is_bundled_with_its_licence():
    assert REGULAR.stat().st_size > 100_000 and BOLD.stat().st_size > 100_000
    assert "Bitstream" in (REGULAR.parent / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")


def test_svg_uses_the_bundled_font_and_escapes_text():
    image = svg(SPEC, width=400)
    assert image.startswith("<svg")
    assert "DejaVu Sans" in image
    assert "<b>" not in image and "&lt;b&gt;" in image  # the title is text, escaped
    assert "Plan" in image and "Build" in image


def test_png_is_three_times_the_css_size_by_default():
    width, height = png_size(png(SPEC, width=400))
    small_width, small_height = png_size(png(SPEC, scale=1, width=400))
    assert width == 3 * small_width and height == 3 * small_height
    assert small_width >= 400


def test_no_network_a_remote_data_url_is_refused():
    remote = {**SPEC, "data": {"url": "https://example.com/data.json"}}
    with pytest.raises(ChartImageError, match="could not be drawn"):
        svg(remote)


def test_a_broken_spec_is_a_clear_error():
    with pytest.raises(ChartImageError):
        png({"mark": "no-such-mark", "data": {"values": []}})


RULE = "Scores: top-two-box, complete pairs only"


@pytest.mark.parametrize(
    "title",
    [None, "Opportunity landscape", {"text": "Landscape", "subtitle": "600 respondents"}, ["Two", "lines"]],
    ids=["untitled", "text", "with-subtitle", "lines"],
)
def test_a_note_is_drawn_under_the_title_and_keeps_it(title):
    """Issue 11 item 7: an image of scores says which counting rule made them."""
    spec = {key: value for key, value in SPEC.items() if key != "title"} | ({"title": title} if title else {})
    noted = with_note(spec, RULE)
    image = svg(noted, width=400)
    assert RULE in image
    for kept in ("Opportunity landscape", "Landscape", "600 respondents", "Two"):
        if kept in str(title):
            assert kept in image
    assert {k: v for k, v in noted.items() if k != "title"} == {k: v for k, v in spec.items() if k != "title"}
    assert with_note(spec, None) == spec and spec.get("title") == title  # no note: the spec as it was
