"""Rating scales: which points are valid and which are the top two boxes.

A 1–5 scale is the default. 1–7, 1–10 and 0–10 are supported when declared, or detected from
the data with a conservative rule (:func:`detect_scale`): stray 0s and 6s in a 1–5 survey are
invalid codes, not evidence of a longer scale.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    """A rating scale from ``low`` to ``high``; ``top_points`` are the top-two-box points."""

    low: int
    high: int
    top_points: tuple[int, ...]

    @property
    def name(self) -> str:
        return f"{self.low}-{self.high}"

    @property
    def top_min(self) -> int:
        return min(self.top_points)

    @property
    def five_point(self) -> bool:
        """Whether Likert labels can be read on it: label sets map to 5 points (core.intake.labels)."""
        return self.high - self.low == 4

    def contains(self, value: int) -> bool:
        return self.low <= value <= self.high


SCALES: dict[str, Scale] = {
    "1-5": Scale(1, 5, (4, 5)),
    "1-7": Scale(1, 7, (6, 7)),
    "1-10": Scale(1, 10, (9, 10)),
    "0-10": Scale(0, 10, (9, 10)),
}
DEFAULT_SCALE = SCALES["1-5"]
MIN_RATINGS_FOR_DETECTION = 30


def parse_scale(text: str) -> Scale:
    """``"1-5"``, ``"1–7"``, ``"0..10"`` or ``"1 to 10"`` → a :class:`Scale`."""
    match = re.fullmatch(r"\s*(\d+)\s*(?:-|–|—|\.\.|to)\s*(\d+)\s*", text or "")
    key = f"{int(match.group(1))}-{int(match.group(2))}" if match else ""
    if key not in SCALES:
        raise ValueError(f"Unknown scale {text!r}: use one of {', '.join(SCALES)}.")
    return SCALES[key]


def detect_scale(counts: Counter[int], has_labels: bool = False) -> tuple[Scale, str]:
    """Pick the scale from the integer ratings seen, with a sentence saying why.

    Stray codes must not lengthen the scale, so a longer scale needs broad evidence. A value
    is *significant* when at least 1 % of the ratings carry it. The scale is 1–7 when 6 and 7
    are both significant and ratings above 5 are more than 20 % of all; 1–10 when at least three
    of 6–10 are significant, 9 or 10 is, and ratings above 7 are more than 20 %; 0–10 when that
    holds and 0 is significant too. Fewer than 30 numeric ratings are too few to infer a
    longer scale (declare it). Otherwise 1–5, where 0, 6 and 7 are invalid codes. Label
    text (5-point label sets) forces 1–5.
    """
    in_range = {v: n for v, n in counts.items() if 0 <= v <= 10}
    total = sum(in_range.values())
    if has_labels or total < MIN_RATINGS_FOR_DETECTION:
        why = "answers are 5-point labels" if has_labels else "the default; too few ratings to detect another"
        return DEFAULT_SCALE, f"1-5 ({why})"
    significant = {v for v, n in in_range.items() if n >= 0.01 * total}

    def share_above(point: int) -> float:
        return sum(n for v, n in in_range.items() if v > point) / total

    if len(significant & set(range(6, 11))) >= 3 and significant & {9, 10} and share_above(7) > 0.2:
        scale = SCALES["0-10"] if 0 in significant else SCALES["1-10"]
        return scale, f"{scale.name} (ratings up to {max(significant)} are common)"
    if {6, 7} <= significant and share_above(5) > 0.2:
        return SCALES["1-7"], "1-7 (ratings 6 and 7 are common)"
    return DEFAULT_SCALE, "1-5"


@dataclass(frozen=True)
class ScaleMismatch:
    """A question block whose ratings do not fit the scale the survey was read on.

    ``detected``: the block's own scale; ``ratings``: its integer ratings; ``beyond``: those above
    the chosen scale's top (read as missing); ``why``: the sentence :func:`detect_scale` gave.
    """

    block: str
    detected: Scale
    ratings: int
    beyond: int
    why: str


def block_mismatches(blocks: dict[str, Counter[int]], chosen: Scale) -> list[ScaleMismatch]:
    """The blocks (a question's columns, or one column) whose ratings say another scale than ``chosen``.

    Each block with at least 30 ratings is detected on its own (:func:`detect_scale`). A block
    is reported when its scale is longer than ``chosen`` (its top ratings would be read as
    missing), or when ``chosen`` is longer than 1–5 and the block has no rating above 5 at all
    (a 1–5 question read on a longer scale, whose top-two box then means something else). A
    block of a longer scale that merely has few top ratings is not reported: that is an answer.
    """
    found = []
    for block, counts in blocks.items():
        total = sum(n for v, n in counts.items() if 0 <= v <= 10)
        if total < MIN_RATINGS_FOR_DETECTION:
            continue
        detected, why = detect_scale(counts)
        beyond = sum(n for v, n in counts.items() if chosen.high < v <= 10)
        if detected.high > chosen.high and beyond:
            found.append(ScaleMismatch(block, detected, total, beyond, why))
        elif chosen.high > 5 and not any(n for v, n in counts.items() if v > 5):
            found.append(ScaleMismatch(block, DEFAULT_SCALE, total, 0, "1-5 (no rating above 5)"))
    return found
