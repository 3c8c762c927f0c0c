"""Every chart the pages draw can be downloaded as an image (issue 15.2): each has its "Image"
popover, and its spec — what the page sends — renders server-side to SVG with the bundled font."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from core.report import chart_images
from tests.app.app_helpers import switch_to
from tests.app.test_segments_page import TIMEOUT, run_segmentation


def charts_and_buttons(app: AppTest) -> tuple[list[dict], list[str]]:
    specs = [json.loads(chart.proto.spec) for chart in app.get("vega_lite_chart")]
    labels = [b.proto.label for b in app.get("download_button")]
    return specs, labels


def test_every_page_chart_has_image_downloads_that_render(app: AppTest) -> None:
    sent: dict[str, tuple[list[dict], list[str]]] = {}
    for page in ("opportunities", "competitors", "focus_matrix"):
        sent[page] = charts_and_buttons(switch_to(app, f"pages/{page}.py", TIMEOUT))
    sent["segments"] = charts_and_buttons(run_segmentation(switch_to(app, "pages/segments.py", TIMEOUT)))
    for page, (specs, labels) in sent.items():
        assert len(specs) >= 2, page
        assert labels.count("PNG (high resolution)") == labels.count("SVG") == len(specs), page
        for spec in specs:
            image = chart_images.svg(spec)
            assert image.startswith("<svg") and "DejaVu Sans" in image, page
