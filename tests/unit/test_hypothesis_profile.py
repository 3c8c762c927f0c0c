"""The property tests are reproducible under CI: a fixed-seed hypothesis profile is loaded when CI=true."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import hypothesis_profile


def test_ci_true_selects_the_derandomized_profile():
    assert hypothesis_profile({"CI": "true"}) == "ci"
    assert hypothesis_profile({"CI": "TRUE"}) == "ci"
    assert hypothesis_profile({}) == "dev"
    assert hypothesis_profile({"CI": "false"}) == "dev"
    ci = settings.get_profile("ci")
    assert ci.derandomize is True
    assert ci.database is None


def test_the_profile_of_this_run_follows_the_environment():
    expected = os.environ.get("CI", "").lower() == "true"
    assert settings.default.derandomize is expected


def test_derandomized_examples_repeat_from_run_to_run():
    """Under the "ci" profile the same test draws the same examples every time it runs."""

    def drawn() -> list[int]:
        seen: list[int] = []

        @settings(settings.get_profile("ci"), max_examples=15)
        @given(st.integers(0, 10**9))
        def record(value: int) -> None:
            seen.append(value)

        record()
        return seen

    assert drawn() == drawn()
