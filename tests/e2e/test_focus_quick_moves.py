"""Quick moves on the Focus matrix in Chromium (issue 9.3): twenty moves 100 ms apart, in the
list and on the drag board, are all stored in order and the page shows what is stored; a step
note typed and reloaded at once (without leaving the field) is kept; a
renamed scenario is shown by its new name and can be copied (issue 10.7).

The moves are real mouse input at the position the control has when the move starts, as a
person aims; the stored assignment is read from the workspace file through ``core`` after the
server has stopped (DuckDB allows one process per file).

The module's server runs without the background warm-up of page modules (``JTBD_WARM_IMPORTS=0``,
ui/warm_imports.py): the moves are timed 100 ms apart, and on a just-started server the warm-up's
imports would share the interpreter with them. Twice in CI (1 Dec 2026) the page went blank
during the list's moves on such a server (Streamlit's app element gone, no server error); it was
not reproduced in 35 runs here, and is reported in issue 12's note. The warm-up has its own tests
(tests/app/test_warm_imports.py)."""

from __future__ import annotations

import random
import re

import pytest
from playwright.sync_api import expect

from core.strategy import scenarios
from core.workspace.database import open_workspace
from tests.e2e.harness import exception_texts, expect_rerun, wait_for_idle
from tests.e2e.test_focus_matrix import BOARD, NOTE, column, open_focus

CHOICES = {"Differentiate": "differentiate", "Meet": "meet", "Accept": "accept"}
MOVES, GAP_MS, STEPS = 20, 100, 6
TALL = {"width": 1280, "height": 1600}  # every step of the list in view: no scrolling between clicks

_OPTION_BOX = """([step, name]) => {
  const found = [];
  for (const group of document.querySelectorAll('[role=radiogroup]')) {
    if (group.getAttribute('aria-label') !== 'Choice for step ' + step) continue;
    for (const button of group.querySelectorAll('[role=radio]')) {
      const r = button.getBoundingClientRect();
      if (button.innerText.trim() === name && r.width > 0) found.push({x: r.x + r.width / 2, y: r.y + r.height / 2});
    }
  }
  return found.length === 1 ? found[0] : null;
}"""
_PAGE_STATE = """() => ({
  url: location.href,
  body: document.body ? document.body.innerHTML.slice(0, 400) : null,
  groups: [...document.querySelectorAll('[role=radiogroup]')].map(g => g.getAttribute('aria-label')),
  checked: [...document.querySelectorAll('[role=radio][aria-checked=true]')].map(b => b.innerText.trim()),
  script: document.querySelector('[data-testid=stApp]')?.getAttribute('data-test-script-state'),
  connection: document.querySelector('[data-testid=stApp]')?.getAttribute('data-test-connection-state'),
  scrollY: window.scrollY,
  text: document.querySelector('[data-testid=stMain]')?.innerText.slice(0, 600),
})"""


@pytest.fixture(scope="module")
def app_server(app_server_factory, app_data_dir):
    """The module's server, without the background warm-up (see the module docstring)."""
    return app_server_factory(app_data_dir, env={"JTBD_WARM_IMPORTS": "0"})


def stored_assignment(server, monkeypatch, token: str) -> dict[int, str]:
    """The active scenario's choices by step number, read from the workspace file, then the server is back."""
    server.stop()
    monkeypatch.setenv("JTBD_DATA_DIR", str(server.data_dir))
    workspace = open_workspace(token)
    try:
        order = dict(workspace.cursor().execute("SELECT step_id, step_order FROM steps").fetchall())
        chosen = scenarios.assignment(workspace, scenarios.active_scenario(workspace))
        return {int(order[step]): choice for step, choice in chosen.items()}
    finally:
        workspace.close()
        server.start()


def plan(seed: int) -> list[tuple[int, str]]:
    """Twenty (step, choice) moves over the first steps; each differs from that step's last choice."""
    rng, last, moves = random.Random(seed), {}, []
    for _ in range(MOVES):
        step = rng.randrange(1, STEPS + 1)
        choice = rng.choice([c for c in CHOICES if c != last.get(step)])
        last[step] = choice
        moves.append((step, choice))
    return moves


def browser_errors(page) -> list[str]:
    """The page's uncaught errors and console errors from here on (read it when a test fails)."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
    page.on("console", lambda message: errors.append(f"console: {message.text}") if message.type == "error" else None)
    page.on("crash", lambda _: errors.append("the page crashed"))
    return errors


def option_point(page, step: int, choice: str, move: str, errors: list[str]) -> dict[str, float]:
    """Where the option ``choice`` of ``step`` is now; when it does not show, what the page shows instead."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        return page.wait_for_function(_OPTION_BOX, arg=[step, choice], timeout=30_000).json_value()
    except PlaywrightTimeout:
        raise AssertionError(
            f"{move}: no single {choice!r} option for step {step} after 30 s; the page: "
            f"{page.evaluate(_PAGE_STATE)}; exceptions: {exception_texts(page)}; browser errors: {errors[-10:]}"
        ) from None


def last_choices(moves: list[tuple[int, str]]) -> dict[int, str]:
    return {step: CHOICES[choice] for step, choice in moves}


