"""The navigation groups every page of the router under a section (ui/router.py): fifteen pages in
one list would fold into "View N more" and hide the last ones (Export among them)."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

from ui import router


def test_every_page_is_in_exactly_one_section_in_the_router_s_order() -> None:
    # st.Page needs a running app; its titles are read from the router's source instead
    titles = re.findall(r'st\.Page\("pages/\w+\.py", title="([^"]+)"', Path(router.__file__).read_text())
    assert len(titles) >= 15
    listed = [SimpleNamespace(title=t) for t in titles]
    grouped = router.sections(listed)  # type: ignore[arg-type]
    assert "More" not in grouped, "a page no section names"
    flat = [page.title for pages in grouped.values() for page in pages]
    assert flat == [page.title for page in listed], "every page once, in the workflow's order"


def test_a_page_no_section_names_is_listed_under_more() -> None:
    pages = [SimpleNamespace(title="Data"), SimpleNamespace(title="New page"), SimpleNamespace(title="Export")]
    grouped = router.sections(pages)  # type: ignore[arg-type]
    assert [p.title for p in grouped["Understand"]] == ["Data"]
    assert [p.title for p in grouped["Reference"]] == ["Export"]
    assert [p.title for p in grouped["More"]] == ["New page"]
