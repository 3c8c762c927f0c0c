"""Property tests: random surveys written as every platform's export with random quirks.

Each example draws a survey (sizes, missing answers, respondents the filters must drop,
competitors) and a platform with a random combination of its quirks (format, BOM, HTML,
value mode, layout, encoding, shuffling, …), writes the real file, imports it and checks that
the import never raises and recovers exactly what was written. A second property mangles the
header and data cells of real exports at random: the import may refuse, but never crashes.
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.intake.importers import import_survey
from core.intake.importers.assemble import LABEL_TIE
from core.intake.importers.codebook import load_codebook
from tests.platform_exports.alchemer import alchemer
from tests.platform_exports.files import text_bytes
from tests.platform_exports.google_forms import google_forms
from tests.platform_exports.limesurvey import limesurvey
from tests.platform_exports.microsoft_forms import microsoft_forms
from tests.platform_exports.model import make_survey
from tests.platform_exports.qualtrics import qualtrics, qualtrics_qsf
from tests.platform_exports.recovered import assert_recovered
from tests.platform_exports.surveymonkey import surveymonkey
from tests.platform_exports.typeform import typeform
from tests.unit.xlsx_helpers import assert_actionable, messages

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def surveys(draw, statuses: tuple[str, ...] = ()):
    drops = {s: draw(st.integers(0, 2)) for s in statuses}
    competitors = tuple(
        draw(st.lists(st.sampled_from(["Acme Travel", "Globex Trips", "Initech"]), max_size=2, unique=True))
    )
    return make_survey(
        draw(st.integers(0, 10_000)),
        respondents=draw(st.integers(1, 8)),
        steps=draw(st.integers(1, 3)),
        per_step=draw(st.integers(1, 4)),
        competitors=competitors,
        missing=draw(st.sampled_from([0.0, 0.1, 0.4])),
        statuses=drops,
        traps=draw(st.booleans()),
    )


@st.composite
def exports(draw):
    """(export, import options) for a random platform and quirks."""
    platform = draw(
        st.sampled_from(["qualtrics", "surveymonkey", "google", "microsoft", "alchemer", "limesurvey", "typeform"])
    )
    keep_partial = draw(st.booleans())
    if platform == "qualtrics":
        survey = draw(surveys(("preview", "test", "spam", "partial")))
        values, reversed_codes = draw(st.sampled_from(["text", "numeric"])), draw(st.booleans())
        layout = draw(st.sampled_from(["matrices", "side_by_side", "loop"]))
        bipolar = draw(st.booleans())
        export = qualtrics(
            survey,
            values=values,
            fmt=draw(st.sampled_from(["csv", "tsv", "xlsx"])),
            layout=layout,
            bom=draw(st.booleans()),
            html=draw(st.booleans()),
            minus99=draw(st.booleans()),
            reversed_codes=reversed_codes,
            bipolar=bipolar,
            keep_partial=keep_partial,
            seed=draw(st.integers(0, 9)),
        )
        options = {"keep_partial": keep_partial, "direction": "reverse" if reversed_codes else "as_is"}
        if values == "numeric" and draw(st.booleans()):
            options = {
                "keep_partial": keep_partial,
                "codebook": load_codebook(
                    qualtrics_qsf(survey, reversed_codes=reversed_codes, bipolar=bipolar, layout=layout), "s.qsf"
                ),
            }
        return export, options
    survey = draw(surveys(("partial",) if platform in ("alchemer", "limesurvey", "typeform") else ()))
    if platform == "surveymonkey":
        values = draw(st.sampled_from(["text", "numeric"]))
        export = surveymonkey(
            survey,
            fmt=draw(st.sampled_from(["xlsx", "csv"])),
            values=values,
            bipolar=draw(st.booleans()),
            nbsp=draw(st.booleans()),
            excel_ids=draw(st.booleans()),
        )
        return export, {"direction": "as_is"}
    if platform == "google":
        export = google_forms(
            survey,
            path=draw(st.sampled_from(["forms", "sheets_csv", "sheets_xlsx"])),
            values=draw(st.sampled_from(["labels", "numbers"])),
            email=draw(st.booleans()),
        )
        return export, {}
    if platform == "microsoft":
        shuffled = draw(st.booleans())
        export = microsoft_forms(
            survey,
            shuffled=shuffled,
            seed=draw(st.integers(0, 99)),
            # bare rating numbers under repeated statements say nothing of the measure (issue 11 item 1):
            # they need the user's mapping (test_platform_microsoft_forms), so they are no random case here
            values="labels",
        )
        return export, {}
    if platform == "alchemer":
        export = alchemer(
            survey,
            encoding=draw(st.sampled_from(["utf-8", "cp1252"])),
            nbsp=draw(st.booleans()),
            keep_partial=keep_partial,
        )
        return export, {"keep_partial": keep_partial}
    if platform == "limesurvey":
        headings, answers = draw(st.sampled_from(["codes", "text"])), draw(st.sampled_from(["codes", "text"]))
        export, book = limesurvey(survey, headings=headings, answers=answers, keep_partial=keep_partial)
        # code headings with answer codes need the codebook: nothing else says what they measure (issue 11)
        coded = answers == "codes" and (headings == "codes" or draw(st.booleans()))
        codebook = load_codebook(book, "codes.csv") if coded else None
        return export, {"keep_partial": keep_partial, "direction": "as_is", "codebook": codebook}
    export = typeform(survey, fmt=draw(st.sampled_from(["csv", "xlsx"])), keep_partial=keep_partial)
    return export, {"keep_partial": keep_partial}


def _distinct_grids(export) -> bool:
    """Whether every outcome is told apart (a one-outcome grid repeated per step cannot be, by design)."""
    return len(set(zip(export.statements, export.steps, strict=True))) == len(export.statements)


@SETTINGS
@given(case=exports())
def test_every_platform_with_random_quirks_comes_back_exactly(case):
    export, options = case
    result = import_survey(export.data, export.file_name, **options)
    assert_actionable(result.report)
    assert result.ok, result.report.to_text()
    if not _distinct_grids(export):
        return
    try:
        assert_recovered(export, result, ordered=not export.file_name.startswith("Travel survey(1-12)"))
    except AssertionError:
        # answers that use only labels two scales read differently ("very satisfied" alone) come back
        # on one of them, and never silently (tests/unit/intake/test_label_ties.py)
        assert LABEL_TIE in messages(result.report), result.report.to_text()


def test_a_generated_survey_always_has_satisfaction_answers():
    """The cause of this module's old flakiness: seed 15 drew 2 respondents who skipped every
    satisfaction question, and a LimeSurvey "codes, answer text" export of that survey cannot say
    what its empty columns rate, so the import rightly failed. The generator now answers every
    question at least once, and the export comes back exactly."""
    survey = make_survey(15, respondents=2, steps=1, per_step=2, missing=0.4)
    for o in range(len(survey.outcomes)):
        assert any(r.satisfaction[o] is not None for r in survey.respondents)
        assert any(r.importance[o] is not None for r in survey.respondents)
    export, _ = limesurvey(survey, headings="codes", answers="text")
    result = import_survey(export.data, export.file_name, direction="as_is")
    assert result.ok, result.report.to_text()
    assert_recovered(export, result, ordered=True)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    platform=st.sampled_from(["qualtrics", "surveymonkey", "google", "alchemer", "limesurvey", "typeform"]),
    junk=st.lists(
        st.one_of(
            st.text(max_size=8),
            st.sampled_from(['{"ImportId":"QID9_1"}', "Response", "[x]", "#DIV/0!", "-99", "A7", ":", " - ", ""]),
        ),
        min_size=1,
        max_size=12,
    ),
)
def test_mangled_exports_never_crash(seed, platform, junk):
    survey = make_survey(seed, respondents=3, steps=1, per_step=2)
    writers = {
        "qualtrics": lambda: qualtrics(survey, fmt="csv"),
        "surveymonkey": lambda: surveymonkey(survey, fmt="csv"),
        "google": lambda: google_forms(survey),
        "alchemer": lambda: alchemer(survey),
        "limesurvey": lambda: limesurvey(survey)[0],
        "typeform": lambda: typeform(survey),
    }
    export = writers[platform]()
    text = export.data.decode("utf-8-sig", errors="replace")
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text), delimiter=";" if platform == "limesurvey" else ","))
    rng = random.Random(seed)
    for value in junk:
        row = rng.randrange(min(len(rows), 5))
        if rows[row]:
            rows[row][rng.randrange(len(rows[row]))] = value
    result = import_survey(text_bytes(rows), export.file_name)
    assert_actionable(result.report)
    assert result.ok == (result.survey is not None)
