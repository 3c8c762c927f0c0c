"""The browser benchmark's second baseline (bench/browser_bench.py): the Opportunities page's first
screen in a bare Streamlit app, with none of the workbench's work behind it.

It has what a first visit to /opportunities draws above the fold, and nothing else:
- the same navigation (the router's sections and page titles);
- the wide layout;
- the title;
- the scoring note with its help icon;
- the group selectbox;
- the two tabs;
- the intervals toggle with its help;
- the chart's caption with its help;
- the bundled sample's real landscape spec.

There is no sidebar content, no table below the chart, no database and no app module. The
benchmark writes the spec and the sections to the JSON file named by ``$BARE_FIRST_SCREEN``
before it starts this app. tests/app/test_bench_first_screen.py holds this screen to the real
page's: the same element types in the same order up to the landscape, and the same spec.

A first visit here is the cost of Streamlit's own frontend for this screen: the browser's code
for each of its element types and React drawing them. It is the floor under the workbench's
"first visit → landscape" figure on the machine of the run.
"""

import json
import os
from pathlib import Path

import streamlit as st


def screen() -> dict:
    """The spec and the sections the benchmark wrote (``$BARE_FIRST_SCREEN``)."""
    return json.loads(Path(os.environ["BARE_FIRST_SCREEN"]).read_text(encoding="utf-8"))


def other() -> None:
    st.title("Another page")


def opportunities() -> None:
    st.title("Opportunities")
    st.caption("Scores: top-two-box, per item", help="How the scores are computed.")
    st.selectbox("Show scores for", ["Everyone", "Role", "Company size"])
    ranking, _ = st.tabs(["Landscape and ranking", "Methods"], key="tabs", on_change="rerun")
    with ranking:
        st.toggle("Show 95 % intervals on the charts", help="Error bars on the charts.")
        st.caption("Each point is a desired outcome; below the diagonal it is underserved.", help="Opportunity.")
        st.vega_lite_chart(screen()["spec"], theme=None, width="content")


def page(title: str) -> st.Page:
    if title == "Opportunities":
        return st.Page(opportunities, title=title, url_path="opportunities")
    return st.Page(other, title=title, url_path=title.lower().replace(" ", "_").replace("-", "_"))


if __name__ == "__main__":  # streamlit run; a test imports opportunities() alone
    st.set_page_config(page_title="Bare first screen", layout="wide")
    sections = {section: [page(title) for title in titles] for section, titles in screen()["sections"].items()}
    st.navigation(sections, expanded=True).run()
