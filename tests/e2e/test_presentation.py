"""Presentation mode in Chromium (issue 15.3): the Focus matrix on one projector screen at
1280 × 720 and 1920 × 1080 with a real drag, slides moved with ← and →, the dark variant, and
print styles. Screenshots land in tests/artifacts/ (presentation-*.png)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import (
    exception_texts,
    expect_rerun,
    open_app,
    sample_workspace,
    screenshot,
    track_runs,
    wait_for_idle,
)
from tests.e2e.test_focus_matrix import BOARD, card, column, drag

CHART = '[data-testid="stVegaLiteChart"]'
SIZES = [(1280, 720), (1920, 1080)]


@pytest.fixture
def workspace_token(browser, app_server) -> str:
    """A workspace holding the sample (the first visit builds it)."""
    context = browser.new_context()
    page = context.new_page()
    track_runs(page)
    open_app(page, app_server.url)
    context.close()
    return sample_workspace(app_server)


def new_page(browser, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(30_000)
    page = context.new_page()
    track_runs(page)
    return page


def inside(page, selector: str, index: int = 0) -> dict:
    """The element's box, asserted to lie wholly inside the viewport."""
    box = page.locator(selector).nth(index).bounding_box()
    size = page.viewport_size
    assert box is not None and size is not None
    assert box["x"] >= 0 and box["y"] >= 0, (selector, box)
    assert box["x"] + box["width"] <= size["width"] + 0.5, (selector, box, size)
    assert box["y"] + box["height"] <= size["height"] + 0.5, (selector, box, size)
    return box


def clipped_texts(page, selector: str, index: int) -> list[str]:
    """The chart's texts drawn partly outside its SVG (cut off on screen: a title pushed out of
    the top by an axis title longer than the plot is high). A text's box includes the font's
    ascent, a few pixels above the letters, so up to 4 px outside is no cut."""
    return (
        page.locator(selector)
        .nth(index)
        .evaluate(
            """chart => {
            const svg = chart.querySelector('svg'); if (!svg) return [];
            const box = svg.getBoundingClientRect();
            return [...svg.querySelectorAll('text')].filter(t => {
                const r = t.getBoundingClientRect();
                const out = r.top < box.top - 4 || r.bottom > box.bottom + 4
                    || r.left < box.left - 4 || r.right > box.right + 4;
                return r.height > 0 && t.textContent.trim() && out;
            }).map(t => t.textContent);
        }"""
        )
    )


def overlap(a: dict | None, b: dict | None) -> bool:
    assert a is not None and b is not None
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def no_horizontal_scroll(page) -> None:
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth,"
        " document.querySelector('[data-testid=stMain]').scrollWidth]"
    )
    assert widths[0] <= widths[1] and widths[2] <= widths[1], widths


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_board_and_both_charts_share_one_screen_through_a_real_drag(
    browser, app_server, workspace_token, width, height
):
    page = new_page(browser, width, height)
    try:
        open_app(page, f"{app_server.url}/focus_matrix?ws={workspace_token}&present=1")
        expect(page.frame_locator(BOARD).locator(".sortable-item").first).to_be_visible(timeout=30_000)
        expect(page.locator(CHART)).to_have_count(2, timeout=30_000)
        page.wait_for_timeout(800)  # the charts' canvases settle
        expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
        expect(page.locator('[data-testid="stHeader"]')).to_be_hidden()
        expect(page.locator(".st-key-slide_bar")).to_contain_text("5 / 6")
        board = inside(page, BOARD)
        profile = inside(page, CHART, 0)
        inside(page, CHART, 1)
        for i in range(2):  # no title or label cut off (the advantage map's title once was)
            assert not clipped_texts(page, CHART, i), (i, clipped_texts(page, CHART, i))
        assert profile["x"] >= board["x"] + board["width"], "the charts are not beside the board"
        no_horizontal_scroll(page)
        before = page.locator(CHART).first.screenshot()
        screenshot(page, f"presentation-focus-{width}x{height}-start")

        with expect_rerun(page):
            drag(
                page,
                card(page, "6 · Resolve exceptions"),
                column(page, "DIFFERENTIATE").locator(".sortable-container-body"),
            )
        wait_for_idle(page)
        expect(column(page, "DIFFERENTIATE")).to_contain_text("6 · Resolve exceptions")
        # The conflict the move raised is shown (a toast and the box under the charts)…
        expect(page.locator(".st-key-focus_messages")).to_contain_text("ClearMatch already leads")
        toast = page.locator('[data-testid="stToast"]').filter(has_text="ClearMatch already leads")
        expect(toast).to_be_visible()
        for covered in (BOARD, CHART):
            for i in range(page.locator(covered).count()):
                assert not overlap(toast.bounding_box(), page.locator(covered).nth(i).bounding_box()), covered
        page.wait_for_timeout(800)
        # …and nothing moved: the board where it was, both charts still wholly on the screen.
        after_board = inside(page, BOARD)
        assert abs(after_board["y"] - board["y"]) < 1, (board, after_board)
        inside(page, CHART, 0)
        inside(page, CHART, 1)
        no_horizontal_scroll(page)
        assert page.locator(CHART).first.screenshot() != before, "the strategy profile did not change"
        screenshot(page, f"presentation-focus-{width}x{height}-after-drag")
        assert not exception_texts(page)
    finally:
        page.context.close()


