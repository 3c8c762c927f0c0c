"""Scratch probe (to delete): timeline of a warm first visit to /opportunities."""
import tempfile, time
from pathlib import Path
from bench.browser_bench import browser, context, server
from bench.browser_probe import CHART, wait_shown, first_visit

with browser() as chromium, server(Path(tempfile.mkdtemp())) as app:
    with context(chromium) as ctx:
        first_visit(ctx, f"{app.url}/opportunities", "Opportunities", CHART)
    for r in range(2):
        with context(chromium) as ctx:
            page = ctx.new_page()
            marks = []
            t0 = time.perf_counter()
            def mark(what):
                marks.append((time.perf_counter() - t0, what))
            page.on("response", lambda resp: mark(f"resp {resp.url[-40:]}") if "_stcore" in resp.url or resp.url.endswith("/opportunities") else None)
            def on_ws(ws):
                mark("ws open")
                ws.on("framereceived", lambda f: mark(f"frame {len(f) if isinstance(f,(bytes,str)) else '?'}"))
                ws.on("framesent", lambda f: mark("sent"))
            page.on("websocket", on_ws)
            page.goto(f"{app.url}/opportunities", wait_until="commit")
            mark("commit")
            page.wait_for_load_state("domcontentloaded"); mark("dcl")
            wait_shown(page, "Opportunities", "title"); mark("title")
            wait_shown(page, "Opportunities", CHART); mark("chart")
            now = page.evaluate("performance.now()")
            res = page.evaluate("performance.getEntriesByType('resource').filter(e=>e.name.endsWith('.js')).map(e=>[e.name.split('/').pop().slice(0,40), Math.round(e.startTime), Math.round(e.responseEnd)])")
            print('now', round(now), [r for r in res if r[1] > 1270])
            frames = [m for m in marks if m[1].startswith("frame")]
            keep = marks
            print(f"run {r}: " + "; ".join(f"{t:.2f} {w}" for t, w in sorted(keep)) + f"; frames {len(frames)}")
