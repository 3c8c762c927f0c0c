"""Deployment as Streamlit Community Cloud does it: a fresh virtualenv from ``requirements.txt`` alone.

Community Cloud installs the first dependency file it finds (``requirements.txt`` here; it reads it
before ``pyproject.toml``) and runs ``streamlit run app.py`` from the repository root. This module
does the same: ``python -m venv`` + ``pip install -r requirements.txt`` (pip may take packages from
its local cache; ``--no-compile``, since bytecode is no part of what is checked), then ``streamlit
run app.py`` from that environment on a free 127.0.0.1 port, and every page is opened in Chromium
with no error. A runtime import that lives only in ``requirements-dev.txt`` fails here, not on a
user's deployment.

The environment is built once per run (a module fixture; a few minutes), so the whole module is one
test that visits every page.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import REPO_ROOT, StreamlitServer, exception_texts, open_app, sample_workspace, screenshot

# (URL path, heading) of every page, in the router's order; the Data page is the root URL.
PAGES = [
    ("", "Data"),
    ("job_map", "Job map"),
    ("opportunities", "Opportunities"),
    ("segments", "Segments"),
    ("competitors", "Competitors"),
    ("strategy_options", "Strategy options"),
    ("focus_matrix", "Focus matrix"),
    ("capabilities", "Capabilities"),
    ("trade_offs", "Trade-offs"),
    ("communication", "Communication"),
    ("customers", "Customers"),
    ("metrics", "Metrics"),
    ("waves", "Waves"),
    ("method", "Method"),
    ("export", "Export"),
]
DEV_ONLY = ("pytest", "hypothesis", "playwright", "ruff", "pyright")
INSTALL_TIMEOUT_S = 1200


class DeployedServer(StreamlitServer):
    """The harness's server, run by the deployment environment's Python instead of the test's."""

    def __init__(self, python: Path, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.python = python

    def command(self) -> list[str]:
        return [str(self.python), *super().command()[1:]]


def _run(command: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    return subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="module")
def deploy_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Python of a new virtualenv holding ``requirements.txt`` and nothing else."""
    root = tmp_path_factory.mktemp("community-cloud") / "venv"
    made = _run([sys.executable, "-m", "venv", str(root)], 300)
    assert made.returncode == 0, made.stderr
    python = root / "bin" / "python"
    # --no-compile: the modules the app imports are compiled as it imports them, instead of every file
    # of every package up front (46 → 29 s here, 3 Dec 2026); what is installed is the same
    installed = _run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "-q",
            "--no-compile",
            "-r",
            "requirements.txt",
        ],
        INSTALL_TIMEOUT_S,
    )
    assert installed.returncode == 0, f"pip install -r requirements.txt failed:\n{installed.stderr[-4000:]}"
    return python


@pytest.fixture(scope="module")
def deployed_app(deploy_python: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    server = DeployedServer(
        deploy_python,
        tmp_path_factory.mktemp("deploy-data"),
        log_dir=tmp_path_factory.mktemp("deploy-logs"),
        startup_timeout=120,
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.timeout(INSTALL_TIMEOUT_S + 600, method="signal")
def test_the_app_runs_from_requirements_txt_alone(deploy_python, deployed_app, page):
    # the environment really is the runtime alone: no test or lint tool leaked into it
    leaked = _run(
        [str(deploy_python), "-c", f"import importlib.util as u; print([m for m in {DEV_ONLY!r} if u.find_spec(m)])"],
        60,
    )
    assert leaked.stdout.strip() == "[]", leaked.stdout + leaked.stderr

    open_app(page, deployed_app.url)  # a first visit reads the shared sample and builds it
    token = sample_workspace(deployed_app)
    for path, heading in PAGES:
        open_app(page, f"{deployed_app.url}/{path}?ws={token}")
        title = page.get_by_role("heading", name=heading, exact=True, level=1)  # the page's title
        expect(title).to_be_visible(timeout=30_000)
        expect(page.get_by_text("Page not found")).to_have_count(0)
        errors = exception_texts(page)
        assert errors == [], f"{heading}: {errors}\n{deployed_app.logs()}"
        screenshot(page, f"deploy-{path or 'data'}")
    log = deployed_app.logs()
    assert "ModuleNotFoundError" not in log and "Traceback" not in log, log
