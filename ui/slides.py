"""Presentation mode's plain logic (no Streamlit, so tests/unit can check it): which mode a run is
in, given the URL and the session, and the workshop's slide order.

Decisions:

- ``?present=1`` turns presentation mode on and ``?present=0`` off; without the parameter the
  session's last choice holds, so a page switch (Streamlit drops the query on navigation) keeps
  the mode, like ``?ws=``. ``?dark=1`` / ``?dark=0`` do the same for the dark variant, which only
  shows while presenting (it is a variant of presentation mode, for dark rooms).
- The slides tell the workshop's story in the order of issue 15: the job, the opportunities, the
  segments, the competitors, the focus decision, then "next steps". Slides are pages; a page that
  is not in the router's list is skipped, and the next-steps slide lists the pages that come after
  the Focus matrix in the router's list (so a page added there later appears without a change here).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

PRESENT_PARAM = "present"
DARK_PARAM = "dark"
ON, OFF = "1", "0"

STORY = ("job_map", "opportunities", "segments", "competitors", "focus_matrix")
NEXT_STEPS = "next_steps"
DECISION = "focus_matrix"  # the slide the follow-up pages come after
NOT_FOLLOW_UPS = frozenset({NEXT_STEPS, "export", "data", "method", "vote"})  # tools, reference, participants


@dataclass(frozen=True)
class Mode:
    """How this run is shown: presenting (no chrome, big text, one screen a page) and dark."""

    present: bool = False
    dark: bool = False

    @property
    def dark_shown(self) -> bool:
        return self.present and self.dark


def _flag(value: str | None, kept: bool) -> bool:
    """A URL flag: "1" on, "0" off, anything else (absent, garbled) keeps the session's value."""
    if value == ON:
        return True
    if value == OFF:
        return False
    return kept


def resolve_mode(params: Mapping[str, str | None], kept: Mode) -> Mode:
    """The mode of this run from the URL's query ``params`` and the session's last mode ``kept``."""
    return Mode(_flag(params.get(PRESENT_PARAM), kept.present), _flag(params.get(DARK_PARAM), kept.dark))


def url_params(mode: Mode) -> dict[str, str | None]:
    """The query parameters that state ``mode`` in the URL (None: remove the parameter), so the
    link a facilitator copies reopens the same mode and a page switch keeps it."""
    return {PRESENT_PARAM: ON if mode.present else None, DARK_PARAM: ON if mode.dark else None}


def slide_order(page_stems: Sequence[str]) -> list[str]:
    """The slides (page stems) in the story's order, among the router's pages, then next steps."""
    present = set(page_stems)
    return [stem for stem in STORY if stem in present] + [NEXT_STEPS]


def follow_ups(page_stems: Sequence[str]) -> list[str]:
    """The router's pages after the Focus matrix that are workshop steps (not tools such as Export)."""
    stems = list(page_stems)
    after = stems[stems.index(DECISION) + 1 :] if DECISION in stems else []
    return [stem for stem in after if stem not in NOT_FOLLOW_UPS]


@dataclass(frozen=True)
class Position:
    """Where ``current`` sits among the slides: neighbours (None at an end) and "3 / 6"."""

    previous: str | None
    next: str | None
    label: str
    on_slide: bool


def position(slides: Sequence[str], current: str) -> Position:
    """Position of page ``current`` among ``slides``; a page that is no slide (Data, Export) gets
    no previous slide and the first slide as its next one."""
    total = len(slides)
    if current not in slides:
        return Position(None, slides[0] if slides else None, f"– / {total}", False)
    at = slides.index(current)
    return Position(
        slides[at - 1] if at > 0 else None,
        slides[at + 1] if at + 1 < total else None,
        f"{at + 1} / {total}",
        True,
    )
