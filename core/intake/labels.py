"""Likert label text → scale points (docs/FORMATS.md §8).

Label sets live in ``data/reference/label_sets.json``. A column's set is chosen by majority
vote over its distinct labels; ties go to the set all columns of the same measure vote for,
then to the family the column is expected to hold (importance or satisfaction), then to the
set whose own wording the labels are (the first label listed for a point; "somewhat satisfied"
is the bipolar scales' 4 and only another wording of the unipolar scale's 3), then to the
order of the file. Labels map to 1–5.

Decision: a tie that is still open after all that, between sets that put one of the labels on
different points, is not settled silently: :meth:`LabelBook.rivals` names the other readings,
and the importer warns with both (``Assembler.choose_labels``).
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from core.workspace.paths import REFERENCE_DIR

LABEL_SETS_PATH = REFERENCE_DIR / "label_sets.json"
_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", "’": "'", "‘": "'"})


def normalise_text(text: str) -> str:
    """Strip HTML, NFKC-normalise, unify dashes/quotes, collapse spaces, lower-case."""
    text = _TAGS.sub(" ", html.unescape(text)) if "<" in text or "&" in text else text
    text = unicodedata.normalize("NFKC", text).translate(_DASHES)
    return _SPACES.sub(" ", text).strip().lower()


@dataclass(frozen=True)
class LabelSet:
    family: str
    name: str
    points: dict[str, int]  # normalised label -> point 1..5
    own: tuple[str, ...] = ()  # the first label listed for each point, in order: the set's own wording

    @property
    def span(self) -> str:
        """The scale as a reader knows it: its first and last answers."""
        return f"'{self.own[0]}' to '{self.own[-1]}'" if self.own else self.name

    @property
    def key(self) -> str:
        return f"{self.family}/{self.name}"


@dataclass(frozen=True)
class LabelBook:
    sets: tuple[LabelSet, ...]
    missing: frozenset[str]

    def choose(
        self, labels: Iterable[str], expected_family: str | None = None, preferred: str | None = None
    ) -> tuple[LabelSet | None, set[str]]:
        """The best label set for these distinct labels, and the labels it does not know.

        Ties go to the ``preferred`` set (the one all columns of the measure vote for: a column
        answered only "very satisfied" is on the survey's scale, not on the first set that knows
        the label), then to the expected family, then to the set whose own wording more of the
        labels are, then to the order of the file.
        """
        distinct = set(labels)
        if not distinct:
            return None, set()
        _, best = max(
            enumerate(self.sets),
            key=lambda pair: (*self._rank(distinct, pair[1], expected_family, preferred), -pair[0]),
        )
        unknown = distinct - best.points.keys()
        if len(unknown) == len(distinct):
            return None, unknown
        return best, unknown

    def rivals(
        self, labels: Iterable[str], chosen: LabelSet, expected_family: str | None = None, preferred: str | None = None
    ) -> list[LabelSet]:
        """The sets that tie with ``chosen`` up to the order of the file and put one of these
        labels on another point: readings of the same answers the labels cannot rule out."""
        distinct = set(labels)
        rank = self._rank(distinct, chosen, expected_family, preferred)
        known = distinct & chosen.points.keys()
        return [
            s
            for s in self.sets
            if s is not chosen
            and self._rank(distinct, s, expected_family, preferred) == rank
            and any(s.points.get(label) != chosen.points[label] for label in known)
        ]

    @staticmethod
    def _rank(
        distinct: set[str], label_set: LabelSet, expected_family: str | None, preferred: str | None
    ) -> tuple[int, int, int, int]:
        return (
            len(distinct & label_set.points.keys()),
            int(label_set.key == preferred),
            int(label_set.family == expected_family),
            len(distinct.intersection(label_set.own)),
        )

    def family_of(self, labels: Iterable[str]) -> str | None:
        """The family (importance, satisfaction, agreement) a column's labels belong to."""
        chosen, _ = self.choose(labels)
        return chosen.family if chosen else None

    def families_known(self, label: str) -> set[str]:
        return {s.family for s in self.sets if label in s.points}


@cache
def label_book() -> LabelBook:
    raw = json.loads(LABEL_SETS_PATH.read_text(encoding="utf-8"))
    sets = []
    for family, named_sets in raw["families"].items():
        for name, points in named_sets.items():
            mapping = {normalise_text(label): point for point, labels in enumerate(points, 1) for label in labels}
            own = tuple(normalise_text(labels[0]) for labels in points)
            sets.append(LabelSet(family, name, mapping, own))
    return LabelBook(tuple(sets), frozenset(normalise_text(m) for m in raw["missing"]))
