"""After the first page is served, the other pages' modules load on a background thread
(ui/warm_imports.py, issue 12.5): a later first visit of the Segments page finds SciPy and
scikit-learn, and the chart pages Altair, already imported. Checked in a fresh interpreter that
runs the real app through AppTest on the Data page only.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from ui.warm_imports import chart_templates, collided, page_modules

REPO = Path(__file__).resolve().parents[2]

SCRIPT = """
import json, sys
from streamlit.testing.v1 import AppTest
from ui import warm_imports

heavy = ("scipy", "sklearn", "altair", "narwhals._pandas_like.namespace")  # the last: Altair's first spec
app = AppTest.from_file("workbench.py", default_timeout=240)
app.run()
assert not app.exception, app.exception
finished = warm_imports.wait(timeout=240)
templates = warm_imports.chart_templates()
print(json.dumps({"finished": finished,
                  "after_warm_up": [name for name in heavy if name in sys.modules],
                  "templates": [f"{t.__module__}.{t.__name__}" for t in templates],
                  "built": [f"{t.__module__}.{t.__name__}" for t in templates if t.cache_info().currsize]}))
"""


def test_the_first_page_leaves_the_heavy_imports_to_a_background_thread(tmp_path: Path) -> None:
    env = {**os.environ, "JTBD_DATA_DIR": str(tmp_path), "JTBD_WARM_IMPORTS": "1"}
    run = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["finished"] is True
    assert seen["after_warm_up"] == ["scipy", "sklearn", "altair", "narwhals._pandas_like.namespace"]
    assert "ui.charts.focus._profile_template" in seen["templates"]  # the Focus matrix's strategy profile
    assert "ui.charts.focus._map_template" in seen["templates"]  # and its advantage map
    assert seen["built"] == seen["templates"]  # every chart template, before any page drew one
    assert "warm import" not in run.stderr, run.stderr[-3000:]  # no page module failed to import


def test_the_chart_templates_are_the_cached_functions_without_arguments(tmp_path: Path, monkeypatch) -> None:
    package = tmp_path / "fake_charts"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "one.py").write_text(
        "from functools import cache, lru_cache\n"
        "@cache\ndef _template():\n    return {'mark': 'bar'}\n"
        "@lru_cache(maxsize=4)\ndef _sized(n):\n    return n\n"
        "def _plain():\n    return {}\n",
        encoding="utf-8",
    )
    (package / "two.py").write_text(
        "from functools import cache\nfrom fake_charts.one import _template\n@cache\ndef template():\n    return 2\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    found = [f"{t.__module__}.{t.__name__}" for t in chart_templates("fake_charts")]
    assert found == ["fake_charts.one._template", "fake_charts.two.template"]  # the import in two.py counts once


def test_the_page_modules_are_read_from_the_page_scripts(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(
        "from __future__ import annotations\nimport streamlit as st\nfrom ui.router import workspace\n"
        "from ui.segment_charts import segmentation_charts\nimport core.analysis.scoring\n"
        "def f():\n    import ui.not_at_top\n",
        encoding="utf-8",
    )
    (tmp_path / "b.py").write_text("from ui.segment_charts import x\nfrom . import relative\n", encoding="utf-8")
    assert page_modules(tmp_path) == ["ui.segment_charts", "core.analysis.scoring"]
    assert "ui.segment_charts" in page_modules()  # the real pages: the Segments page's charts


def test_an_import_deadlock_is_recognised_through_the_chain_of_imports() -> None:
    """Python's import deadlock detection, raised deep in a page's imports (sklearn → narwhals) and
    re-raised on the way up, is what the router runs the page again for; nothing else is."""
    from importlib._bootstrap import _DeadlockError  # type: ignore[attr-defined]

    try:
        try:
            raise _DeadlockError("deadlock detected by _ModuleLock('narwhals.stable.v1')")
        except RuntimeError as inner:
            raise ImportError("cannot import name 'silhouette_score'") from inner
    except ImportError as error:
        assert collided(error)
    assert not collided(RuntimeError("deadlock detected"))  # only the import machinery's own error
    assert not collided(ValueError("a page's own bug"))


def test_the_warm_up_gives_way_while_a_page_runs(monkeypatch) -> None:
    """Before each import the warm-up waits while a script run is under way (at most its limit),
    so a click right after the first page does not share the interpreter with scikit-learn's
    import; a run that waits for the warm-up itself (the router's retry) does not hold it back."""
    from ui import warm_imports

    imported: list[tuple[str, float]] = []
    monkeypatch.setattr(warm_imports, "HEAVY_FIRST", ("json",))  # (altair, in the app: its first spec follows)
    monkeypatch.setattr(warm_imports, "page_modules", lambda: ["csv"])
    monkeypatch.setattr(warm_imports, "_first_spec", lambda: None)
    monkeypatch.setattr(warm_imports, "chart_templates", lambda: [])  # (tested on their own above)
    monkeypatch.setattr(warm_imports.importlib, "import_module", lambda name: imported.append((name, time.monotonic())))
    monkeypatch.setattr(warm_imports, "YIELD_LIMIT_S", 30.0)
    monkeypatch.setattr(warm_imports, "_thread", None)

    with warm_imports.script_run():
        warm_imports.start(delay_s=0)
        time.sleep(0.5)
        assert imported == []  # a page is running: nothing imported
        ended = time.monotonic()
    assert warm_imports.wait(timeout=10)
    assert [name for name, _ in imported] == ["json", "csv"]
    assert imported[0][1] >= ended

    imported.clear()
    monkeypatch.setattr(warm_imports, "_thread", None)
    with warm_imports.script_run():
        warm_imports.start(delay_s=0)
        assert warm_imports.wait(timeout=10)  # waiting for the warm-up lets it run
    assert [name for name, _ in imported] == ["json", "csv"]

    with warm_imports.script_run():
        started = time.monotonic()
        assert warm_imports.wait_quiet(0.3) is False  # never quiet: it goes on after its limit
        assert time.monotonic() - started >= 0.3
    assert warm_imports.wait_quiet(0.3) is True
