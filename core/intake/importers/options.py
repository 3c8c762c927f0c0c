"""How to import a file: declared scale, direction of numeric codes, partial responses, mapping.

``direction`` matters only for rating columns that hold numbers alone on a platform where the
numbers are codes behind labels the file does not carry (Qualtrics numeric values,
SurveyMonkey numerical values, Alchemer reporting values, LimeSurvey answer codes without a
codebook): the file cannot tell whether 1 is the worst or the best answer.

* ``"ask"`` (the app's default): the import stops, ``report.direction_unknown`` lists the
  columns and an error says what to choose; nothing is guessed;
* ``"warn"`` (the CLI's default): read as exported (1 = lowest) with a loud warning that says so;
* ``"as_is"``: the user declared 1 = lowest (not at all important / satisfied);
* ``"reverse"``: the user declared 1 = best; each code n becomes low + high − n.

Labels always fix the direction themselves (docs/FORMATS.md §8 rule 5), and so does a codebook,
which turns codes into labels. The canonical layouts define 1 as the lowest rating.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from core.intake.scales import Scale

if TYPE_CHECKING:
    from core.intake.importers.codebook import Codebook
    from core.intake.importers.mapping import ColumnMapping

Direction = Literal["ask", "warn", "as_is", "reverse"]
DIRECTIONS: tuple[str, ...] = ("ask", "warn", "as_is", "reverse")


@dataclass(frozen=True)
class ImportOptions:
    """Everything :func:`core.intake.importers.import_survey` can be told about a file."""

    scale: Scale | None = None  # None: detect
    direction: Direction = "ask"
    keep_partial: bool = False  # keep unfinished / partial responses (Qualtrics, Alchemer, LimeSurvey, Typeform)
    codebook: Codebook | None = None  # codes → labels (.qsf or code,label CSV)
    mapping: ColumnMapping | None = None  # a user-edited mapping replaces the detected one

    def __post_init__(self) -> None:
        if self.direction not in DIRECTIONS:
            raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, not {self.direction!r}")
