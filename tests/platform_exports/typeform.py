"""Typeform exports (docs/FORMATS.md §5): ``#`` token first, one opinion-scale question per outcome and
measure (numbers 1–5), a hidden field, then ``Response Type``, ``Start Date (UTC)``, ``Stage
Date (UTC)``, ``Submit Date (UTC)``, ``Network ID``, ``Tags``; partial responses unsubmitted.
"""

from __future__ import annotations

import random

from tests.platform_exports.files import text_bytes, xlsx_bytes
from tests.platform_exports.model import Export, Survey, keep


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def typeform(survey: Survey, *, fmt: str = "csv", seed: int = 0, keep_partial: bool = False) -> Export:
    rng = random.Random(seed)
    header = ["#", "Which travel tool do you use today?"]
    cells = [lambda r, n: r.tool]
    for o, outcome in enumerate(survey.outcomes):
        header.append(f"How important is it to you to {_lower_first(outcome.statement)}?")
        cells.append(lambda r, n, o=o: r.importance[o])
    for o, outcome in enumerate(survey.outcomes):
        header.append(f"How satisfied are you today with how well you can {_lower_first(outcome.statement)}?")
        cells.append(lambda r, n, o=o: r.satisfaction[o])
    header += [
        "utm_source",
        "Response Type",
        "Start Date (UTC)",
        "Stage Date (UTC)",
        "Submit Date (UTC)",
        "Network ID",
        "Tags",
    ]
    tokens = [f"{rng.getrandbits(128):032x}" for _ in survey.respondents]
    rows = [header]
    for n, r in enumerate(survey.respondents):
        partial = r.status == "partial"
        rows.append(
            [tokens[n]]
            + [cell(r, n) for cell in cells]
            + [
                "newsletter",
                "partial" if partial else "completed",
                "2018-04-03 09:05:14",
                "2018-04-03 09:05:30",
                "" if partial else "2018-04-03 09:05:40",
                f"{rng.getrandbits(40):010x}",
                "",
            ]
        )
    kept, drops = keep(survey, {"partial"}, keep_partial)
    order = list(range(len(survey.outcomes)))
    data = xlsx_bytes(rows) if fmt == "xlsx" else text_bytes(rows)
    return Export(
        data,
        f"responses.{fmt}",
        survey,
        kept,
        [tokens[survey.respondents.index(r)] for r in kept],
        order,
        [o.statement for o in survey.outcomes],
        ["Unassigned"] * len(order),
        drops,
        competitors=False,
    )
