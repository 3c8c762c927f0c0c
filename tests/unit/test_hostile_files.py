"""Issue 9.1: hostile workbooks through the CLI (a real subprocess) and through the restore.

Before, ``python -m core validate`` on the dimension bomb was killed by SIGABRT (exit 134) and
the restore aborted the server; now each is exit 1 or a WorkspaceFileError with one clear line.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core.intake.loading import load_sample
from core.workspace.database import open_workspace
from core.workspace.file import WorkspaceFileError, workspace_xlsx
from core.workspace.restore import read_workspace_file
from core.workspace.restore_read import read_bounded
from tests.hostile_files import FIXTURES, dimension_bomb, lying_sheet_in, shared_strings_bomb, unique_count_bomb

REPO = Path(__file__).resolve().parents[2]


def validate(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "core", "validate", str(path)], cwd=REPO, capture_output=True, text=True, timeout=300
    )


@pytest.mark.parametrize(
    ("fixture", "said"),
    [
        ("dimension_bomb.xlsx", "16,384 columns (limit 2,000)"),
        # its dimension says A1:B2: the read runs out of memory, then a scan of its cells names its size
        ("dimension_bomb_lying.xlsx", "16,384 columns (limit 2,000)"),
        ("unique_count_bomb.xlsx", "1,000,000,000 different texts"),
    ],
)
def test_the_cli_refuses_a_bomb_with_exit_1_and_a_clear_line(fixture, said):
    done = validate(FIXTURES / fixture)
    assert done.returncode == 1, done.stderr
    assert said in done.stdout and "Cannot import this file." in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_the_cli_refuses_a_zip_bomb(tmp_path):
    path = tmp_path / "zip_bomb.xlsx"
    path.write_bytes(shared_strings_bomb(64))
    done = validate(path)
    assert done.returncode == 1 and "zip bomb" in done.stdout


@pytest.fixture(scope="module")
def workspace_file(tmp_path_factory) -> bytes:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JTBD_DATA_DIR", str(tmp_path_factory.mktemp("restore_data")))
        ws = open_workspace(create=True)
        load_sample(ws)
        try:
            return workspace_xlsx(ws)
        finally:
            ws.close()


@pytest.mark.parametrize("bomb", [dimension_bomb("truth"), dimension_bomb("none"), unique_count_bomb()])
def test_the_restore_refuses_a_bomb_before_reading_it(bomb):
    with pytest.raises(WorkspaceFileError, match=r"limit"):
        read_workspace_file(bomb, "bomb.xlsx")


def test_the_restore_refuses_a_lying_bomb_before_reading_a_cell():
    """Its one sheet is not a workspace sheet, so the restore stops at the sheet names: no cell of
    it is read (the bounded child would survive it too; tests/unit/intake/test_isolation.py)."""
    start = time.perf_counter()
    with pytest.raises(WorkspaceFileError, match=r"lying\.xlsx is not a workspace file: it lacks the sheet"):
        read_bounded(dimension_bomb("lie"), "lying.xlsx")
    assert time.perf_counter() - start < 30


def test_the_bounded_restore_read_gives_what_the_direct_read_gives(workspace_file):
    bounded = read_bounded(workspace_file, "ws.xlsx")
    direct = read_workspace_file(workspace_file, "ws.xlsx")
    assert bounded.content == workspace_file
    assert bounded.summary() == direct.summary()
    assert bounded.survey.ratings.equals(direct.survey.ratings)
    with pytest.raises(WorkspaceFileError, match=r"lacks the sheet"):
        read_bounded((REPO / "sample_surveys").glob("*.xlsx").__next__().read_bytes(), "survey.xlsx")


@pytest.mark.parametrize(
    "command",
    [
        ["tradeoffs", "{bomb}"],
        ["report", "{bomb}", "--format", "html", "-o", "{out}"],
        ["waves", "{bomb}", "{good}"],
        ["methods", "{bomb}"],
    ],
    ids=["tradeoffs", "report", "waves", "methods"],
)
def test_the_cli_commands_that_restore_a_workspace_file_read_it_bounded(command, workspace_file, tmp_path):
    """A workspace file (every sheet name right) whose job_map sheet lies about its size: before,
    ``tradeoffs``, ``report``, ``waves`` and ``methods`` restored it in their own process and died
    (exit 134); all but ``tradeoffs`` now read files through core.cli_files.load_file."""
    bomb, good = tmp_path / "lying_workspace.xlsx", tmp_path / "workspace.xlsx"
    bomb.write_bytes(lying_sheet_in(workspace_file))
    good.write_bytes(workspace_file)
    args = [a.format(bomb=bomb, good=good, out=tmp_path / "report.html") for a in command]
    done = subprocess.run(
        [sys.executable, "-m", "core", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "JTBD_DATA_DIR": str(tmp_path)},
    )
    assert done.returncode == 1, (done.returncode, done.stderr[-2000:])
    assert "spans 1,048,576 rows × 16,384 columns" in done.stderr  # measured after the read ran out of memory
    assert "16,384 columns (limit 2,000)" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
