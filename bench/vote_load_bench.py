"""Vote load benchmark (issue 17.5): 30 participants voting at once, then the facilitator's page.

On loopback: ``streamlit run app.py`` (tests/e2e/harness.py's StreamlitServer, its own data dir
holding one workspace with the sample survey) and one headless Debian Chromium (never downloaded)
driven by Playwright's async API. Each participant is a browser context at a phone's size (390 ×
844) that opens the vote link and votes on ``--steps`` job steps, waiting for each vote's rerun.

1. **Baseline**: one participant alone (same steps), timed.
2. **Load**: ``--participants`` (30) participants at once (``asyncio.gather``), timed: wall time
   and the median / slowest participant; the ratio against the baseline participant is printed.
3. **Facilitator**: the Focus matrix, opened before the load, shows the Room votes panel, which
   refreshes itself every 3 s; the time from the last vote to the panel showing every
   participant is measured (goal: within 3 s + one refresh, printed against the goal).
4. **No vote lost**: the server is stopped and the votes are counted in the workspace file:
   every participant × step must be there.
5. **Memory**: the server's resident memory (VmRSS) before the load and after it.

Bounded: at most 60 participants, every wait has a timeout, the whole run stops after
``--deadline`` seconds (default 300), and the server and the browser are always stopped.
Not a timed test: it prints figures.

    python -m bench.vote_load_bench [--participants 30] [--steps 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench.memory_bench import rss_mib
from core.intake.loading import load_sample
from core.intake.survey_queries import steps_table
from core.workspace.database import create_workspace, open_workspace
from core.workspace.links import Role, link
from tests.e2e.harness import CHROMIUM_ARGS, VIEWPORT, StreamlitServer, require_chromium

PHONE = {"width": 390, "height": 844}
MAX_PARTICIPANTS = 60
PANEL_GOAL_S = 3.0
CHOICES = ("Differentiate", "Meet", "Accept")


def _workspace(data_dir: Path) -> tuple[str, list[str]]:
    """A new workspace holding the sample survey: its token and its step names in page order."""
    os.environ["JTBD_DATA_DIR"] = str(data_dir)
    workspace = create_workspace()
    load_sample(workspace)
    names = [str(name) for name in steps_table(workspace)["name"]]
    workspace.close()
    assert workspace.token is not None
    return workspace.token, names


def _cpu_s(pid: int) -> float:
    """CPU seconds (user + system) process ``pid`` has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _participant(browser, url: str, names: list[str], number: int, timeout_ms: int) -> float:
    """One participant: open the vote link, vote on ``steps`` steps; returns the seconds it took."""
    context = await browser.new_context(viewport=PHONE)
    context.set_default_timeout(timeout_ms)
    try:
        page = await context.new_page()
        started = time.perf_counter()
        await page.goto(url, wait_until="domcontentloaded")
        await page.get_by_role("heading", name="Your vote").wait_for()
        for step, name in enumerate(names):
            label = CHOICES[(number + step) % 3]
            control = page.locator('[class*="st-key-vote_step_"]').nth(step)
            await control.get_by_role("radio", name=label, exact=True).click()
            # This vote's own confirmation (the callback wrote it), not an earlier vote's toast.
            # (literal() puts a word joiner after the colon, so the two parts are matched apart.)
            toast = page.locator('[data-testid="stToast"]').filter(has_text=name).filter(has_text=label)
            await toast.first.wait_for()
        return time.perf_counter() - started
    finally:
        await context.close()


