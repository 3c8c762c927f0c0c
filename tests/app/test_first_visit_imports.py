"""A first visit imports neither SciPy nor scikit-learn (issue 12.5): they cost seconds of a new
server's first visit, and only the Segments page needs them (ui/segment_page_views.py,
ui/segment_charts.py). Checked in a fresh interpreter, which runs the real app through AppTest
on every page but Segments, then on Segments (which must load them, or the check proves nothing).

The background warm-up (ui/warm_imports.py) is off here: it loads them after the first page on
purpose; tests/app/test_warm_imports.py checks that it does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("scipy", "sklearn")

SCRIPT = """
import json, sys
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

original = PagesManager.__init__
def init(self, *args, **kwargs):  # as tests/app/conftest.py: routed runs, as in a browser
    original(self, *args, **kwargs)
    PagesManager.uses_pages_directory = False
PagesManager.__init__ = init

heavy = %r
app = AppTest.from_file("app.py", default_timeout=240)
app.run()
loaded = {}
for page in ("data", "opportunities", "competitors", "focus_matrix", "job_map", "segments"):
    app.switch_page(f"pages/{page}.py").run()
    assert not app.exception, (page, app.exception)
    loaded[page] = [name for name in heavy if name in sys.modules]
print(json.dumps(loaded))
"""


def test_only_the_segments_page_imports_scipy_and_scikit_learn(tmp_path: Path) -> None:
    env = {**os.environ, "JTBD_DATA_DIR": str(tmp_path), "JTBD_WARM_IMPORTS": "0"}  # a page's own imports
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT % (HEAVY,)], cwd=REPO, env=env, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stderr[-3000:]
    loaded = json.loads(run.stdout.strip().splitlines()[-1])
    before = {page: names for page, names in loaded.items() if page != "segments"}
    assert before == {page: [] for page in before}, before
    assert loaded["segments"] == list(HEAVY)
