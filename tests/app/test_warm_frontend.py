"""The warm-up script of ui/warm_frontend.py: every element module it names exists in the installed
Streamlit (an upgrade that renames one fails here rather than silently ending the warm-up), and
the real app sends the script once per session (a script alone takes no room on the page).
What the browser does with it: tests/e2e/test_warm_frontend.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.app.app_helpers import new_app, switch_to
from ui.warm_frontend import ELEMENTS, chunk_names, script


def test_every_element_module_is_found_in_the_installed_streamlit() -> None:
    names = chunk_names()
    assert [name.split(".", 1)[0] for name in names] == list(ELEMENTS)
    assert all(re.fullmatch(r"[A-Za-z]+\.[\w-]+\.js", name) for name in names)
    listed = re.search(r"const names = (\[.*?\]);", script())
    assert listed is not None and json.loads(listed.group(1)) == list(names)


def _warm_scripts(app: AppTest) -> int:
    return sum("__jtbdWarmFrontend" in str(element.proto) for element in app.get("html"))


def test_the_app_sends_the_script_once_per_session(data_dir: Path) -> None:
    app = new_app()
    app.run()  # a session's first run
    assert not app.exception
    assert _warm_scripts(app) == 1
    switch_to(app, "pages/opportunities.py")  # the same session's next run: the browser already runs it
    assert not app.exception
    assert _warm_scripts(app) == 0
