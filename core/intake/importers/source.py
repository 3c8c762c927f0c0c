"""What a survey file holds once read, before anything is interpreted: its tables of raw cells
(:class:`SourceFile`), and the error for a file that cannot be read (:class:`UnreadableFile`).
The readers (core.intake.importers.reading, parquet_input, columnar_input) all produce these."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from core.intake.report import Message

if TYPE_CHECKING:  # the platform layer reads SourceFile: only its type is named here
    from core.intake.importers.platforms.table import PlatformTable


class UnreadableFile(ValueError):
    """The file is not a spreadsheet we can read: ``problem`` says why and ``fix`` what to do."""

    def __init__(self, problem: str, fix: str):
        super().__init__(f"{problem} {fix}")
        self.problem = problem
        self.fix = fix


@dataclass
class Table:
    """One sheet (or the one table of a CSV) as a list of rows of raw cells."""

    name: str
    rows: list[list[Any]]  # raw cells: str, numbers, dates, booleans or None
    hidden: bool = False  # a hidden or very hidden sheet of a workbook


@dataclass
class SourceFile:
    file_name: str
    kind: str  # "xlsx" | "xls" | "csv" | "parquet"
    tables: list[Table]
    notes: list[str] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)
    # What a platform's layout made of these tables, by ``keep_partial``, kept so that the upload
    # check's proposal and its import share one parse (core.intake.importers.pipeline.platform_table)
    platform_tables: dict[bool, PlatformTable | None] = field(default_factory=dict, repr=False, compare=False)

    def table(self, name: str) -> Table | None:
        """The sheet called ``name``, matched case-insensitively ignoring surrounding spaces; a
        visible sheet before a hidden one."""
        wanted = name.strip().lower()
        found = [t for t in self.tables if t.name.strip().lower() == wanted]
        return min(found, key=lambda t: t.hidden) if found else None

    def where(self, table: Table) -> str:
        """How messages name ``table``: its sheet, or the file itself for a text table."""
        return f"file '{self.file_name}'" if self.kind in ("csv", "parquet") else f"sheet '{table.name}'"