STORY_SLIDES = ["job_map", "opportunities", "segments", "competitors", "next_steps"]


@pytest.fixture
def segmented_token(app_server, workspace_token, monkeypatch) -> str:
    """The sample workspace with one saved segmentation (for the Segments slide)."""
    from core.analysis.segmentation import run_segmentation
    from core.workspace.database import open_workspace

    monkeypatch.setenv("JTBD_DATA_DIR", str(app_server.data_dir))
    ws = open_workspace(workspace_token)
    try:
        run_segmentation(ws, name="Needs")
    finally:
        ws.close()
    return workspace_token


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_story_slide_fits_one_projector_screen(browser, app_server, segmented_token, width, height):
    """Each slide of the workshop's story shows its content whole, with no scrolling either way."""
    page = new_page(browser, width, height)
    try:
        for stem in STORY_SLIDES:
            open_app(page, f"{app_server.url}/{stem}?ws={segmented_token}&present=1")
            expect(page.locator(".st-key-slide_bar")).to_be_visible()
            page.wait_for_timeout(1200)  # charts and tables settle
            if stem in ("opportunities", "segments", "competitors"):
                expect(page.locator(CHART).first).to_be_visible(timeout=30_000)
            for i in range(page.locator(CHART).count()):
                inside(page, CHART, i)
                assert not clipped_texts(page, CHART, i), (stem, i, clipped_texts(page, CHART, i))
            for i in range(page.locator('[data-testid="stDataFrame"]').count()):
                inside(page, '[data-testid="stDataFrame"]', i)
            main = page.evaluate(
                "() => { const m = document.querySelector('[data-testid=stMain]');"
                " return [m.scrollHeight, m.clientHeight]; }"
            )
            assert main[0] <= main[1] + 2, (stem, main, "the slide scrolls")
            no_horizontal_scroll(page)
            assert not exception_texts(page), stem
            screenshot(page, f"presentation-slide-{stem}-{width}x{height}")
    finally:
        page.context.close()


