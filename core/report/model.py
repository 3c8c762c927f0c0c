"""The report model: pure data (titles, text, numbers with their n, tables, chart specs), no
rendering. HTML, PDF and the deck are three renderings of one :class:`Report`.

Decisions: every number that is a score carries its n (``KeyNumber.n``, an ``n`` column in the
tables); each chart carries a one-line "how to read" and its ``notes`` — the numbers behind it,
which the deck puts in the speaker notes and HTML/PDF print under the chart. A section with
nothing to show is never built (core.report.build leaves it out).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.wording import plural


@dataclass(frozen=True)
class KeyNumber:
    label: str
    value: str  # already formatted ("14.2", "38 %")
    n: int | None = None  # respondents behind the number (None: not a survey figure, e.g. a count of steps)


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # formatted cells
    caption: str = ""


@dataclass(frozen=True)
class Chart:
    title: str
    how_to_read: str  # one line
    spec: dict  # a Vega-Lite spec with its data inline
    notes: tuple[str, ...] = ()  # the numbers behind the chart, one line each
    aspect: float = 0.5  # height / width when drawn


@dataclass(frozen=True)
class Section:
    key: str  # "job", "opportunities", … (stable, for tests and slide order)
    title: str
    text: tuple[str, ...] = ()
    numbers: tuple[KeyNumber, ...] = ()
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()


@dataclass(frozen=True)
class Report:
    title: str
    survey_name: str
    survey_date: str  # the date the survey was imported (ISO, yyyy-mm-dd)
    respondents: int
    outcomes: int
    steps: int
    scoring_rule: str  # "Scores: top-two-box, per item" + the formula
    scenario: str | None
    sections: tuple[Section, ...] = field(default_factory=tuple)

    @property
    def subtitle(self) -> str:
        """ "<survey> · imported <date> · n = 600 respondents, 80 outcomes in 11 steps"."""
        return (
            f"{self.survey_name} · imported {self.survey_date} · n = {plural(self.respondents, 'respondent')}, "
            f"{plural(self.outcomes, 'outcome')} in {plural(self.steps, 'step')}"
        )

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)
