"""The validation report: everything an import found, in words a person can act on.

Errors mean the import cannot go on; warnings and counts describe what was repaired or left
out. Nothing is dropped silently: every dropped respondent and every invalid rating is counted
here, by column and reason. The CLI prints :meth:`ValidationReport.to_text`; the app renders
the same object.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from core.wording import first_few, plural


@dataclass(frozen=True)
class Message:
    """One finding: what is wrong, where, and what to do about it."""

    text: str
    where: str = ""
    fix: str = ""

    def render(self) -> str:
        parts = [f"{self.where}: {self.text}" if self.where else self.text]
        if self.fix:
            parts.append(f"  → {self.fix}")
        return "\n".join(parts)


@dataclass
class ValidationReport:
    """What an import read, kept, repaired and dropped."""

    file_name: str
    format: str = "unknown"
    errors: list[Message] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # (sheet, column) -> reason -> count of cells treated as missing
    invalid_values: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    # reason -> respondent ids (or row labels) dropped for it
    dropped_respondents: dict[str, list[str]] = field(default_factory=dict)
    rows_read: int = 0
    respondents: int = 0
    outcomes: int = 0
    steps: int = 0
    scale: str = ""
    platform: str = ""  # the survey platform the header names ("Qualtrics"…); "" for the canonical layouts
    # how the direction of numeric codes was set: "labels", "codebook", "as exported (declared)",
    # "reversed (declared)", "as exported (assumed)"; "" when no column needed it
    direction: str = ""
    # rating columns holding numeric codes whose direction the file cannot tell, when the import
    # stopped to ask (direction "ask"): the app asks "is 1 the worst or the best answer?"
    direction_unknown: list[str] = field(default_factory=list)
    # pairing rule → how many columns it decided, e.g. {"measure: answer labels": 80, "outcome: statement text": 40}
    pairing: dict[str, int] = field(default_factory=dict)
    current_solution: str = ""  # the header of the column naming each respondent's current solution, when mapped

    @property
    def ok(self) -> bool:
        """True when the file can be imported."""
        return not self.errors

    @property
    def needs_direction(self) -> bool:
        """The import stopped to ask whether numeric codes run 1 = worst or 1 = best."""
        return bool(self.direction_unknown)

    def error(self, text: str, where: str = "", fix: str = "") -> None:
        self.errors.append(Message(text, where, fix))

    def warn(self, text: str, where: str = "", fix: str = "") -> None:
        self.warnings.append(Message(text, where, fix))

    def count_invalid(self, sheet: str, column: str, reasons: Counter[str]) -> None:
        if reasons:
            self.invalid_values.setdefault((sheet, column), Counter()).update(reasons)

    def drop(self, reason: str, respondent_ids: list[str]) -> None:
        if respondent_ids:
            self.dropped_respondents.setdefault(reason, []).extend(respondent_ids)

    @property
    def rows_dropped(self) -> int:
        return sum(len(ids) for ids in self.dropped_respondents.values())

    def invalid_totals(self) -> Counter[str]:
        """Invalid or missing cells by reason, over all columns."""
        total: Counter[str] = Counter()
        for reasons in self.invalid_values.values():
            total.update(reasons)
        return total

    def to_dict(self) -> dict[str, Any]:
        return {
            "file_name": self.file_name,
            "format": self.format,
            "ok": self.ok,
            "errors": [vars(m) for m in self.errors],
            "warnings": [vars(m) for m in self.warnings],
            "notes": list(self.notes),
            "rows_read": self.rows_read,
            "respondents": self.respondents,
            "outcomes": self.outcomes,
            "steps": self.steps,
            "scale": self.scale,
            "platform": self.platform,
            "direction": self.direction,
            "direction_unknown": list(self.direction_unknown),
            "pairing": dict(self.pairing),
            "current_solution": self.current_solution,
            "rows_dropped": self.rows_dropped,
            "dropped_respondents": {reason: ids for reason, ids in self.dropped_respondents.items()},
            "invalid_values": [
                {"sheet": sheet, "column": column, "reasons": dict(reasons)}
                for (sheet, column), reasons in self.invalid_values.items()
            ],
        }

    def to_text(self, max_columns: int = 15) -> str:
        """A plain-text rendering for the terminal."""
        lines = [f"File: {self.file_name}", f"Layout: {self.format}"]
        if self.direction:
            lines.append(f"Direction of the ratings: {self.direction}")
        if self.ok:
            lines.append(
                f"Ready to import: {plural(self.respondents, 'respondent')}, {plural(self.outcomes, 'outcome')} in "
                f"{plural(self.steps, 'step')}, scale {self.scale}, {plural(self.rows_read, 'row')} read."
            )
        else:
            lines.append("Cannot import this file.")
        for title, messages in (("Errors", self.errors), ("Warnings", self.warnings)):
            if messages:
                lines.append(f"\n{title} ({len(messages)}):")
                lines.extend("- " + m.render().replace("\n", "\n  ") for m in messages)
        if self.notes:
            lines.append("\nNotes:")
            lines.extend(f"- {note}" for note in self.notes)
        if self.dropped_respondents:
            lines.append(f"\nRespondents dropped ({self.rows_dropped}):")
            for reason, ids in self.dropped_respondents.items():
                lines.append(f"- {len(ids):,} {reason}: {first_few(ids)}")
        if self.invalid_values:
            totals = self.invalid_totals()
            summary = ", ".join(f"{n} {reason}" for reason, n in totals.most_common())
            lines.append(f"\nRatings treated as missing ({sum(totals.values())}): {summary}")
            worst = sorted(self.invalid_values.items(), key=lambda kv: -sum(kv[1].values()))
            for (sheet, column), reasons in worst[:max_columns]:
                detail = ", ".join(f"{n} {reason}" for reason, n in reasons.most_common())
                lines.append(f"- {sheet} / {column}: {detail}")
            if len(worst) > max_columns:
                lines.append(f"- … and {len(worst) - max_columns} more columns")
        return "\n".join(lines)
