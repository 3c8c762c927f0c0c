"""User text is data (issue 9, item 7): Markdown and HTML planted in every user-text field show
as literal text on every page, and the browser contacts no host but the app's."""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from core.workspace.database import open_workspace
from tests.e2e import hostile_text as hostile
from tests.e2e.harness import exception_texts, expect_rerun, open_app, screenshot, wait_for_idle
from ui.text import JOINER

TOKEN = secrets.token_urlsafe(24)
FORMATTED = "strong, em, del, code, a, h1 a, img"  # what Markdown would have made of the planted text


@pytest.fixture(scope="module")
def app_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory holding one workspace full of hostile text, reachable by ``TOKEN``."""
    directory = tmp_path_factory.mktemp("hostile-data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JTBD_DATA_DIR", str(directory))
        workspace = open_workspace(TOKEN, create=True)
        try:
            hostile.plant(workspace, tmp_path_factory.mktemp("hostile-file"))
            hostile.plant_frameworks(workspace)
        finally:
            workspace.close()
    return directory


def shown_text(page) -> str:
    """Everything the page shows as text (and in its inputs, e.g. a selectbox's value), without the
    invisible joiners ui.text.literal inserts."""
    values = page.eval_on_selector_all("input", "els => els.map(e => e.value)")
    return "\n".join([page.locator('[data-testid="stApp"]').inner_text(), *values]).replace(JOINER, "")


def formatted_markers(page) -> list[str]:
    """Planted texts that Markdown or HTML consumed: a marker inside a bold, italic, code or link
    element that lost its literal syntax (``**Zb3**`` shown as bold ``Zb3``), or an image or link
    made from the planted text. Bold *around* an escaped name (``**“**Zb3**”**``) is the page's own."""
    elements = page.eval_on_selector_all(
        FORMATTED,
        "els => els.map(e => [e.tagName, e.textContent || '', e.getAttribute('alt') || '',"
        " e.getAttribute('src') || '', e.getAttribute('href') || ''])",
    )
    consumed = []
    for tag, text, alt, src, href in elements:
        if tag in ("IMG", "A") and any(h in src + href + alt for h in (hostile.FOREIGN_HOST, "example.com", "Zm")):
            consumed.append(f"{tag} {src or href} {alt}")
        for marker in re.finditer(hostile.MARKER, text.replace(JOINER, "")):
            prefix = {"b": "**", "l": "[", "m": "![", "i": "_"}[marker.group(0)[1]]
            if not text.replace(JOINER, "")[: marker.start()].endswith(prefix):
                consumed.append(f"{tag} {text}")
    return consumed


def check(page, app_url: str, name: str, *expected: str) -> None:
    """No error, nothing planted rendered as Markdown/HTML, and each ``expected`` text shown as typed."""
    wait_for_idle(page)
    screenshot(page, f"user-text-{name}")
    assert not exception_texts(page), exception_texts(page)
    assert not formatted_markers(page), (name, formatted_markers(page))
    foreign = page.eval_on_selector_all(
        "img[src], a[href]", "els => els.map(e => e.getAttribute('src') || e.getAttribute('href'))"
    )
    app_host = urlparse(app_url).netloc
    outside = [u for u in foreign if urlparse(u).netloc not in ("", app_host) and not u.startswith(("data:", "blob:"))]
    assert not [u for u in outside if hostile.FOREIGN_HOST in u or "example.com" in u], (name, outside)
    wanted = (hostile.SURVEY_NAME, *expected)  # the sidebar names the survey on every page
    deadline = time.monotonic() + 15  # widgets below a data editor may still be drawing
    while (missing := [t for t in wanted if t not in shown_text(page)]) and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    assert not missing, (name, missing)


def goto(page, app_url: str, path: str) -> None:
    open_app(page, f"{app_url}/{path}?ws={TOKEN}")


@pytest.mark.timeout(300, method="signal")
def test_planted_markdown_and_html_show_as_typed_and_fetch_nothing(page, app_server):
    requests: list[str] = []
    page.context.on("request", lambda request: requests.append(request.url))
    url = app_server.url

    goto(page, url, "")  # the Data page is the default page
    check(page, url, "data", hostile.FILE_NAME)
    with expect_rerun(page):
        page.get_by_role("tab", name="Import report").click()
    check(page, url, "data-report", hostile.FILE_NAME, hostile.DUPLICATE_ID)

    goto(page, url, "job_map")
    check(page, url, "job-map", hostile.STEPS[0])  # the step picker (a selectbox: plain text, no backslashes)

    goto(page, url, "opportunities")
    check(page, url, "opportunities")

    goto(page, url, "segments")
    check(page, url, "segments", hostile.SEGMENTATION)
    assert any(name in shown_text(page) for name in hostile.SEGMENT_NAMES[:2])
    with expect_rerun(page):
        page.get_by_role("tab", name="Need clusters").click()
    check(page, url, "need-clusters")

    goto(page, url, "competitors")
    check(page, url, "competitors", hostile.COMPETITORS[0])

    goto(page, url, "focus_matrix")
    check(page, url, "focus", hostile.SCENARIO)
    with expect_rerun(page):
        page.get_by_text("List (keyboard & touch)").click()
    check(page, url, "focus-list", *hostile.STEPS)

    goto(page, url, "export")
    check(page, url, "export")

    app_host = urlparse(url).netloc
    elsewhere = [
        u for u in requests if urlparse(u).netloc not in ("", app_host) and not u.startswith(("data:", "blob:"))
    ]
    assert not elsewhere, elsewhere
    assert len(requests) > 20  # the recorder saw the app's own traffic


FOLLOW_THROUGH = {  # page path → planted texts it shows as text (tables draw theirs on a canvas, as typed)
    "capabilities": (hostile.CAPABILITY, hostile.SCENARIO),
    "trade_offs": (hostile.HAND_ROW,),
    "communication": (hostile.TOUCHPOINT,),
    "customers": (hostile.CUSTOMER, hostile.FACT, hostile.TAG),
    "metrics": (hostile.METRIC, hostile.METRIC_OWNER),
    "waves": (),
    "method": (),
    "next_steps": (hostile.SCENARIO,),
}


@pytest.mark.timeout(300, method="signal")
def test_planted_text_on_the_follow_through_pages_shows_as_typed_and_fetches_nothing(page, app_server):
    """The pages added after issue 9 hold user text of their own (capabilities, trade-off rows,
    touchpoints and messages, customers, metrics, wave labels): the same checks as above."""
    requests: list[str] = []
    page.context.on("request", lambda request: requests.append(request.url))
    url = app_server.url
    for path, expected in FOLLOW_THROUGH.items():
        goto(page, url, path)
        check(page, url, path, *expected)
    app_host = urlparse(url).netloc
    elsewhere = [
        u for u in requests if urlparse(u).netloc not in ("", app_host) and not u.startswith(("data:", "blob:"))
    ]
    assert not elsewhere, elsewhere
