"""Fixtures shared by the unit tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from core.workspace.database import Workspace
from tests.unit.cli_run import Ran, run_in_process
from tests.unit.samples import loaded_samples


@pytest.fixture(scope="module")
def loaded() -> Iterator[dict[str, Workspace]]:
    """Each sample loaded once per module: {name: workspace}."""
    with loaded_samples() as opened:
        yield opened


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Ran]:
    """Run the command line in-process: ``cli("score", path, "--format", "json")`` → Ran(returncode, stdout, stderr)."""
    return lambda *args: run_in_process(capsys, *args)
