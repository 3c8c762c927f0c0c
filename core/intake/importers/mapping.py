"""Column mapping: what each column of an export rates, as detected and as a person edits it.

The API the column-mapping screen is built on (README "Survey platforms"):

* :func:`core.intake.importers.pipeline.detect_mapping` reads a file and proposes a
  :class:`ColumnMapping` — every column with a role and the rule that decided it — plus the
  columns it could not recognise and whether the direction of numeric codes is unknown
  (:class:`MappingProposal`);
* the screen lets the user change each :class:`ColumnRole` (importance, satisfaction,
  competitor satisfaction, respondent attribute, current solution, ignore; outcome, statement,
  step, competitor);
* ``import_survey(..., mapping=edited)`` imports with the edited mapping;
* :func:`save_mapping` / :func:`saved_mapping` keep it in the workspace under the file's
  :func:`header_signature`, so the next file with the same header gets it again.

Everything here is plain data and round-trips through JSON (:meth:`ColumnMapping.to_json`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from core.intake.importers.platforms.table import clean_text
from core.intake.report import ValidationReport

IMPORTANCE = "importance"
SATISFACTION = "satisfaction"
COMPETITOR = "competitor_satisfaction"
ATTRIBUTE = "attribute"
CURRENT_SOLUTION = "current_solution"  # a respondent attribute: the solution the respondent uses now
IGNORE = "ignore"
ROLES = (IMPORTANCE, SATISFACTION, COMPETITOR, ATTRIBUTE, CURRENT_SOLUTION, IGNORE)
RATING_ROLES = (IMPORTANCE, SATISFACTION, COMPETITOR)
NOT_RECOGNISED = "not recognised"  # the rule of a column no rule could place
USER_RULE = "set by hand"  # the rule the mapping screen writes for a column the user changed
MAPPING_VERSION = 1
SETTING_PREFIX = "mapping:"


@dataclass(frozen=True)
class ColumnRole:
    """What one column holds.

    ``outcome`` groups the columns of one outcome (its importance, satisfaction and competitor
    columns share it); when empty, the statement (or the header) is the group. ``rule`` says
    how the role was decided and ``pair_rule`` how the column was matched to its outcome.
    """

    index: int  # 0-based column position in the file
    header: str  # the column's header as shown (first header row)
    role: str  # one of ROLES
    outcome: str = ""
    statement: str = ""
    step: str = ""
    competitor: str = ""  # the named solution, for competitor_satisfaction
    rule: str = ""
    pair_rule: str = ""

    @property
    def outcome_key(self) -> str:
        return self.outcome or self.statement or self.header


@dataclass
class ColumnMapping:
    """Every column's role, the respondent-id column, and what the pairing rules decided."""

    columns: list[ColumnRole]
    respondent_id: int | None = None
    notes: list[str] = field(default_factory=list)

    def role_of(self, index: int) -> ColumnRole | None:
        return next((c for c in self.columns if c.index == index), None)

    def with_role(self, index: int, **changes: Any) -> ColumnMapping:
        """A copy with column ``index`` changed (``rule`` becomes "set by hand" unless given)."""
        changes.setdefault("rule", USER_RULE)
        columns = [replace(c, **changes) if c.index == index else c for c in self.columns]
        return ColumnMapping(columns, self.respondent_id, list(self.notes))

    def rating_columns(self) -> list[ColumnRole]:
        return [c for c in self.columns if c.role in RATING_ROLES]

    def outcomes(self) -> list[tuple[str, str, str]]:
        """(outcome key, statement, step) of each outcome, in column order — the choices a screen offers."""
        seen: dict[str, tuple[str, str, str]] = {}
        for c in self.rating_columns():
            if c.outcome_key not in seen:
                seen[c.outcome_key] = (c.outcome_key, c.statement or c.header, c.step)
        return list(seen.values())

    def problems(self, headers: Sequence[str]) -> list[str]:
        """Why this mapping cannot be applied to a file with ``headers`` (empty when it can)."""
        found = []
        indices = [c.index for c in self.columns]
        if len(set(indices)) != len(indices):
            found.append("some columns are mapped twice")
        for c in self.columns:
            name = f"column {c.index + 1}"
            if c.role not in ROLES:
                found.append(f"{name} has the unknown role {c.role!r} (use one of {', '.join(ROLES)})")
            elif not 0 <= c.index < len(headers):
                found.append(f"{name} ('{c.header}') is not in the file, which has {len(headers)} columns")
            elif headers[c.index] != c.header:
                found.append(f"{name} is '{headers[c.index]}' in the file but '{c.header}' in the mapping")
            elif c.role == COMPETITOR and not c.competitor.strip():
                found.append(f"{name} ('{c.header}') rates a competitor but names none")
        if self.respondent_id is not None and not 0 <= self.respondent_id < len(headers):
            found.append(f"the respondent id column {self.respondent_id + 1} is not in the file")
        return found

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable dict (what :func:`save_mapping` stores)."""
        return {
            "version": MAPPING_VERSION,
            "respondent_id": self.respondent_id,
            "columns": [asdict(c) for c in self.columns],
            "notes": list(self.notes),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ColumnMapping:
        """The mapping :meth:`to_json` wrote; raises ValueError on anything else."""
        try:
            columns = [
                ColumnRole(**{k: v for k, v in c.items() if k in ColumnRole.__dataclass_fields__})
                for c in data["columns"]
            ]
            respondent_id = data.get("respondent_id")
            return cls(columns, None if respondent_id is None else int(respondent_id), list(data.get("notes", [])))
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"not a saved column mapping ({exc})") from None


@dataclass
class MappingProposal:
    """What :func:`core.intake.importers.pipeline.detect_mapping` found in a file, for the column-mapping screen."""

    platform: str  # "Qualtrics", "SurveyMonkey", …, "canonical", "unknown"; "" when the file is unreadable
    layout: str  # the report's format ("Qualtrics export (choice text)")
    header_rows: list[list[str]]
    headers: list[str]  # the display header of each column (what ColumnRole.header holds)
    signature: str  # header_signature(header_rows)
    mapping: ColumnMapping | None  # None for the canonical layouts (their column names decide) and unreadable files
    unrecognised: list[int]  # columns no rule could place (proposed as attributes; the screen should ask)
    direction_unknown: list[str]  # numeric-code rating columns whose direction the file cannot tell
    samples: list[list[str]]  # up to 5 distinct answers per column, for the screen
    report: ValidationReport  # what reading and detection found (errors when the file cannot be read)
    # each column's question text as the export words it ("How important… - Minimize the time…"),
    # "" when the header already says it (the screen shows both: Q1_1 means little on its own)
    texts: list[str] = field(default_factory=list)

    @property
    def asks_direction(self) -> bool:
        """Whether the app must ask "is 1 the worst or the best answer?" before importing."""
        return bool(self.direction_unknown)


def header_signature(header_rows: Sequence[Sequence[object]]) -> str:
    """A stable hash of the header rows (cells as cleaned text, trailing blanks ignored).

    Files exported from the same survey share it, whatever their data and file name.
    """
    rows = []
    for row in header_rows:
        cells = [clean_text(c) for c in row]
        while cells and not cells[-1]:
            cells.pop()
        rows.append(cells)
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest()[:24]


def save_mapping(workspace, signature: str, mapping: ColumnMapping) -> None:
    """Keep ``mapping`` in the workspace settings for files whose header has ``signature``."""
    workspace.set_setting(SETTING_PREFIX + signature, mapping.to_json())


def saved_mapping(workspace, signature: str) -> ColumnMapping | None:
    """The mapping saved for ``signature``, or None (also when what is stored is not a mapping)."""
    stored = workspace.get_setting(SETTING_PREFIX + signature)
    if not stored:
        return None
    try:
        return ColumnMapping.from_json(stored)
    except ValueError:
        return None
