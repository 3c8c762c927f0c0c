"""A first visit imports neither SciPy nor scikit-learn (issue 12.5): they cost seconds of a new
server's first visit. Only the Segments page needs SciPy, and only its special functions (the
z-tests of the segment profiles, 0.1 s); scikit-learn and SciPy's statistics load only to cluster
(core/analysis/segmentation.py) or to draw need clusters, never to show a saved segmentation.
Checked in a fresh interpreter, which runs the real app through AppTest on every page but
Segments, then on Segments (which must load SciPy's special functions, or the check proves
nothing); and in another, on a workspace with a saved segmentation, whose profile the Segments
page shows without scikit-learn.

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
HEAVY = ("scipy", "scipy.special", "scipy.stats", "sklearn")

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
app = AppTest.from_file("workbench.py", default_timeout=240)
app.run()
loaded = {}
for page in ("data", "opportunities", "competitors", "focus_matrix", "job_map", "segments"):
    app.switch_page(f"pages/{page}.py").run()
    assert not app.exception, (page, app.exception)
    loaded[page] = [name for name in heavy if name in sys.modules]
print(json.dumps(loaded))
"""


def test_only_the_segments_page_imports_scipy_and_no_page_scikit_learn(tmp_path: Path) -> None:
    env = {**os.environ, "JTBD_DATA_DIR": str(tmp_path), "JTBD_WARM_IMPORTS": "0"}  # a page's own imports
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT % (HEAVY,)], cwd=REPO, env=env, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stderr[-3000:]
    loaded = json.loads(run.stdout.strip().splitlines()[-1])
    before = {page: names for page, names in loaded.items() if page != "segments"}
    assert before == {page: [] for page in before}, before
    assert loaded["segments"] == ["scipy", "scipy.special"]


SAVED = """
import json, sys
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

original = PagesManager.__init__
def init(self, *args, **kwargs):
    original(self, *args, **kwargs)
    PagesManager.uses_pages_directory = False
PagesManager.__init__ = init

import pandas as pd
from core.analysis.segment_store import save_segmentation
from core.intake.loading import load_file, sample_files
from core.workspace.database import create_workspace

workspace = create_workspace()
sample = sample_files()[0]
assert load_file(workspace, sample.read_bytes(), sample.name, isolated=False).ok
ids = [row[0] for row in workspace.cursor().execute("SELECT respondent_id FROM respondents ORDER BY 1").fetchall()]
segments = pd.DataFrame({"respondent_id": ids, "segment": [f"Segment {i %% 3 + 1}" for i in range(len(ids))]})
save_segmentation(workspace, "Saved earlier", segments, k=3, silhouette=0.3, params={"k_requested": 3})
token = workspace.token
workspace.close()
assert "sklearn" not in sys.modules

app = AppTest.from_file("workbench.py", default_timeout=240)
app.query_params["ws"] = token
app.switch_page("pages/segments.py").run()
assert not app.exception, app.exception
print(json.dumps({"metrics": {m.label: m.value for m in app.main.metric},
                  "loaded": [name for name in %r if name in sys.modules]}))
"""


def test_a_saved_segmentation_is_shown_without_scikit_learn(tmp_path: Path) -> None:
    env = {**os.environ, "JTBD_DATA_DIR": str(tmp_path), "JTBD_WARM_IMPORTS": "0"}
    run = subprocess.run(
        [sys.executable, "-c", SAVED % (HEAVY,)], cwd=REPO, env=env, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stderr[-3000:]
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["metrics"]["Segments"] == "3"  # the profile of the saved segmentation is on the page
    assert seen["loaded"] == ["scipy", "scipy.special"]
