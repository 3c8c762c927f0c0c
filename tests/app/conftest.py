"""AppTest fixtures: the real app (``app.py``) on a temporary data directory.

Streamlit's AppTest resets ``PagesManager.uses_pages_directory`` before every run, so with a
``pages/`` folder next to ``app.py`` each rerun after the first goes through the legacy
pages-directory mode and runs a page whose file name equals its ``url_path`` (``data``)
*without* the router. A live server clears the flag on the first ``st.navigation`` call; the
fixture below does the same for every AppTest run, so tests see what a browser sees.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from core.loading import load_sample
from core.workspace import Workspace, create_workspace, new_token, open_workspace

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def navigation_only(monkeypatch: pytest.MonkeyPatch) -> None:
    original = PagesManager.__init__

    def init(self: PagesManager, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


def _on_data_page(at: AppTest) -> AppTest:
    at.run()
    at.switch_page("pages/data.py").run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def first_visit(data_dir: Path) -> AppTest:
    """The app after a first visit (it creates a workspace and loads the first sample), on the Data page."""
    return _on_data_page(AppTest.from_file(str(REPO / "app.py"), default_timeout=60))


@pytest.fixture(scope="module")
def sample_workspace_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace file holding the first sample, built once per module (importing it takes a while)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JTBD_DATA_DIR", str(tmp_path_factory.mktemp("sample_workspace")))
        workspace = create_workspace()
        load_sample(workspace)
        workspace.close()
    return workspace.path


@pytest.fixture
def app(data_dir: Path, sample_workspace_file: Path) -> AppTest:
    """The Data page on a fresh copy of the first-visit workspace, reached by its ``?ws=`` link."""
    token = new_token()
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(sample_workspace_file, data_dir / f"{token}.duckdb")
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.query_params["ws"] = token
    return _on_data_page(at)


@pytest.fixture
def stored(app: AppTest) -> Iterator[Workspace]:
    """The app's workspace, opened the way a second laptop would open it (by its token)."""
    workspace = open_workspace(app.query_params["ws"])
    yield workspace
    workspace.close()