def test_arrow_keys_move_between_slides_and_the_mode_is_kept(browser, app_server, workspace_token):
    page = new_page(browser, 1280, 720)
    try:
        open_app(page, f"{app_server.url}/job_map?ws={workspace_token}&present=1")
        bar = page.locator(".st-key-slide_bar")
        expect(bar).to_contain_text("1 / 6")
        expect(bar.get_by_role("button").first).to_be_disabled()  # no slide before the first
        page.wait_for_timeout(500)  # the key listener's frame has loaded
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        with expect_rerun(page):
            page.keyboard.press("ArrowRight")
        wait_for_idle(page)
        expect(page.get_by_role("heading", name="Opportunities")).to_be_visible()
        expect(bar).to_contain_text("2 / 6")
        query = parse_qs(urlparse(page.url).query)
        assert urlparse(page.url).path.endswith("/opportunities")
        assert query.get("present") == ["1"] and query.get("ws") == [workspace_token], page.url
        screenshot(page, "presentation-slide-2")

        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        with expect_rerun(page):
            page.keyboard.press("ArrowLeft")
        wait_for_idle(page)
        expect(bar).to_contain_text("1 / 6")
        assert urlparse(page.url).path.endswith("/job_map")

        open_app(page, f"{app_server.url}/focus_matrix?ws={workspace_token}&present=1")
        page.wait_for_timeout(500)
        # → on a focused card moves the card (the board's own keys), not the slide.
        card(page, "2 · Receive supplier invoices").focus()
        with expect_rerun(page):
            page.keyboard.press("ArrowRight")
        wait_for_idle(page)
        expect(column(page, "DIFFERENTIATE")).to_contain_text("2 · Receive supplier invoices")
        expect(bar).to_contain_text("5 / 6")
        assert urlparse(page.url).path.endswith("/focus_matrix")
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        with expect_rerun(page):
            bar.get_by_role("button").nth(1).click()  # the → button: the last slide
        wait_for_idle(page)
        expect(page.get_by_role("heading", name="Next steps")).to_be_visible()
        expect(bar).to_contain_text("6 / 6")
        expect(page.get_by_role("link", name=re.compile("^Capabilities"))).to_be_visible()
        screenshot(page, "presentation-next-steps")

        with expect_rerun(page):
            bar.get_by_role("button", name="Exit").click()
        wait_for_idle(page)
        expect(bar).to_have_count(0)
        expect(page.locator('[data-testid="stSidebar"]')).to_be_visible()
        assert "present" not in parse_qs(urlparse(page.url).query)
        assert not exception_texts(page)
    finally:
        page.context.close()


def _dark(rgb: str) -> bool:
    values = [int(v) for v in re.findall(r"\d+", rgb)[:3]]
    return max(values) < 40


def test_the_dark_variant_is_light_on_black_charts_included(browser, app_server, workspace_token):
    page = new_page(browser, 1280, 720)
    try:
        open_app(page, f"{app_server.url}/focus_matrix?ws={workspace_token}&present=1&dark=1")
        expect(page.locator(CHART)).to_have_count(2, timeout=30_000)
        page.wait_for_timeout(1000)
        background = page.evaluate(
            "() => getComputedStyle(document.querySelector('[data-testid=stMain]')).backgroundColor"
        )
        ink = page.evaluate("() => getComputedStyle(document.querySelector('h1')).color")
        assert _dark(background) and not _dark(ink), (background, ink)
        from io import BytesIO

        from PIL import Image

        shot = Image.open(BytesIO(page.locator(CHART).first.screenshot())).convert("L")
        corner = shot.getpixel((shot.width - 3, 3))
        assert isinstance(corner, int) and corner < 40, "the chart's background is not dark"
        screenshot(page, "presentation-dark-focus")
        assert not exception_texts(page)
    finally:
        page.context.close()


@pytest.mark.parametrize("present", [False, True], ids=["plain", "presenting"])
def test_printing_keeps_charts_and_drops_buttons_and_navigation(browser, app_server, workspace_token, present):
    page = new_page(browser, 1280, 720)
    try:
        flag = "&present=1" if present else ""
        open_app(page, f"{app_server.url}/focus_matrix?ws={workspace_token}{flag}")
        expect(page.locator(CHART).first).to_be_visible(timeout=30_000)
        expect(page.locator('[data-testid="stButton"]').first).to_be_attached()
        page.emulate_media(media="print")
        for hidden in ('[data-testid="stSidebar"]', '[data-testid="stHeader"]', ".st-key-slide_bar"):
            expect(page.locator(hidden)).to_be_hidden()
        buttons = page.locator('[data-testid="stButton"], [data-testid="stPopover"], [data-testid="stDownloadButton"]')
        for i in range(buttons.count()):
            expect(buttons.nth(i)).to_be_hidden()
        expect(page.locator(CHART).first).to_be_visible()
        screenshot(page, f"presentation-print-{'presenting' if present else 'plain'}", full_page=True)
        pdf = page.pdf(format="A4", landscape=True, print_background=True)
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    finally:
        page.context.close()
