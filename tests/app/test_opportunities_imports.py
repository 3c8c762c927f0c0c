"""The Opportunities page never imports Altair (issue 12.5): importing it and building the layered
landscape through it cost about a second of a cold page on 5,000 × 150, and the page is often a
session's first chart. Its specs are plain dicts (ui/charts/opportunities.py). Checked in a fresh
interpreter running the real app through AppTest on the Data page, then Opportunities, then
Competitors (which does use Altair, so the check can tell)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

SCRIPT = """
import json, sys
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

original = PagesManager.__init__
def init(self, *args, **kwargs):  # as tests/app/conftest.py: routed runs, as in a browser
    original(self, *args, **kwargs)
    PagesManager.uses_pages_directory = False
PagesManager.__init__ = init

app = AppTest.from_file("workbench.py", default_timeout=240)
app.run()
loaded = {}
for page in ("data", "opportunities", "competitors"):
    app.switch_page(f"pages/{page}.py").run()
    assert not app.exception, (page, app.exception)
    loaded[page] = {"altair": "altair" in sys.modules, "charts": len(app.get("vega_lite_chart"))}
print(json.dumps(loaded))
"""


def test_the_opportunities_page_draws_its_charts_without_altair(tmp_path: Path) -> None:
    env = {**os.environ, "JTBD_DATA_DIR": str(tmp_path), "JTBD_WARM_IMPORTS": "0"}  # the page's own imports only
    run = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    loaded = json.loads(run.stdout.strip().splitlines()[-1])
    assert loaded["opportunities"] == {"altair": False, "charts": 2}, loaded
    assert loaded["competitors"]["altair"], loaded  # the check sees Altair when a page loads it
