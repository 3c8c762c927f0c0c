"""Dated measurements of the metrics (issue 14.4): by hand, from a paste or CSV, or computed.

One value per metric and day (the table's key): a value for a day that already has one replaces
it, and the caller is told (``replaced``). Sources: ``hand``, ``csv``, ``computed``. Every change
runs in one transaction and bumps the workspace revision. Bad input raises
core.strategy.metrics.MetricError (one value) or is reported row by row (an import); nothing is
dropped silently.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from core.sqlfiles import one_row
from core.strategy.metric_csv import ParsedMeasurements, parse_measurements
from core.strategy.metric_values import ValueProblem, parse_date, parse_number
from core.strategy.metrics import MetricError, clean_text, is_blank, sql, stored_rows
from core.wording import named, plural
from core.workspace.database import Workspace

SOURCES = ("hand", "csv", "computed")
COLUMNS = ["metric_id", "measured_on", "value", "note", "source"]


@dataclass(frozen=True)
class ImportReport:
    """What an import did: rows added and replaced (per day already held), and what was skipped."""

    added: int
    replaced: int
    skipped: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One sentence: "Imported 12 measurements (3 replaced an earlier value); 2 rows skipped."."""
        total = self.added + self.replaced
        said = f"Imported {plural(total, 'measurement')}"
        if self.replaced:
            said += f" ({self.replaced} replaced the value held for that day)"
        if self.skipped:
            said += f"; {plural(len(self.skipped), 'row')} skipped"
        if self.ignored_columns:
            said += f"; {named(self.ignored_columns, 'column')} ignored"
        return said + "."


def measurements(workspace: Workspace) -> pd.DataFrame:
    """Every measurement of an existing metric (COLUMNS), oldest first per metric."""
    return workspace.cursor().execute(sql("measurements")).df()


def _check_metric(workspace: Workspace, metric_id: str) -> None:
    if not one_row(workspace.cursor().execute(sql("metric_exists"), {"metric_id": metric_id}))[0]:
        raise MetricError("That metric no longer exists (deleted on another screen?).")


def _value(value: object) -> float:
    if is_blank(value):
        raise MetricError("A measurement needs a value: type a number.")
    try:
        return parse_number(value)
    except ValueProblem as problem:
        raise MetricError(str(problem)) from None


def _day(value: object) -> dt.date:
    if is_blank(value):
        raise MetricError("A measurement needs a date.")
    try:
        return parse_date(value)
    except ValueProblem as problem:
        raise MetricError(str(problem)) from None


def held_days(workspace: Workspace) -> set[tuple[str, dt.date]]:
    """(metric_id, day) of every stored measurement."""
    return {(str(m), d) for m, d in workspace.cursor().execute(sql("measurement_dates")).fetchall()}


def write(workspace: Workspace, rows: pd.DataFrame, *, remove: list[dt.date] | None = None) -> int:
    """Store ``rows`` (COLUMNS) in one transaction, replacing the days they name; first delete the
    days in ``remove`` (of the rows' one metric). Returns how many rows replaced a held day."""
    incoming = rows[COLUMNS].astype({"value": float})
    with workspace.transaction() as cur:
        for day in remove or []:
            cur.execute(sql("delete_measurement"), {"metric_id": str(rows["metric_id"].iloc[0]), "measured_on": day})
        cur.register("incoming_measurements", incoming)
        replaced = int(one_row(cur.execute(sql("replaced_days")))[0])
        cur.execute(sql("insert_measurements"))
        cur.unregister("incoming_measurements")
    workspace.touch()
    return replaced


def add_measurement(
    workspace: Workspace, metric_id: str, measured_on: object, value: object, note: object = None, source: str = "hand"
) -> bool:
    """Store one value for one day; True when it replaced the value that day held."""
    _check_metric(workspace, metric_id)
    if source not in SOURCES:
        raise MetricError(f"Unknown measurement source “{source}”.")
    row = [metric_id, _day(measured_on), _value(value), clean_text(note, "note"), source]
    return bool(write(workspace, pd.DataFrame([row], columns=COLUMNS)))


