"""The Focus matrix's views are built in the background after another page's run (ui/prefetch.py),
so the Focus matrix's first visit computes none of them; without the prefetch it computes each."""

from __future__ import annotations

import threading
from collections import Counter

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

import core.views.focus
import ui.focus_view
import ui.focus_wins
from tests.app.app_helpers import Call, new_app, recorded_calls, switch_to, visit
from ui import prefetch, session

BUILDERS = (  # what the Focus matrix's run computes before its charts, where ui/view_cache.py finds it
    (core.views.focus, "focus_view"),
    (core.views.focus, "group_totals"),
    (ui.focus_wins, "wins_basis"),
    (ui.focus_view, "build_competitor_lines"),
)


def recorded_builders(monkeypatch: pytest.MonkeyPatch) -> list[Call]:
    """Record every call of :data:`BUILDERS` from now on (each still does its work)."""
    return recorded_calls(monkeypatch, BUILDERS)


def counts(calls: list[Call]) -> Counter:
    return Counter(call.name for call in calls)


def prefetches() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "prefetch-views"]


def finish_prefetches() -> None:
    for thread in prefetches():
        thread.join(60)


def competitors_then_focus(sample_token: str, monkeypatch: pytest.MonkeyPatch) -> tuple[AppTest, Counter]:
    at = visit(new_app(sample_token), "pages/competitors.py")
    finish_prefetches()
    calls = recorded_builders(monkeypatch)
    switch_to(at, "pages/focus_matrix.py")
    assert at.main.get("vega_lite_chart"), "the Focus matrix drew no chart"
    return at, counts(calls)


def test_after_another_page_the_focus_matrix_computes_nothing(sample_token, monkeypatch):
    monkeypatch.setenv("JTBD_PREFETCH", "1")
    at, calls = competitors_then_focus(sample_token, monkeypatch)
    assert sum(calls.values()) == 0, calls
    assert not prefetches()  # the Focus matrix's own run starts none
    at.switch_page("pages/competitors.py").run()  # a new revision if the first visit made the scenario
    finish_prefetches()
    at.run()
    assert not prefetches()  # nothing changed since: already prefetched at this revision


def test_without_the_prefetch_the_focus_matrix_computes_each_view(sample_token, monkeypatch):
    monkeypatch.setenv("JTBD_PREFETCH", "0")
    _, calls = competitors_then_focus(sample_token, monkeypatch)
    assert set(calls) == {name for _, name in BUILDERS}, calls


def test_a_failing_prefetch_is_logged_and_the_page_computes_and_shows(sample_token, monkeypatch, caplog):
    monkeypatch.setenv("JTBD_PREFETCH", "1")
    monkeypatch.setitem(prefetch.PREFETCHED, "focus_matrix", "ui.focus_live:no_such_function")
    at, calls = competitors_then_focus(sample_token, monkeypatch)
    assert "prefetching ui.focus_live:no_such_function failed" in caplog.text
    assert calls["focus_view"] == 1
    assert not at.exception


def test_the_prefetch_reads_through_a_handle_of_its_own(sample_token, monkeypatch, caplog):
    """Never the session's: Streamlit closes that one when the session ends, even mid-prefetch."""
    monkeypatch.setenv("JTBD_PREFETCH", "1")
    calls = recorded_builders(monkeypatch)
    at = visit(new_app(sample_token), "pages/competitors.py")
    finish_prefetches()
    views = [call for call in calls if call.name == "focus_view"]
    assert [call.thread for call in views] == ["prefetch-views"]
    handle = views[0].workspace
    assert handle.token == sample_token and handle.refuses_writes  # the same workshop, and it never writes
    with pytest.raises(duckdb.ConnectionException):
        handle.cursor()  # closed when the prefetch ended
    assert "prefetching" not in caplog.text
    switch_to(at, "pages/focus_matrix.py")
    assert counts(calls)["focus_view"] == 1  # the page's run found the view the prefetch built


def test_a_first_visits_prefetch_reads_the_shared_sample_and_draws_nothing(data_dir, monkeypatch):
    """On a first visit (the shared sample) the prefetch reads the sample's shared handle, never
    through ui.session's spinner: a spinner from the prefetch thread would be drawn into the
    visitor's page, and raised StopException there once the session had moved on."""
    monkeypatch.setenv("JTBD_PREFETCH", "1")
    spinners: list[str] = []
    real_spinner = session.st.spinner

    def spinner(*args, **kwargs):
        spinners.append(threading.current_thread().name)
        return real_spinner(*args, **kwargs)

    monkeypatch.setattr(session.st, "spinner", spinner)
    calls = recorded_builders(monkeypatch)
    at = visit(new_app(), "pages/competitors.py")
    finish_prefetches()
    views = [call for call in calls if call.name == "focus_view"]
    assert [call.thread for call in views] == ["prefetch-views"]
    assert views[0].workspace is session.shared_sample()  # the one shared, read-only handle
    assert "prefetch-views" not in spinners
    switch_to(at, "pages/focus_matrix.py")
    assert counts(calls)["focus_view"] == 1
    assert not at.exception
