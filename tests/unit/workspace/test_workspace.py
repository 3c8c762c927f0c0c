"""Workspaces: file-backed persistence, tokens, settings, SQL hygiene."""

from __future__ import annotations

import threading

import pytest

from core.intake.importers import import_survey
from core.intake.store import store_survey, survey_info
from core.sqlfiles import queries, quote_identifier
from core.workspace.database import WorkspaceNotFound, create_workspace, is_valid_token, new_token, open_workspace
from tests.unit.survey_builders import canonical_workbook


def test_file_workspace_survives_reopening(tmp_path, data_dir):
    ws = create_workspace()
    token = ws.token
    assert (data_dir / f"{token}.duckdb").exists()
    path = canonical_workbook(tmp_path / "s.xlsx", {"O1": ("Plan", "Minimize time")}, {"O1": [(5, 1), (4, 2)]})
    store_survey(ws, import_survey(path).survey)
    ws.set_setting("scoring", {"method": "mean"})
    ws.close()

    reopened = open_workspace(token)
    info = survey_info(reopened)
    assert (info.respondents, info.outcomes, info.steps) == (2, 1, 1)
    assert reopened.get_setting("scoring") == {"method": "mean"}
    reopened.close()


def test_many_sessions_opening_one_workshop_at_once_all_get_it(data_dir):
    """A room scanning the vote QR code, or every browser reconnecting after a restart, opens one
    workspace from many sessions at the same moment. Their schema set-ups used to collide in DuckDB's
    catalog (a write-write conflict) and the workshop read as a damaged file."""
    first = create_workspace()
    token = first.token
    first.close()
    failures: list[BaseException] = []

    def open_one(start: threading.Barrier, handles: list, kind: dict) -> None:
        start.wait()
        try:
            handles.append(open_workspace(token, **kind))
        except Exception as error:  # every failure is collected and shown
            failures.append(error)

    kinds = ({}, {"refuse_writes": True}, {"refuse_writes": True, "votes": True}, {})
    for _ in range(10):
        start = threading.Barrier(len(kinds))
        handles: list = []
        threads = [threading.Thread(target=open_one, args=(start, handles, kind)) for kind in kinds]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for handle in handles:
            handle.close()
        assert not failures, [getattr(error, "detail", str(error)) for error in failures]
        assert len(handles) == len(kinds)


def test_unknown_or_malformed_tokens_are_refused(data_dir):
    with pytest.raises(WorkspaceNotFound):
        open_workspace(new_token())
    for bad in ("../../etc/passwd", "", "short", "a" * 65, "has space in it here"):
        assert not is_valid_token(bad)
        with pytest.raises(WorkspaceNotFound):
            open_workspace(bad)
    assert not data_dir.exists() or not any(data_dir.iterdir()), "refused tokens must not create files"


def test_tokens_are_unguessable_and_distinct():
    tokens = {new_token() for _ in range(200)}
    assert len(tokens) == 200
    assert all(is_valid_token(t) and len(t) >= 24 for t in tokens)


def test_new_workspace_has_the_canonical_schema(workspace):
    tables = {
        row[0] for row in workspace.cursor().execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    for table in (
        "steps",
        "outcomes",
        "respondents",
        "ratings",
        "competitor_ratings",
        "segments",
        "scenarios",
        "decisions",
        "capabilities",
        "capability_links",
        "capability_needs",
        "tradeoff_criteria",
        "tradeoff_scores",
        "touchpoints",
        "messages",
        "import_log",
        "column_catalogue",
        "settings",
    ):
        assert table in tables
    assert survey_info(workspace) is None


def test_transaction_rolls_back_on_error(workspace):
    with pytest.raises(RuntimeError), workspace.transaction() as cur:
        cur.execute("INSERT INTO steps VALUES (1, 1, 'Plan', NULL)")
        raise RuntimeError("boom")
    assert workspace.cursor().execute("SELECT count(*) FROM steps").fetchone()[0] == 0


def test_quote_identifier_doubles_quotes(workspace):
    name = 'we"ird; DROP TABLE steps; --'
    cur = workspace.cursor()
    cur.execute(f"CREATE TABLE t ({quote_identifier(name)} INTEGER)")
    assert (
        cur.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 't'").fetchone()[0] == name
    )
    assert cur.execute("SELECT count(*) FROM steps").fetchone()[0] == 0


def test_named_queries_bind_parameters_not_text():
    for family in ("scoring", "store", "survey", "settings"):
        for name, sql in queries(family).items():
            assert "{" not in sql and "%s" not in sql, f"{family}.{name} looks like string formatting"
