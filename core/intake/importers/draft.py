"""What a layout parser hands to the shared assembly step.

Every importer (the canonical layouts and the survey platforms) reduces a file to a
:class:`Draft`: respondent rows with raw cells, which columns rate which outcome on which
measure, and what it knows of the job map. :mod:`core.intake.importers.assemble` does the rest
(scale, labels, invalid codes, ids, dropping) the same way for all of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from core.intake.ratings import ParsedColumn

if TYPE_CHECKING:  # annotations only: the columnar long reader's columns (pyarrow is not loaded here)
    from core.intake.importers.coded import Coded

IMPORTANCE = "importance"
SATISFACTION = "satisfaction"
UNASSIGNED_STEP = "Unassigned"

# One column of raw cells: the reader's list, or a numpy array once a parser has sliced it.
Cells = list[Any] | np.ndarray


@dataclass
class RatingColumn:
    """One wide column: the rating of ``outcome_id`` on ``measure`` by each respondent row."""

    header: str
    outcome_id: str
    measure: str  # IMPORTANCE | SATISFACTION
    values: Cells | Coded  # Coded: the columnar reader's, always with ``parsed``
    statement: str | None = None
    step: str | None = None
    reversed: bool = False  # numeric codes that run 1 = best: point p becomes low + high - p
    parsed: ParsedColumn | None = None  # ``values`` already read (saves reading a large column twice)
    block: str = ""  # the question (grid) the column belongs to, when the export says; scales are checked per block


@dataclass
class CompetitorColumn:
    """One wide column: each respondent's satisfaction with the named ``competitor`` on ``outcome_id``."""

    header: str
    outcome_id: str
    competitor: str
    values: Cells
    reversed: bool = False
    parsed: ParsedColumn | None = None


@dataclass
class OutcomeDecl:
    """An outcome as a job map (or a platform's question text) declares it."""

    outcome_id: str
    statement: str
    step: str | None = None
    step_order: float | None = None
    step_description: str | None = None


@dataclass
class LongRatings:
    """Ratings already in long form: one row per respondent and outcome."""

    # raw cells, or Coded columns from the columnar reader (core.intake.importers.columnar_input)
    respondent_ids: Cells | Coded
    outcome_ids: Cells | Coded
    importance: Cells | Coded
    satisfaction: Cells | Coded
    importance_header: str | None = IMPORTANCE  # None: the table has no importance column
    satisfaction_header: str | None = SATISFACTION
    step_header: str | None = None  # the table's step column, if any (a per-outcome category is then not the step)


@dataclass
class CompetitorRows:
    """Long competitor ratings: each row one respondent's satisfaction with one solution."""

    sheet: str
    respondent_ids: Cells
    outcome_ids: Cells
    competitors: Cells
    satisfaction: Cells
    satisfaction_header: str
    row_numbers: Sequence[int] | np.ndarray  # spreadsheet row of each competitor row, for messages

    @property
    def where(self) -> str:
        return f"sheet '{self.sheet}'"


@dataclass
class Draft:
    layout: str  # a human name, e.g. "canonical workbook"
    sheet: str  # the sheet the responses came from (the file's stem for a text table)
    where: str  # how messages name it: "sheet 'responses'" or "file 'survey.csv'"
    row_numbers: Sequence[int] | np.ndarray  # spreadsheet row number of each data row, for messages
    respondent_ids: Cells | Coded | None  # None: generate ids; Coded: the columnar long reader
    id_header: str | None = None
    attributes: list[tuple[str, Cells | Coded]] = field(default_factory=list)
    wide: list[RatingColumn] = field(default_factory=list)
    long: LongRatings | None = None
    job_map: list[OutcomeDecl] | None = None
    job_map_where: str = "job map"  # how messages name the job map
    competitors: CompetitorRows | None = None
    competitor_columns: list[CompetitorColumn] = field(default_factory=list)
    survey_name: str = ""
    platform: str | None = None  # a survey platform's name; None for the canonical layouts
    rows_in_file: int | None = None  # data rows before the platform's filters (None: n_rows)
    # columns that looked like ratings but were not used, with why (for the "nothing to score" message)
    unplaced: list[tuple[str, str]] = field(default_factory=list)

    @property
    def mapping_fix(self) -> str:
        """What to tell the user when a rating column is missing."""
        if self.platform is None:
            return "Name rating columns imp_<outcome_id> and sat_<outcome_id>."
        return (
            "Map the importance and satisfaction columns on the column-mapping screen, or check that the "
            "export includes both questions."
        )

    @property
    def n_rows(self) -> int:
        """Data rows read: respondents in the wide layout, respondent × outcome rows in the long one."""
        return len(self.row_numbers)

    def measures(self) -> set[str]:
        """The measures (importance, satisfaction) that have at least one column."""
        if self.long is not None:
            headers = {IMPORTANCE: self.long.importance_header, SATISFACTION: self.long.satisfaction_header}
            return {measure for measure, header in headers.items() if header is not None}
        return {column.measure for column in self.wide}
