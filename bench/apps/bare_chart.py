"""The browser benchmark's baseline (bench/browser_bench.py): a bare Streamlit app, nothing else.

Two pages through ``st.navigation``, as the workbench routes: **Home** (the default) holds a file
uploader that only reports the size it received; **Chart** draws one Vega-Lite chart the size of
the Opportunities landscape (150 labelled points, 720 × 520 px) from an inline spec. What it takes
to show these in the same browser is the floor the workbench's figures are divided by.
"""

import math

import streamlit as st

POINTS = 150


def landscape_sized_spec() -> dict:
    values = [
        {"x": 5 + 4 * math.sin(i * 0.7), "y": 5 + 4 * math.cos(i * 1.3), "rank": i + 1, "step": f"Step {i % 12 + 1}"}
        for i in range(POINTS)
    ]
    encoding = {
        "x": {"field": "x", "type": "quantitative", "scale": {"domain": [0, 10]}},
        "y": {"field": "y", "type": "quantitative", "scale": {"domain": [0, 10]}},
    }
    return {
        "width": 720,
        "height": 520,
        "data": {"values": values},
        "layer": [
            {
                "mark": {"type": "point", "filled": True, "size": 90},
                "encoding": {**encoding, "color": {"field": "step"}},
            },
            {"mark": {"type": "text", "dy": -10}, "encoding": {**encoding, "text": {"field": "rank"}}},
        ],
    }


def home() -> None:
    st.title("Home")
    uploaded = st.file_uploader("A file", type=["xlsx", "csv"])
    if uploaded is not None:
        st.markdown(f"Received {len(uploaded.getvalue()):,} bytes")


def chart() -> None:
    st.title("Chart")
    st.vega_lite_chart(landscape_sized_spec(), theme=None, width="content")


st.navigation([st.Page(home, title="Home", default=True), st.Page(chart, title="Chart", url_path="chart")]).run()
