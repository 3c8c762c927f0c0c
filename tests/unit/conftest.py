"""Fixtures shared by the unit tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.workspace.database import Workspace
from tests.unit.samples import loaded_samples


@pytest.fixture(scope="module")
def loaded() -> Iterator[dict[str, Workspace]]:
    """Each sample loaded once per module: {name: workspace}."""
    with loaded_samples() as opened:
        yield opened
