"""LimeSurvey exports (docs/FORMATS.md §7): UTF-8 BOM, ``;``, every field quoted, ``\\r\\n`` and a white
line at the end; headings as codes ``G02Q01[SQ001]`` or text ``Question [Subquestion]``;
answers as codes ``A1``…``A5`` (with a code,label codebook) or answer text; incomplete
responses without a submitdate.
"""

from __future__ import annotations

from tests.platform_exports.files import text_bytes
from tests.platform_exports.model import IMPORTANCE, SATISFACTION, Export, Survey, keep, step_label

META = ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp"]
META_TEXT = ["Response ID", "Date submitted", "Last page", "Start language", "Seed", "Date started", "Date last action"]


def limesurvey(
    survey: Survey, *, headings: str = "codes", answers: str = "codes", keep_partial: bool = False
) -> tuple[Export, bytes]:
    """The export and its codebook (question,code,label CSV)."""
    header = [*(META if headings == "codes" else META_TEXT), "G01Q01" if headings == "codes" else "Which tool?"]
    cells = [lambda r, n: r.tool]
    codebook = [["question", "code", "label"]]
    order, statements = [], []
    for s, members in enumerate(survey.by_step()):
        step = survey.steps[s]
        for q, (question, labels, value) in enumerate(
            (
                (f"When you {step}, how important is each of the following?", IMPORTANCE, lambda r, o: r.importance[o]),
                (
                    f"When you {step}, how satisfied are you with your current solution?",
                    SATISFACTION,
                    lambda r, o: r.satisfaction[o],
                ),
            ),
            1,
        ):
            code = f"G{s + 2:02d}Q{q:02d}"
            codebook += [[code, f"A{p}", label] for p, label in enumerate(labels, 1)]
            for j, o in enumerate(members, 1):
                header.append(
                    f"{code}[SQ{j:03d}]" if headings == "codes" else f"{question} [{survey.outcomes[o].statement}]"
                )
                cells.append(
                    lambda r, n, o=o, value=value, labels=labels: (
                        ""
                        if value(r, o) is None
                        else (f"A{value(r, o)}" if answers == "codes" else labels[value(r, o) - 1])
                    )
                )
        order += members
        statements += [
            f"SQ{j:03d}" if headings == "codes" else survey.outcomes[o].statement for j, o in enumerate(members, 1)
        ]
    rows = [header]
    for n, r in enumerate(survey.respondents, 1):
        submitted = "" if r.status == "partial" else "2024-05-02 10:11:12"
        rows.append(
            [str(n), submitted, "3", "en", str(1000 + n), "2024-05-02 10:01:02", "2024-05-02 10:11:12"]
            + [cell(r, n) for cell in cells]
        )
    kept, drops = keep(survey, {"partial"}, keep_partial)
    ids = [str(survey.respondents.index(r) + 1) for r in kept]
    steps = [step_label(survey.steps[survey.outcomes[o].step]) if headings == "text" else "Unassigned" for o in order]
    data = text_bytes(rows, delimiter=";", quote_all=True, bom=True, blank_last_line=True)
    return (
        Export(data, "results-survey123456.csv", survey, kept, ids, order, statements, steps, drops, competitors=False),
        text_bytes(codebook),
    )
