"""Real-looking exports of surveys that are NOT Jobs-to-be-Done surveys (issue 11): nothing in them
rates the importance or the satisfaction of an outcome, so no import may ever score them.

* :func:`limesurvey_wellbeing` — a LimeSurvey export (BOM, ``;``, all quoted) with a consent
  question whose text says "important", a display text, a two-scale array (``Question [Row][Scale 1]``
  headings, answers 1–5), free text and demographics — once read as importance (the consent)
  plus outcomes "Scale 1"/"Scale 2" with the other rows invented as competitors "Solution 2–5".
* :func:`qualtrics_time_use` — a 2018-style Qualtrics numeric export with Loop & Merge (``3_Q5_2``,
  ``{"ImportId":"3_QID5_2"}``): seven iterations of a "% of time" grid coded 1–5, padded to 2,000+
  columns with other loops' text entries and embedded data — once read as 59 importance/satisfaction
  columns paired by block order and 7 invented competitor sets.
"""

from __future__ import annotations

import json
import random

from tests.platform_exports.files import text_bytes

CONSENT = (
    "This study is important to our understanding of student wellbeing. Your answers are anonymous and you "
    "may stop at any time. Do you consent to take part?"
)
DISPLAY = "Thank you. The next questions are important: please answer them honestly."
ARRAY = "How often, and how intensely, do you feel each of the following?"
ROWS = ["Tired", "Stressed", "Lonely", "Hopeful", "Focused"]


def limesurvey_wellbeing(respondents: int = 40, seed: int = 5, answers: str = "numbers") -> bytes:
    """The LimeSurvey file; ``answers`` "numbers" (answer codes read as their numbers) or "codes" (A1…)."""
    rng = random.Random(seed)
    header = ["Response ID", "Date submitted", "Last page", "Start language", "Seed", "Date started"]
    header += [CONSENT, DISPLAY]
    for row in ROWS:
        header += [f"{ARRAY} [{row}][Scale 1]", f"{ARRAY} [{row}][Scale 2]"]
    header += ["What is important to you about your studies?", "Age", "How satisfied are you? Tell us why."]
    rows = [header]
    for n in range(1, respondents + 1):

        def point() -> str:
            value = rng.randint(1, 5)
            return f"A{value}" if answers == "codes" else str(value)

        consent = "A1" if answers == "codes" else "1"
        row = [str(n), "2024-03-01 10:00:00", "4", "en", str(1000 + n), "2024-03-01 09:50:00", consent, ""]
        row += [point() for _ in range(2 * len(ROWS))]
        row += [
            rng.choice(["Learning things that matter", "It is important to finish", "My friends", ""]),
            str(rng.randint(18, 40)),
            rng.choice(["Satisfied with most of it, not the food", "Not very, too much work", ""]),
        ]
        rows.append(row)
    return text_bytes(rows, delimiter=";", quote_all=True, bom=True, blank_last_line=True)


TASKS = ["Email", "Meetings", "Reports", "Calls", "Travel", "Planning", "Training", "Admin", "Research"]


def qualtrics_time_use(respondents: int = 25, loops: int = 7, padding: int = 2000, seed: int = 7) -> bytes:
    """The Qualtrics file (numeric values, 3 header rows, Loop & Merge), about ``padding`` columns wide."""
    rng = random.Random(seed)
    meta = [
        ("StartDate", "Start Date", "startDate"),
        ("EndDate", "End Date", "endDate"),
        ("Status", "Response Type", "status"),
        ("Progress", "Progress", "progress"),
        ("Duration (in seconds)", "Duration (in seconds)", "duration"),
        ("Finished", "Finished", "finished"),
        ("RecordedDate", "Recorded Date", "recordedDate"),
        ("ResponseId", "Response ID", "_recordId"),
    ]
    tags = [m[0] for m in meta]
    texts = [m[1] for m in meta]
    ids = [json.dumps({"ImportId": m[2]}, separators=(",", ":")) for m in meta]
    kinds = ["meta"] * len(meta)
    per_loop = [9, 9, 8, 8, 8, 9, 8][:loops] + [8] * max(0, loops - 7)
    for loop in range(1, loops + 1):
        for j, task in enumerate(TASKS[: per_loop[loop - 1]], 1):
            tags.append(f"{loop}_Q5_{j}")
            texts.append(f"What % of time do you spend on each of these in a typical week? - {task}")
            ids.append(json.dumps({"ImportId": f"{loop}_QID5_{j}"}, separators=(",", ":")))
            kinds.append("share")
    k = 0
    while len(tags) < padding:
        k += 1
        tags.append(f"{k % 40 + 1}_Q{k // 40 + 10}_TEXT")
        texts.append(f"Describe task {k} - Text")
        ids.append(json.dumps({"ImportId": f"{k % 40 + 1}_QID{k // 40 + 10}_TEXT"}, separators=(",", ":")))
        kinds.append("text")
    rows = [tags, texts, ids]
    for n in range(respondents):
        row = []
        for tag, kind in zip(tags, kinds, strict=True):
            if kind == "meta":
                row.append(
                    {
                        "Status": "0",
                        "Progress": "100",
                        "Finished": "1",
                        "ResponseId": f"R_{n:015d}",
                        "Duration (in seconds)": "300",
                    }.get(tag, "2018-05-04 10:11:12")
                )
            elif kind == "share":
                row.append(str(rng.randint(1, 5)))
            else:
                row.append(rng.choice(["", "", "some notes"]))
        rows.append(row)
    return text_bytes(rows)
