"""One build of the bundled sample at a time, and the server's build in a child process
(core/workspace/sample_builds.py, issue 12.5): a second builder waits for the first and opens its
file; a builder stuck past the wait is not waited for; a child that ends without building leaves
the build to this process."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.intake.store import survey_info
from core.workspace import sample_builds, samples
from core.workspace.paths import REPO_ROOT, sample_files
from core.workspace.sample_builds import build_lock, built_path, sample_key, start_in_child
from core.workspace.samples import build_sample, main, open_built_sample

SAMPLE = sample_files()[0]


@pytest.fixture
def builds_here(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The samples this process imports itself (each still imported)."""
    calls: list[Path] = []
    real = samples.load_sample

    def spy(workspace, path):
        calls.append(path)
        return real(workspace, path)

    monkeypatch.setattr(samples, "load_sample", spy)
    return calls


@pytest.fixture
def held(data_dir: Path) -> Iterator[Path]:
    """The sample's build lock, held by another open file (as another process holds it)."""
    target = built_path(SAMPLE)
    target.parent.mkdir(parents=True)
    handle = os.open(target.with_suffix(".lock"), os.O_RDWR | os.O_CREAT)
    fcntl.flock(handle, fcntl.LOCK_EX)
    yield target
    os.close(handle)


def test_a_build_in_a_child_is_waited_for_and_its_file_opened(builds_here):
    child = start_in_child(SAMPLE)
    assert child is not None
    assert not built_path(SAMPLE).exists()  # it has only just started
    built = build_sample(SAMPLE)  # waits on the lock the child holds
    assert child.wait(60) == 0
    assert built == built_path(SAMPLE) and built.exists()
    assert builds_here == []  # imported once, by the child
    workspace = open_built_sample(SAMPLE)
    try:
        assert survey_info(workspace).respondents == 600
    finally:
        workspace.close()
    assert start_in_child(SAMPLE) is None  # built: nothing to start
    assert [p.name for p in built.parent.glob("*.part*")] == []


def test_a_child_that_ends_without_building_leaves_the_build_here(builds_here):
    child = start_in_child(SAMPLE)
    assert child is not None
    child.kill()  # the lock ends with the child, however it ends
    assert child.wait(10) != 0
    assert build_sample(SAMPLE).exists()
    assert builds_here == [SAMPLE]


def test_nothing_starts_while_another_builder_holds_the_lock(held: Path):
    assert start_in_child(SAMPLE) is None
    assert not held.exists()


def test_a_builder_stuck_past_the_wait_is_not_waited_for(held: Path):
    began = time.monotonic()
    with build_lock(held, wait=0.2) as taken:
        assert not taken
    assert 0.2 <= time.monotonic() - began < 5


def test_the_lock_is_taken_once_free_and_released_after(data_dir: Path):
    target = built_path(SAMPLE)
    with build_lock(target, wait=0) as taken:
        assert taken
        assert start_in_child(SAMPLE) is None  # held by this build
    child = start_in_child(SAMPLE)  # free again
    assert child is not None
    child.kill()
    child.wait(10)


def test_the_child_entry_point_refuses_other_arguments(capsys):
    assert main([str(SAMPLE)]) == 2
    assert "usage: python -m core.workspace.samples --locked-fd N SAMPLE" in capsys.readouterr().err


def test_the_lock_and_the_key_load_without_the_app():
    """ui/startup.py starts the child before it imports the app: this module must not import it."""
    probe = (
        "import sys, core.workspace.sample_builds; "
        "print(sorted(m for m in ('pandas', 'numpy', 'duckdb', 'streamlit', 'core.intake') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_key_follows_the_file_and_hashes_each_version_once(tmp_path: Path):
    copy = tmp_path / "sample.xlsx"
    copy.write_bytes(SAMPLE.read_bytes())
    os.utime(copy, ns=(1_000_000_000, 1_000_000_000))
    sample_builds._key.cache_clear()
    first = sample_key(copy)
    assert sample_key(copy) == first == sample_key(SAMPLE)  # the same bytes, the same key
    assert sample_builds._key.cache_info().misses == 2  # the copy and the bundled file, each hashed once

    copy.write_bytes(SAMPLE.read_bytes() + b"\0")  # another version of the file: a new key
    os.utime(copy, ns=(2_000_000_000, 2_000_000_000))
    assert sample_key(copy) != first
    copy.write_bytes(SAMPLE.read_bytes())  # the first bytes again, at another time: the first key
    os.utime(copy, ns=(3_000_000_000, 3_000_000_000))
    assert sample_key(copy) == first
