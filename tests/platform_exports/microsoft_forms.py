"""Microsoft Forms exports (docs/FORMATS.md §4): ``ID, Start time, Completion time, Email, Name, Last
modified time``, then statement-only headers that repeat between the importance block and the
satisfaction block; optionally shuffled columns (a known Forms issue) or rating numbers.
"""

from __future__ import annotations

import datetime as dt
import random

from tests.platform_exports.files import xlsx_bytes
from tests.platform_exports.model import IMPORTANCE, SATISFACTION, Export, Survey


def microsoft_forms(survey: Survey, *, shuffled: bool = False, values: str = "labels", seed: int = 0) -> Export:
    """One .xlsx sheet; ``values`` "labels" or "numbers" (a Forms rating question)."""
    numeric = values == "numbers"
    columns = []  # (header, cell, measure, outcome)
    for measure, labels in (("importance", IMPORTANCE), ("satisfaction", SATISFACTION)):
        for o, outcome in enumerate(survey.outcomes):

            def cell(r, n, o=o, measure=measure, labels=labels):
                value = getattr(r, measure)[o]
                return None if value is None else (value if numeric else labels[value - 1])

            columns.append((outcome.statement, cell, measure, o))
    if shuffled:
        random.Random(seed).shuffle(columns)
    header = (
        [
            "ID",
            "Start time",
            "Completion time",
            "Email",
            "Name",
            "Last modified time",
            "Which travel tool do you use today?",
        ]
        + [c[0] for c in columns]
        + ["Anything else?"]
    )
    rows = [header]
    for n, r in enumerate(survey.respondents, 1):
        start = dt.datetime(2025, 8, 20, 12, 51, 45) + dt.timedelta(hours=n)
        rows.append(
            [n, start, start + dt.timedelta(minutes=3), "anonymous", None, None, r.tool]
            + [c[1](r, n) for c in columns]
            + [r.comment or None]
        )
    order = [c[3] for c in columns if c[2] == "importance"]
    kept = list(survey.respondents)
    return Export(
        xlsx_bytes(rows, "Sheet1"),
        "Travel survey(1-12).xlsx",
        survey,
        kept,
        [str(n) for n in range(1, len(kept) + 1)],
        order,
        [survey.outcomes[o].statement for o in order],
        ["Unassigned"] * len(order),
        competitors=False,
    )
