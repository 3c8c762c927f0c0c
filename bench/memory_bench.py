"""Server memory over many sessions (issue 9.6): does the server give memory back?

Starts ``streamlit run app.py`` on a free 127.0.0.1 port (fresh data directory), then drives
Debian's Chromium through Playwright: one warm-up session (imports, the sample build), then
50 sessions, each opened, taken through pages and closed. The warm-up session visits every
routed page (ui.router.SECTIONS, the hidden Next steps too, by its address); each later session
visits ``--per-session`` of them (default 4), a different slice each time, so that over the run
every page is visited by many sessions (with 50 sessions and 16 pages: each about 13 times) while
the run time stays about what 3 pages per session cost (``--per-session 0``: every page, every
session, about 4× longer). Every other session works in its own workspace (a copy of the sample reached by its
``?ws=`` link, the worst case: one DuckDB database and one set of cache entries per workshop);
the rest are first visits on the shared sample. Ten sessions are held open at once in the
middle. Reports the server's resident memory (VmRSS of the server process):

    start       right after the server answered its health check
    warm        after the warm-up session closed (modules imported, sample built): the baseline
    10 open     with 10 sessions open
    after 50    after 50 sessions were opened and closed, once the server released them

Goals: ``after 50`` within 20 % of ``warm``; ``10 open`` under ~690 MB (Community Cloud's floor).

Disconnected sessions are kept for ``server.disconnectedSessionTTL`` seconds (default 120) so a
dropped laptop can reconnect; the benchmark sets it to 5 s so it need not wait two minutes per
batch (``--ttl`` changes it) and then waits for the server to drop them.

    .venv/bin/python -m bench.memory_bench [--sessions 50] [--open 10] [--ttl 5] [--per-session 4]
"""

from __future__ import annotations

import argparse
import gc
import shutil
import tempfile
import time
from pathlib import Path

from core.intake.isolation import resident_mib
from tests.e2e.harness import CHROMIUM_ARGS, VIEWPORT, StreamlitServer, open_app, wait_for_idle
from ui.router import SECTIONS

REPO = Path(__file__).resolve().parent.parent

PAGES = [title for titles in SECTIONS.values() for title in titles]  # every routed page, in menu order


def pages_for(index: int, per_session: int) -> list[str]:
    """Session ``index``'s slice of :data:`PAGES` (every page when ``per_session`` is 0 or covers them all)."""
    if per_session <= 0 or per_session >= len(PAGES):
        return list(PAGES)
    return [PAGES[(index * per_session + j) % len(PAGES)] for j in range(per_session)]


def url_path(title: str) -> str:
    """The address of a page (its file name): "Next steps" → next_steps."""
    return title.lower().replace(" ", "_").replace("-", "_")


def rss_mib(pid: int) -> float:
    """Resident memory of process ``pid`` in MiB (VmRSS, as the reading child's watch reads it)."""
    resident = resident_mib(pid)
    if not resident:
        raise RuntimeError(f"no VmRSS for process {pid}")
    return resident


def settled_rss(pid: int, seconds: float) -> float:
    """RSS after ``seconds`` of quiet (the server drops disconnected sessions in the meantime)."""
    time.sleep(seconds)
    return rss_mib(pid)


def workspace_file(server: StreamlitServer) -> Path:
    """A workspace holding the sample: the built sample itself (the warm-up session built it)."""
    built = sorted((server.data_dir / ".samples").glob("*.duckdb")) or sorted(server.data_dir.glob("*.duckdb"))
    if not built:  # (the second: an older version of the app, which made a workspace on every first visit)
        raise SystemExit(f"the warm-up session did not build the sample; server log:\n{server.logs()}")
    return built[0]


class Sessions:
    """Browser sessions against the server; each in its own browser context."""

    def __init__(self, browser, server: StreamlitServer, per_session: int):
        self.browser = browser
        self.server = server
        self.per_session = per_session
        self.count = 0
        self.visits = dict.fromkeys(PAGES, 0)

    def open(self, token: str | None, every_page: bool = False):
        context = self.browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        query = f"?ws={token}" if token else ""
        open_app(page, f"{self.server.url}/{query}", timeout=120_000)
        nav = page.locator('[data-testid="stSidebarNav"]')
        for name in pages_for(self.count, 0 if every_page else self.per_session):
            link = nav.get_by_role("link", name=name, exact=True)
            if link.count():
                link.click()
                wait_for_idle(page, 120_000, settle_ms=300)
            else:  # a hidden page (not in the menu): reached by its address, as a presenter does
                open_app(page, f"{self.server.url}/{url_path(name)}{query}", timeout=120_000)
            self.visits[name] += 1
        self.count += 1
        return context

    @staticmethod
    def close(context) -> None:
        context.close()


def new_workspace(data_dir: Path, source: Path, index: int) -> str:
    token = f"benchmarkworkspace{index:04d}"
    shutil.copyfile(source, data_dir / f"{token}.duckdb")
    return token


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--open", type=int, default=10, help="sessions held open at once")
    parser.add_argument("--ttl", type=int, default=5, help="server.disconnectedSessionTTL, seconds")
    parser.add_argument("--per-session", type=int, default=4, help="pages each session visits (0: every page)")
    parser.add_argument("--app-dir", type=Path, default=REPO, help="the checkout to serve (e.g. an older version)")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    data_dir = Path(tempfile.mkdtemp(prefix="jtbd-memory-bench-"))
    server = StreamlitServer(data_dir, cwd=args.app_dir, extra_args=[f"--server.disconnectedSessionTTL={args.ttl}"])
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True)
    quiet = args.ttl + 10
    try:
        server.start()
        pid = server.pid
        start = settled_rss(pid, 2)
        sessions = Sessions(browser, server, args.per_session)
        t0 = time.perf_counter()
        Sessions.close(sessions.open(None, every_page=True))
        warm = settled_rss(pid, quiet)
        source = workspace_file(server)

        def token_for(index: int) -> str | None:
            return new_workspace(data_dir, source, index) if index % 2 else None

        held = [sessions.open(token_for(i)) for i in range(args.open)]
        with_open = rss_mib(pid)
        for context in held:
            Sessions.close(context)
        for index in range(args.open, args.sessions):
            Sessions.close(sessions.open(token_for(index)))
        after = settled_rss(pid, quiet)
        elapsed = time.perf_counter() - t0
    finally:
        browser.close()
        playwright.stop()
        server.stop()
        gc.collect()
        shutil.rmtree(data_dir, ignore_errors=True)

    workspaces = (args.sessions + 1) // 2
    print(f"server RSS over {sessions.count} sessions ({workspaces} own workspaces, the rest first visits)")
    print(f"  start (server up)            {start:7.0f} MiB")
    print(f"  warm (after 1 session)       {warm:7.0f} MiB   baseline")
    print(f"  {args.open} sessions open            {with_open:7.0f} MiB   goal < 690 MB (658 MiB)")
    ratio = after / warm
    print(f"  after {args.sessions} opened and closed  {after:7.0f} MiB   ratio {ratio:.2f}× warm (goal ≤ 1.20×)")
    print(f"  ({elapsed:.0f} s)")
    fewest = min(sessions.visits, key=sessions.visits.__getitem__)
    visits = sum(sessions.visits.values())
    print(f"  {len(PAGES)} pages visited {visits} times (fewest: {fewest}, {sessions.visits[fewest]} times)")


if __name__ == "__main__":
    main()
