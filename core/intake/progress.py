"""How long work reports its progress: ``progress(fraction 0..1, message)``, between stages."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[float, str], None]


def quiet(fraction: float, message: str) -> None:
    """The progress callback that reports nothing (the CLI, tests)."""
