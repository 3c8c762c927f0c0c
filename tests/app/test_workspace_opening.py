"""A workspace file that cannot be opened gets a page, never a traceback or a server path (issue 9.4)."""

from __future__ import annotations

import logging
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from core.workspace.database import new_token
from tests.app.app_helpers import new_app, texts


def page_text(app: AppTest) -> str:
    return "\n".join(
        texts(elements) for elements in (app.error, app.markdown, app.caption, app.title, app.info, app.warning)
    )


def damaged(kind: str, path: Path, good: Path) -> None:
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "truncated":
        path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    elif kind == "header only":
        path.write_bytes(good.read_bytes()[:5000])
    elif kind == "random bytes":
        path.write_bytes(bytes(range(256)) * 200)
    elif kind == "sqlite":  # DuckDB would try to download its SQLite reader for this one
        connection = sqlite3.connect(path)
        connection.execute("CREATE TABLE t (x)")
        connection.commit()
        connection.close()
    elif kind == "xlsx renamed":
        shutil.copy(Path(__file__).resolve().parents[2] / "sample_surveys" / "b2b_invoice_processing.xlsx", path)


@pytest.mark.parametrize("kind", ["empty", "truncated", "header only", "random bytes", "sqlite", "xlsx renamed"])
def test_a_damaged_workspace_file_offers_restore_or_a_fresh_start(
    kind: str, data_dir: Path, sample_workspace_file: Path, caplog: pytest.LogCaptureFixture
):
    token = new_token()
    data_dir.mkdir(parents=True, exist_ok=True)
    damaged(kind, data_dir / f"{token}.duckdb", sample_workspace_file)
    app = new_app(token)
    with caplog.at_level(logging.ERROR, logger="jtbd.errors"):
        app.run()
    assert not app.exception
    shown = page_text(app)
    assert "This workspace cannot be opened" in shown
    assert "restore" in shown.lower() and str(data_dir) not in shown and "/" not in app.error[0].value
    labels = [button.label for button in app.button]
    assert labels == ["Restore from a workspace file", "Start a fresh workspace"]
    reference = app.caption[-1].value.rsplit(" ", 1)[-1]
    assert any(reference in record.getMessage() for record in caplog.records)

    app.button(key="unreadable_fresh").click().run()
    assert not app.exception
    assert not app.error
    assert "ws" not in app.query_params  # back on the shared sample; the damaged file is left alone
    assert (data_dir / f"{token}.duckdb").exists()


def test_restore_button_leads_to_the_export_page(data_dir: Path):
    token = new_token()
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / f"{token}.duckdb").write_bytes(b"not a database")
    app = new_app(token)
    app.run()
    app.button(key="unreadable_restore").click().run()
    assert not app.exception
    assert app.title[0].value == "Export"


def test_a_workspace_held_by_another_process_says_it_is_in_use(data_dir: Path, sample_token: str):
    path = data_dir / f"{sample_token}.duckdb"
    hold = f"import duckdb, time; c = duckdb.connect({str(path)!r}); print('held', flush=True); time.sleep(60)"
    holder = subprocess.Popen(
        [sys.executable, "-c", hold],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        app = new_app(sample_token)
        app.run()
        assert not app.exception
        message = app.error[0].value
        assert "in use by another program on the server" in message
        assert Path(sys.executable).name in message  # by what
        assert str(holder.pid) not in message and "/" not in message  # no process id, no server path
        assert [button.label for button in app.button] == ["Try again"]
    finally:
        holder.kill()
        holder.wait()
    app.button(key="in_use_retry").click().run()
    assert not app.exception and not app.error
    assert app.title[0].value == "Data"


def test_a_page_that_fails_shows_a_reference_and_logs_the_traceback(
    sample_token: str, data_dir: Path, caplog: pytest.LogCaptureFixture
):
    connection = duckdb.connect(str(data_dir / f"{sample_token}.duckdb"))
    connection.execute("ALTER TABLE ratings DROP COLUMN satisfaction")  # a tampered file: scores cannot run
    connection.close()
    app = new_app(sample_token)
    with caplog.at_level(logging.ERROR, logger="jtbd.errors"):
        app.run()
        app.switch_page("pages/opportunities.py").run()
    assert not app.exception
    message = next(e.value for e in app.error if "Something went wrong on the Opportunities page" in e.value)
    assert "/" not in message and "Traceback" not in message and "satisfaction" not in message
    reference = message.split("report the reference ")[1].split(" ")[0]
    logged = [r for r in caplog.records if reference in r.getMessage()]
    assert logged and logged[0].exc_info is not None


def test_error_details_are_off_in_production():
    config = (Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text()
    import tomllib

    assert tomllib.loads(config)["client"]["showErrorDetails"] == "none"