def update_measurement(
    workspace: Workspace, metric_id: str, measured_on: object, *, new_date: object = None, value: object, note: object
) -> None:
    """Change the value, note and (``new_date``) day of a measurement; it becomes a hand entry.

    Moving it onto a day that already holds a value is refused (delete that one first)."""
    _check_metric(workspace, metric_id)
    old, new = _day(measured_on), _day(new_date if new_date is not None else measured_on)
    held = held_days(workspace)
    if (metric_id, old) not in held:
        raise MetricError(f"There is no measurement on {old:%Y-%m-%d} any more (deleted on another screen?).")
    if new != old and (metric_id, new) in held:
        raise MetricError(f"There is already a measurement on {new:%Y-%m-%d}: change or delete that one instead.")
    row = [metric_id, new, _value(value), clean_text(note, "note"), "hand"]
    write(workspace, pd.DataFrame([row], columns=COLUMNS), remove=[old] if new != old else None)


def delete_measurement(workspace: Workspace, metric_id: str, measured_on: object) -> None:
    """Delete one measurement (nothing happens when the day holds none)."""
    with workspace.transaction() as cur:
        cur.execute(sql("delete_measurement"), {"metric_id": metric_id, "measured_on": _day(measured_on)})
    workspace.touch()


def metric_names(workspace: Workspace) -> dict[str, str]:
    """Metric id and name (casefolded) → metric id, for an import's metric column."""
    names: dict[str, str] = {}
    for metric_id, row in stored_rows(workspace).items():
        names[metric_id.casefold()] = metric_id
        names[str(row["name"]).casefold()] = metric_id
    return names


def import_measurements(workspace: Workspace, text: str, metric_id: str | None = None) -> ImportReport:
    """Import pasted text or a decoded CSV (core.strategy.metric_csv) into ``metric_id`` or, when
    None, into the metrics each row names; raises MeasurementFileError for an unreadable whole."""
    if metric_id is not None:
        _check_metric(workspace, metric_id)
    parsed: ParsedMeasurements = parse_measurements(text, metric_names(workspace), metric_id)
    rows = parsed.rows.assign(source="csv")
    replaced = write(workspace, rows) if len(rows) else 0
    return ImportReport(len(rows) - replaced, replaced, parsed.skipped, parsed.ignored_columns)


def apply_measurement_table(workspace: Workspace, metric_id: str, table: pd.DataFrame) -> list[str]:
    """Make one metric's measurements those of ``table`` (measured_on, value, note; a data
    editor's rows), all or nothing; returns what changed, one line each. A row changed or added
    becomes a hand entry; an unchanged row keeps its source. Two rows on the same day, or a row
    without a date or value, are refused (MetricError naming the row)."""
    _check_metric(workspace, metric_id)
    old = measurements(workspace)
    old = old[old["metric_id"] == metric_id]
    before = {
        pd.Timestamp(d).date(): (float(v), None if pd.isna(n) else str(n), s)
        for d, v, n, s in zip(old["measured_on"], old["value"], old["note"], old["source"], strict=True)
    }
    after: dict[dt.date, tuple[float, str | None]] = {}
    for number, row in enumerate(table.to_dict("records"), start=1):
        if all(is_blank(row.get(c)) for c in ("measured_on", "value", "note")):
            continue  # an empty row the editor added
        try:
            day, value, note = (
                _day(row.get("measured_on")),
                _value(row.get("value")),
                clean_text(row.get("note"), "note"),
            )
        except MetricError as error:
            raise MetricError(f"Row {number}: {error}") from None
        if day in after:
            raise MetricError(f"Row {number}: there is already a measurement on {day:%Y-%m-%d} in the table.")
        after[day] = (value, note)
    changes = [f"Deleted the value of {d:%Y-%m-%d}" for d in before if d not in after]
    rows = []
    for day, (value, note) in sorted(after.items()):
        held = before.get(day)
        same = held is not None and held[:2] == (value, note)
        rows.append([metric_id, day, value, note, held[2] if same and held else "hand"])
        if held is None:
            changes.append(f"Added {day:%Y-%m-%d}: {value:g}")
        elif held[0] != value:
            changes.append(f"Changed {day:%Y-%m-%d}: {held[0]:g} → {value:g}")
        elif not same:
            changes.append(f"Changed the note of {day:%Y-%m-%d}")
    if not changes:
        return []
    with workspace.transaction() as cur:
        cur.execute(sql("delete_metric_measurements"), {"metric_id": metric_id})
        if rows:
            cur.register("incoming_measurements", pd.DataFrame(rows, columns=COLUMNS).astype({"value": float}))
            cur.execute(sql("insert_measurements"))
            cur.unregister("incoming_measurements")
    workspace.touch()
    return changes
