"""AppTest fixtures: the real app (``workbench.py``, the script app.py serves) on a temporary data directory.

Streamlit's AppTest resets ``PagesManager.uses_pages_directory`` before every run, so with a
``pages/`` folder next to ``workbench.py`` each rerun after the first goes through the legacy
pages-directory mode and runs a page whose file name equals its ``url_path`` (``data``)
*without* the router. A live server clears the flag on the first ``st.navigation`` call; the
fixture below does the same for every AppTest run, so tests see what a browser sees.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from core.workspace.database import Workspace, open_workspace
from tests.app.app_helpers import new_app, visit


@pytest.fixture(autouse=True)
def navigation_only(monkeypatch: pytest.MonkeyPatch) -> None:
    original = PagesManager.__init__

    def init(self: PagesManager, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture(autouse=True)
def no_prefetch(monkeypatch: pytest.MonkeyPatch) -> None:
    """No background prefetch of the Focus matrix's views (ui/prefetch.py) after each page run: a
    test's page runs compute what it checks, and no thread outlives the test's workspace.
    tests/app/test_prefetch.py turns it on."""
    monkeypatch.setenv("JTBD_PREFETCH", "0")


@pytest.fixture(scope="session", autouse=True)
def reading_forkserver() -> None:
    """Uploads are read in children of a forkserver (core.intake.isolation), which the app starts
    when its upload widget shows. Start it once here, so that its cold start is not billed to the
    timeout of whichever test uploads first."""
    from multiprocessing import forkserver

    import core.intake.isolation  # noqa: F401  (sets what the forkserver preloads)

    forkserver.ensure_running()


@pytest.fixture
def first_visit(data_dir: Path) -> AppTest:
    """The app after a first visit (it creates a workspace and loads the first sample), on the Data page."""
    return visit(new_app(), "pages/data.py")


@pytest.fixture
def app(sample_token: str) -> AppTest:
    """The Data page on a fresh copy of the first-visit workspace, reached by its ``?ws=`` link."""
    return visit(new_app(sample_token), "pages/data.py")


@pytest.fixture
def stored(app: AppTest) -> Iterator[Workspace]:
    """The app's workspace, opened the way a second laptop would open it (by its token)."""
    workspace = open_workspace(app.query_params["ws"])
    yield workspace
    workspace.close()


@pytest.fixture
def ws(at: AppTest, sample_token: str) -> Iterator[Workspace]:
    """The workspace behind the test module's ``at`` page, opened by its token after the page ran."""
    workspace = open_workspace(sample_token)
    yield workspace
    workspace.close()
