"""Every chart the pages draw is a valid Vega-Lite spec.

The app builds its specs unvalidated (ui.view_charts.spec: Altair's schema validation was about a
sixth of a cold page's server time, issue 12.5), so this test validates what the pages actually
send, against the Vega-Lite schema Altair ships, on every page that draws a chart.
"""

from __future__ import annotations

import json

from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema
from streamlit.testing.v1 import AppTest

from tests.app.app_helpers import switch_to
from tests.app.test_segments_page import TIMEOUT, run_segmentation


def specs(app: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("vega_lite_chart")]


def test_the_pages_send_valid_vega_lite(app: AppTest) -> None:
    sent: dict[str, list[dict]] = {}
    for page in ("opportunities", "competitors", "focus_matrix"):
        sent[page] = specs(switch_to(app, f"pages/{page}.py", TIMEOUT))
    segments = run_segmentation(switch_to(app, "pages/segments.py", TIMEOUT))
    sent["segments"] = specs(segments)
    segments.session_state["seg_tab"] = "Need clusters"
    segments.run(timeout=TIMEOUT)
    sent["need clusters"] = specs(segments)

    schema = load_schema()
    for page, page_specs in sent.items():
        assert len(page_specs) >= 2, page
        for spec in page_specs:
            validate_jsonschema(spec, schema)  # raises with the path of the first invalid part
