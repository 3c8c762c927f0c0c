"""Choosing the workspace store (issue 17, item 3): environment over secret, blank = local files,
an unknown URL refused with a sentence; a missing PostgreSQL fails the store tests under CI."""

from __future__ import annotations

import pytest

from core.workspace.store import ENVIRONMENT_KEY, configured_url, store_from_url
from core.workspace.store_local import LocalStore
from core.workspace.store_postgres import describe_url
from core.workspace.store_types import StoreConfigError
from tests import postgres_server


def test_the_environment_wins_over_the_secret_and_blank_means_local(monkeypatch):
    monkeypatch.delenv(ENVIRONMENT_KEY, raising=False)
    assert configured_url(None) is None
    assert configured_url("  ") is None
    assert configured_url(" postgresql://a@h/db ") == "postgresql://a@h/db"
    monkeypatch.setenv(ENVIRONMENT_KEY, "postgresql://env@h/db")
    assert configured_url("postgresql://secret@h/db") == "postgresql://env@h/db"
    monkeypatch.setenv(ENVIRONMENT_KEY, " ")
    assert configured_url("postgresql://secret@h/db") == "postgresql://secret@h/db"
    assert isinstance(store_from_url(None), LocalStore)
    assert isinstance(store_from_url(""), LocalStore)


@pytest.mark.parametrize("url", ["mysql://u:hunter2@h/db", "sqlite:///tmp/x.db", "data/workspaces"])
def test_an_unknown_store_url_is_refused_with_what_was_seen(url):
    with pytest.raises(StoreConfigError) as raised:
        store_from_url(url)
    message = str(raised.value)
    assert "postgresql://" in message and ENVIRONMENT_KEY in message
    assert "hunter2" not in message


def test_messages_name_the_database_never_the_password():
    described = describe_url("postgresql://alice:hunter2@db.example.com:6543/workshops?sslmode=require")
    assert described == "PostgreSQL at db.example.com:6543/workshops"


def test_a_missing_postgresql_fails_under_ci_and_skips_elsewhere(monkeypatch):
    monkeypatch.setattr(postgres_server, "postgres_bindir", lambda: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="failure under CI=true"):
        postgres_server.require_postgres()
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception):
        postgres_server.require_postgres()
