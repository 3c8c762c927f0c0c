"""AppTest fixtures: the real app (``app.py``) on a temporary data directory.

Streamlit's AppTest resets ``PagesManager.uses_pages_directory`` before every run, so with a
``pages/`` folder next to ``app.py`` each rerun after the first goes through the legacy
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

from core.workspace import Workspace, open_workspace

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def navigation_only(monkeypatch: pytest.MonkeyPatch) -> None:
    original = PagesManager.__init__

    def init(self: PagesManager, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture
def app(data_dir: Path) -> AppTest:
    """The app after a first visit (a new workspace with the first sample), on the Data page."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/data.py").run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def stored(app: AppTest) -> Iterator[Workspace]:
    """The app's workspace, opened the way a second laptop would open it (by its token)."""
    workspace = open_workspace(app.query_params["ws"])
    yield workspace
    workspace.close()