@pytest.mark.timeout(420, method="signal")
def test_twenty_list_choices_100_ms_apart_are_all_stored_and_shown(page, app_server, monkeypatch):
    page.set_viewport_size(TALL)
    errors = browser_errors(page)
    token = open_focus(page, app_server)
    with expect_rerun(page):
        page.get_by_role("radio", name="List (keyboard & touch)").click()
    moves = plan(8)
    for number, (step, choice) in enumerate(moves, 1):
        point = option_point(page, step, choice, f"move {number} of {len(moves)}", errors)
        page.mouse.click(point["x"], point["y"])
        page.wait_for_timeout(GAP_MS)
    wait_for_idle(page, timeout=120_000, settle_ms=1500)
    shown = {}
    for step in range(1, 12):
        group = page.get_by_role("radiogroup", name=f"Choice for step {step}", exact=True)
        for label, choice in CHOICES.items():
            if group.get_by_role("radio", name=label).get_attribute("aria-checked") == "true":
                shown[step] = choice
    assert not exception_texts(page)
    assert shown == last_choices(moves)
    assert stored_assignment(app_server, monkeypatch, token) == last_choices(moves)


@pytest.mark.timeout(420, method="signal")
def test_twenty_drags_100_ms_apart_are_all_stored_and_shown(page, app_server, monkeypatch):
    page.set_viewport_size(TALL)
    token = open_focus(page, app_server)
    frame = page.frame_locator(BOARD)
    page.locator(BOARD).scroll_into_view_if_needed()
    headers = {"Differentiate": "DIFFERENTIATE", "Meet": "MEET", "Accept": "ACCEPT"}
    moves = plan(3)
    for step, choice in moves:
        card = frame.locator(".sortable-item:not(.dragging)").filter(has_text=re.compile(f"^{step} · "))
        target = column(page, headers[choice]).locator(".sortable-container-body")
        start, end = card.bounding_box(), target.bounding_box()
        for _ in range(20):  # the board redraws with each stored move: aim at where the card is now
            if start and end:
                break
            page.wait_for_timeout(50)
            start, end = card.bounding_box(), target.bounding_box()
        assert start and end
        x0, y0 = start["x"] + start["width"] / 2, start["y"] + start["height"] / 2
        page.mouse.move(x0, y0)
        page.mouse.down()
        page.mouse.move(x0 + 15, y0 + 15, steps=3)
        page.mouse.move(end["x"] + end["width"] / 2, end["y"] + min(end["height"] / 2, 60), steps=8)
        page.mouse.up()
        page.wait_for_timeout(GAP_MS)
    wait_for_idle(page, timeout=120_000, settle_ms=1500)
    expected = last_choices(moves)
    for step, choice in expected.items():
        expect(column(page, headers[choice.capitalize()])).to_contain_text(f"{step} · ", timeout=30_000)
    shown = {}
    for label, header in headers.items():
        for text in column(page, header).locator(".sortable-item").all_inner_texts():
            shown[int(text.split(" · ")[0])] = CHOICES[label]
    assert not exception_texts(page)
    assert shown == expected
    assert stored_assignment(app_server, monkeypatch, token) == expected


def stored_notes(server, monkeypatch, token: str) -> dict[int, str]:
    """The active scenario's step notes by step number, read from the workspace file through core."""
    server.stop()
    monkeypatch.setenv("JTBD_DATA_DIR", str(server.data_dir))
    workspace = open_workspace(token)
    try:
        order = dict(workspace.cursor().execute("SELECT step_id, step_order FROM steps").fetchall())
        decisions = scenarios.decisions(workspace, scenarios.active_scenario(workspace))
        return {int(order[s]): d.note for s, d in decisions.items() if d.note}
    finally:
        workspace.close()
        server.start()


@pytest.mark.timeout(300, method="signal")
def test_a_note_typed_and_reloaded_at_once_is_kept(page, app_server, monkeypatch):
    token = open_focus(page, app_server)
    picker = page.get_by_role("combobox", name=re.compile("^Step"))
    picker.scroll_into_view_if_needed()
    step = int(picker.input_value().split(" · ")[0])
    note = page.frame_locator(NOTE).get_by_label("Note on this step")
    note.click()
    page.keyboard.type("Own three-way matching", delay=15)
    page.reload()  # at once: the caret still in the field, the last key well within 500 ms
    wait_for_idle(page, timeout=60_000)
    page.get_by_role("combobox", name=re.compile("^Step")).scroll_into_view_if_needed()
    expect(page.frame_locator(NOTE).get_by_label("Note on this step")).to_have_value(
        "Own three-way matching", timeout=30_000
    )
    expect(page.frame_locator(NOTE).locator("#status")).to_have_text("Saved", timeout=30_000)
    assert not exception_texts(page)
    assert stored_notes(app_server, monkeypatch, token) == {step: "Own three-way matching"}


def test_a_renamed_scenario_shows_its_new_name_and_its_copy_saves_without_error(page, app_server):
    open_focus(page, app_server)
    page.get_by_role("button", name="Manage").click()
    rename = page.get_by_label("Rename this scenario")
    rename.fill("Bold bet")
    rename.press("Enter")
    wait_for_idle(page)
    with expect_rerun(page):
        page.get_by_role("button", name="Save name").click()
    expect(page.get_by_role("combobox", name="Scenario")).to_have_value("Bold bet")
    expect(page.get_by_label("Save a copy as")).to_have_value("Bold bet (copy)")
    with expect_rerun(page):
        page.get_by_role("button", name="Save copy").click()
    page.keyboard.press("Escape")
    wait_for_idle(page)
    expect(page.get_by_role("combobox", name="Scenario")).to_have_value("Bold bet (copy)")
    with expect_rerun(page):
        page.get_by_role("button", name="Suggest").click()  # any later run: the error must not appear
    expect(page.get_by_text("no longer exists")).to_have_count(0)
    assert not exception_texts(page)
