"""Where the bundled sample's built database lives, its key, and one build at a time.

Light on purpose (the standard library and :mod:`core.workspace.paths` only): the server's start-up
(ui/startup.py) calls :func:`start_in_child` before it imports the app, so that the sample is built
in a second process while this one imports and serves.

Decisions (issue 12.5):

- **One build at a time.** :func:`build_lock` is an exclusive ``flock`` on ``<key>.lock`` beside the
  built file. A second builder (a visit's run, another server process on the same data dir) waits
  for the first and then opens its file instead of importing the sample again. The wait is bounded
  (:data:`WAIT_SECONDS`): a builder stuck past it is not waited for, and the caller builds its own
  copy (the build writes a temporary file and renames it, so two builds never corrupt each other).
- **Built in a child.** :func:`start_in_child` takes the lock, starts ``python -m
  core.workspace.samples`` with the locked file handed over (a lock belongs to the open file,
  which the child then holds alone), and returns at once. The child imports and builds on the
  machine's other core; it holds no lock of this process's threads (it is a new interpreter, not
  a fork of a threaded server). The lock ends with the child, whatever way it ends: a build that
  failed there is done again, in-process, by the first caller of ``build_sample``, which reports
  the failure as it always did.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from core.workspace.paths import REFERENCE_DIR, REPO_ROOT, data_dir

WAIT_SECONDS = 120.0  # how long a builder waits for another's build before building its own copy
POLL_SECONDS = 0.02
HANDED_OVER = "--locked-fd"  # the child's argument: the descriptor of the lock it inherited
_CORE = REPO_ROOT / "core"


def samples_dir() -> Path:
    """Where built samples live: ``<data dir>/.samples``."""
    return data_dir() / ".samples"


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """A digest of everything that decides what an import stores (core code and its schema, SQL,
    label sets)."""
    digest = hashlib.sha256()
    for folder, pattern in ((_CORE, "*.py"), (_CORE, "*.sql"), (REFERENCE_DIR, "*.json")):
        for file in sorted(folder.rglob(pattern)):
            digest.update(file.relative_to(REPO_ROOT).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def sample_key(sample: Path) -> str:
    """The cache key of ``sample``: its bytes and the importing code's digest. The bytes are hashed
    once per version of the file (its path, size and modification time): a server's start asks for
    the key three times (the child's start, the build and the handle's token)."""
    stat = sample.stat()
    return _key(str(sample.resolve()), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=8)
def _key(sample: str, _size: int, _modified: int) -> str:
    digest = hashlib.sha256(_code_digest().encode())
    digest.update(Path(sample).read_bytes())
    return digest.hexdigest()[:24]


def built_path(sample: Path) -> Path:
    """The built database of ``sample`` (it may not exist yet)."""
    return samples_dir() / f"{sample_key(sample)}.duckdb"


def _lock_file(target: Path) -> int:
    target.parent.mkdir(parents=True, exist_ok=True)
    return os.open(target.with_suffix(".lock"), os.O_RDWR | os.O_CREAT, 0o600)


def _took(handle: int) -> bool:
    """Whether the lock on the open file ``handle`` was taken now (False: another open file holds it)."""
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextlib.contextmanager
def build_lock(target: Path, wait: float = WAIT_SECONDS) -> Iterator[bool]:
    """Hold the build lock of ``target`` while the block runs; yields whether it was taken (False
    when another builder kept it past ``wait`` seconds: build anyway)."""
    handle = _lock_file(target)
    try:
        deadline = time.monotonic() + wait
        while not _took(handle):
            if time.monotonic() >= deadline:
                yield False
                return
            time.sleep(POLL_SECONDS)
        yield True
    finally:
        os.close(handle)  # closing the last descriptor of the open file releases its lock


def start_in_child(sample: Path) -> subprocess.Popen | None:
    """Start building ``sample`` in a child process and return it; None when it is built already
    or another builder holds the lock. The caller should ``wait()`` for the process (the build
    itself is found by ``build_sample``, which waits on the lock)."""
    target = built_path(sample)
    if target.exists():
        return None
    handle = _lock_file(target)
    try:
        if not _took(handle):
            return None
        return subprocess.Popen(
            [sys.executable, "-m", "core.workspace.samples", HANDED_OVER, str(handle), str(sample)],
            cwd=REPO_ROOT,
            pass_fds=(handle,),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
        )
    finally:
        os.close(handle)  # the child holds the lock from here (or nobody, if it did not start)


__all__ = ["HANDED_OVER", "build_lock", "built_path", "sample_key", "samples_dir", "start_in_child"]
