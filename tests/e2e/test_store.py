"""Workspaces kept in PostgreSQL (issue 17, item 3) with real `streamlit run` processes, Chromium and a
real PostgreSQL (tests/postgres_server.py): wipe the server's disk and restart, every workspace is
back; two app processes on one store see each other's changes, also when the second serves the
workspace only through a view link."""

from __future__ import annotations

import re
import shutil
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from core.strategy import capabilities, scenarios
from core.workspace.link_index import StoreLinkIndex
from core.workspace.links import Role, link, set_link_index
from core.workspace.store import store_from_url
from core.workspace.store_sync import open_stored_workspace, stored_workspace_exists
from tests.e2e.harness import exception_texts, expect_rerun, open_app, sample_workspace

pytestmark = pytest.mark.timeout(420, method="signal")


def capability_count(page) -> int:
    box = page.locator('[data-testid="stMetric"]').filter(has_text="Capabilities").first
    expect(box).to_be_visible()
    return int(box.locator('[data-testid="stMetricValue"]').inner_text())


def add_capability(page, name: str) -> None:
    field = page.get_by_label("New capability")
    field.fill(name)
    with expect_rerun(page):
        field.press("Enter")


def token_in(page) -> str:
    page.wait_for_url(re.compile(r"[?&]ws="))
    return parse_qs(urlparse(page.url).query)["ws"][0]


def test_wipe_the_disk_and_restart_every_workspace_is_back(page, postgres_server, app_server_factory, monkeypatch):
    url = postgres_server.create_database()
    server = app_server_factory(env={"JTBD_STORE_URL": url})
    open_app(page, server.url)  # the first visit builds the shared sample

    # one workspace written from outside the app (a scenario and a framework entry) …
    seeded = sample_workspace(server)
    monkeypatch.setenv("JTBD_DATA_DIR", str(server.data_dir))
    store = store_from_url(url)
    workspace = open_stored_workspace(seeded, store)
    plan = scenarios.create_scenario(workspace, "Bold bet")
    scenarios.set_active(workspace, plan)
    capabilities.add_capability(workspace, "Seeded capability", strength=2)
    workspace.close()
    store.close()

    # … and one created in the browser: the first change of a first visit
    open_app(page, f"{server.url}/capabilities")
    add_capability(page, "Made in the browser")
    made = token_in(page)
    assert capability_count(page) == 1

    server.stop()
    shutil.rmtree(server.data_dir)  # a hosted restart: the disk is gone
    server.data_dir.mkdir()
    server.start()

    open_app(page, f"{server.url}/capabilities?ws={made}")
    assert capability_count(page) == 1
    open_app(page, f"{server.url}/capabilities?ws={seeded}")
    assert capability_count(page) == 1
    open_app(page, f"{server.url}/focus_matrix?ws={seeded}")
    expect(page.get_by_role("combobox", name="Scenario")).to_match_aria_snapshot('- combobox "Scenario": Bold bet')
    assert {p.name for p in server.data_dir.glob("*.duckdb")} == {f"{made}.duckdb", f"{seeded}.duckdb"}
    assert exception_texts(page) == []


def test_two_app_processes_on_one_store_see_each_others_changes(page, second_page, postgres_server, app_server_factory):
    url = postgres_server.create_database()
    first = app_server_factory(env={"JTBD_STORE_URL": url})
    second = app_server_factory(env={"JTBD_STORE_URL": url})
    assert first.data_dir != second.data_dir

    open_app(page, f"{first.url}/capabilities")
    add_capability(page, "From the first server")
    token = token_in(page)
    assert capability_count(page) == 1

    open_app(second_page, f"{second.url}/capabilities?ws={token}")
    assert capability_count(second_page) == 1  # rebuilt from the store by the second process
    add_capability(second_page, "From the second server")
    assert capability_count(second_page) == 2

    open_app(page, f"{first.url}/capabilities?ws={token}")
    assert capability_count(page) == 2  # pulled at the start of the run
    assert exception_texts(page) == [] and exception_texts(second_page) == []


def test_a_process_serving_only_a_view_link_shows_the_facilitators_changes(
    page, second_page, postgres_server, app_server_factory
):
    url = postgres_server.create_database()
    facilitator = app_server_factory(env={"JTBD_STORE_URL": url})
    viewers = app_server_factory(env={"JTBD_STORE_URL": url})  # an executive's laptop lands here

    open_app(page, f"{facilitator.url}/capabilities")
    add_capability(page, "Before the executive looked")
    token = token_in(page)
    store = store_from_url(url)
    set_link_index(StoreLinkIndex(store), lambda workspace_id: stored_workspace_exists(workspace_id, store))
    view = link(token, Role.VIEW)  # as the Share menu issues it, kept in the store
    store.close()

    open_app(second_page, f"{viewers.url}/capabilities?ws={view}")
    assert capability_count(second_page) == 1  # the viewers' process built its copy from the store
    add_capability(page, "While the executive watches")
    assert capability_count(page) == 2

    open_app(second_page, f"{viewers.url}/capabilities?ws={view}")  # the executive reloads
    assert capability_count(second_page) == 2  # pulled at the start of the run, not the old copy
    expect(second_page.get_by_text("View-only link", exact=False).first).to_be_visible()  # still a view
    assert exception_texts(page) == [] and exception_texts(second_page) == []