async def _run(args: argparse.Namespace, server: StreamlitServer, token: str, names: list[str]) -> dict[str, object]:
    from playwright.async_api import async_playwright

    vote = link(token, Role.VOTE)
    vote_url = f"{server.url}/?ws={vote}"
    figures: dict[str, object] = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=require_chromium(), headless=True, args=CHROMIUM_ARGS
        )
        try:
            facilitator = await (await browser.new_context(viewport=VIEWPORT)).new_page()
            facilitator.set_default_timeout(args.timeout * 1000)
            await facilitator.goto(f"{server.url}/focus_matrix?ws={token}", wait_until="domcontentloaded")
            await facilitator.get_by_text("No votes yet", exact=False).wait_for()
            figures["baseline_s"] = await _participant(browser, vote_url, names, 0, args.timeout * 1000)
            await facilitator.get_by_text("1 participant(s)", exact=False).wait_for()
            figures["rss_before_mib"] = rss_mib(server.pid or 0)
            cpu_before = _cpu_s(server.pid or 0)
            started = time.perf_counter()
            times = await asyncio.gather(
                *(_participant(browser, vote_url, names, n + 1, args.timeout * 1000) for n in range(args.participants))
            )
            last_vote = time.perf_counter()
            figures["wall_s"] = last_vote - started
            figures["server_cpu_s"] = _cpu_s(server.pid or 0) - cpu_before
            figures["times"] = times
            figures["rss_after_mib"] = rss_mib(server.pid or 0)
            expected = f"{args.participants + 1} participant(s)"
            await facilitator.get_by_text(expected, exact=False).wait_for(timeout=30_000)
            figures["panel_s"] = time.perf_counter() - last_vote
        finally:
            await browser.close()
    return figures


def _stored_votes(token: str) -> int:
    workspace = open_workspace(token)
    try:
        return int(workspace.cursor().execute("SELECT count(*) FROM votes").fetchone()[0])  # type: ignore[index]
    finally:
        workspace.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--timeout", type=int, default=90, help="seconds for any one wait")
    parser.add_argument("--deadline", type=int, default=300, help="seconds for the whole load")
    args = parser.parse_args()
    args.participants = max(1, min(args.participants, MAX_PARTICIPANTS))
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="vote-load-") as folder:
        data_dir = Path(folder) / "data"
        token, names = _workspace(data_dir)
        names = names[: args.steps]
        (Path(folder) / "logs").mkdir()
        server = StreamlitServer(data_dir, log_dir=Path(folder) / "logs")
        server.start()
        try:
            figures = asyncio.run(asyncio.wait_for(_run(args, server, token, names), args.deadline))
        finally:
            server.stop()
        stored = _stored_votes(token)
    expected = (args.participants + 1) * len(names)
    times: list[float] = figures["times"]  # type: ignore[assignment]
    baseline = float(figures["baseline_s"])  # type: ignore[arg-type]
    median = statistics.median(times)
    print(f"participants: {args.participants} at once (+1 alone first), {len(names)} votes each")
    print(f"one participant alone (baseline): {baseline:.2f} s")
    print(f"{args.participants} at once: wall {float(figures['wall_s']):.2f} s")  # type: ignore[arg-type]
    print(
        f"  per participant: median {median:.2f} s (x{median / baseline:.1f} the baseline), "
        f"slowest {max(times):.2f} s (x{max(times) / baseline:.1f})"
    )
    cpu = float(figures["server_cpu_s"])  # type: ignore[arg-type]
    print(
        f"  the server process used {cpu:.1f} s of CPU in that wall time ({cpu / float(figures['wall_s']):.0%} of "  # type: ignore[arg-type]
        "one core): the rest is the participants' browsers, which share this machine's cores"
    )
    panel = float(figures["panel_s"])  # type: ignore[arg-type]
    goal = PANEL_GOAL_S
    print(
        f"facilitator's panel showed all {args.participants + 1} participants {panel:.2f} s after the last vote "
        f"(goal <= {goal:.0f} s: {'met' if panel <= goal else 'MISSED'}; the panel refreshes every 3 s)"
    )
    verdict = "none lost" if stored == expected else "LOST VOTES"
    print(f"votes in the workspace file: {stored} of {expected} ({verdict})")
    before, after = float(figures["rss_before_mib"]), float(figures["rss_after_mib"])  # type: ignore[arg-type]
    print(f"server RSS: {before:.0f} MiB before the load, {after:.0f} MiB after (x{after / before:.2f})")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
