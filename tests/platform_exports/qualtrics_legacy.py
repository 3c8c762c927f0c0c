"""Legacy Qualtrics exports (before 2017): ``V1…V10`` over the metadata names in row 2, export tags
over the question text joined to the statement by a bare ``-``, a BOM, a trailing comma, Status
0/1 (previews), Finished 1/0, and choice text or numeric values.
"""

from __future__ import annotations

from tests.platform_exports.files import text_bytes, xlsx_bytes
from tests.platform_exports.model import IMPORTANCE, SATISFACTION, TOOLS, Export, Survey, keep, step_label

META = [
    "ResponseID",
    "ResponseSet",
    "Name",
    "ExternalDataReference",
    "EmailAddress",
    "IPAddress",
    "Status",
    "StartDate",
    "EndDate",
    "Finished",
]


def qualtrics_legacy(survey: Survey, *, values: str = "text", fmt: str = "csv") -> Export:
    """A legacy export of ``survey``; ``values`` "text" (choice text) or "numeric" (1–5, as recoded)."""
    numeric = values == "numeric"
    tags = [f"V{k + 1}" for k in range(len(META))] + ["Q1"]
    texts = [*META, "Which travel tool do you use today?"]
    cells = [lambda r, n: TOOLS.index(r.tool) + 1 if numeric else r.tool]

    def rating(value, labels):
        return "" if value is None else (value if numeric else labels[value - 1])

    order = []
    for s, members in enumerate(survey.by_step()):
        step = survey.steps[s]
        grids = (
            (f"When you {step}, how important is each of the following to you?", IMPORTANCE, "importance"),
            (f"When you {step}, how satisfied are you with your current solution?", SATISFACTION, "satisfaction"),
        )
        for g, (question, labels, measure) in enumerate(grids):
            for j, o in enumerate(members, 1):
                tags.append(f"Q{10 + 2 * s + g}_{j}")
                texts.append(f"{question}-{survey.outcomes[o].statement}")
                cells.append(lambda r, n, o=o, labels=labels, m=measure: rating(getattr(r, m)[o], labels))
        order += members
    tags += ["LocationLatitude", "LocationLongitude", "LocationAccuracy"]
    texts += ["LocationLatitude", "LocationLongitude", "LocationAccuracy"]
    cells += [lambda r, n: "47.115097045898", lambda r, n: "7.2315979003906", lambda r, n: -1]
    rows = [tags, texts]
    for n, r in enumerate(survey.respondents):
        meta = [
            r.rid,
            "Default Response Set",
            "Anonymous",
            "",
            "",
            f"10.0.{n % 250}.1",
            1 if r.status == "preview" else 0,
            "2015-04-01 10:00:00",
            "2015-04-01 10:09:00",
            0 if r.status == "partial" else 1,
        ]
        rows.append(meta + [cell(r, n) for cell in cells])
    data = xlsx_bytes(rows) if fmt == "xlsx" else text_bytes([[*row, ""] for row in rows], bom=True)
    kept, drops = keep(survey, {"preview", "partial"})
    return Export(
        data,
        f"legacy_export.{fmt}",
        survey,
        kept,
        [r.rid for r in kept],
        order,
        [survey.outcomes[o].statement for o in order],
        [step_label(survey.steps[survey.outcomes[o].step]) for o in order],
        drops,
        competitors=False,
    )
