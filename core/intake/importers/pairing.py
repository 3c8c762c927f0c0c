"""The pairing rules: which column is the importance, the satisfaction or a competitor's
satisfaction of which outcome, in which job step. One place for every platform.

**Evidence before pairing.** A column is an importance or satisfaction rating only when it has
rating values on a scale (or sits in a grid of them) AND something positive says which
measure: its answers' labels, its wording, its scale header or header marker, or the user's
confirmed mapping (:mod:`core.intake.importers.mapped`). Text entries and columns whose answers
are not ratings never qualify, whatever words they contain; declarative and consent text says
nothing (:func:`core.intake.importers.wording.measures_in`). Measure of a rating column, first
rule that speaks:

1. **answer labels** — the answers' label vocabulary is decisively importance or satisfaction;
2. **scale header** / **question wording** / **header marker** — the side-by-side scale header,
   the question text, or an ``[Imp]``/``Sat:`` marker says important or satisfied (several
   phrasings, :mod:`core.intake.importers.wording`); when labels and wording disagree the labels win
   and a warning names the column;
3. **block order** — only inside one question whose wording names both measures (a side-by-side
   or dual-scale question "How important … and how satisfied …" whose scales have no header):
   its first scale is importance, the next satisfaction. Block order never pairs separate
   questions: two grids listing the same statements with nothing saying what they measure
   (Microsoft Forms numbers, LimeSurvey codes, Loop & Merge iterations) stay unplaced.

Outcome of a satisfaction column: the importance column with the same **statement text** (or
**subquestion code**); failing that the same **ImportId recode** or **column order** within
the matching grid (both grids already have their measure by evidence). An outcome with several
satisfaction columns keeps the one about the respondent's own solution; the others are
**competitor** ratings when their wording names the solution — an unnamed extra satisfaction
question is never turned into an invented competitor, it is left unplaced. Job steps come from
each grid's wording ("When you <step>, how important …"); otherwise "Unassigned". A column that
looks like ratings but no rule places is kept as an attribute and listed as not recognised
(the app then shows the column-mapping screen).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from core.intake.current_solution import is_current_solution
from core.intake.importers.answers import Profile, profile, ratings_by_company
from core.intake.importers.mapping import (
    ATTRIBUTE,
    COMPETITOR,
    CURRENT_SOLUTION,
    IGNORE,
    IMPORTANCE,
    NOT_RECOGNISED,
    SATISFACTION,
    ColumnMapping,
    ColumnRole,
)
from core.intake.importers.pairing_log import rule_notes
from core.intake.importers.platforms.table import ID, META, QUESTION, UNKNOWN_PLATFORM, PlatformTable, SurveyColumn
from core.intake.importers.wording import (
    header_marker,
    measure_in,
    measures_in,
    solution_in,
    statement_in_question,
    step_in,
)
from core.intake.labels import normalise_text
from core.intake.report import Message

SINGLE_QUESTION = "a single question that names no measure"
UNNAMED_SOLUTION = "another satisfaction question for the same outcome that names no solution"
CURRENT_SOLUTION_RULE = "its question asks which solution the respondent uses now"
FREE_TEXT = "a text entry (free text is never a rating)"
_TEXT_ENTRY = ("open-ended response", "open-ended responses", "other (please specify)", "other - write in")


def free_text(column: SurveyColumn) -> bool:
    """A text-entry column: Qualtrics ``…_TEXT``, SurveyMonkey "Open-Ended Response" / "Other (please specify)"."""
    return (
        column.block.upper().endswith("_TEXT")
        or column.header.upper().endswith("_TEXT")
        or column.statement.strip().lower() in _TEXT_ENTRY
    )


@dataclass
class _Rated:
    column: SurveyColumn
    measure: str | None
    rule: str
    statement: str
    competitor: str = ""
    outcome: int | None = None  # index into the outcome list
    pair_rule: str = ""

    @property
    def key(self) -> str:
        return normalise_text(self.statement)


def _question_measure(column: SurveyColumn) -> str | None:
    """The measure the question's wording names, when it names one; a question naming both (one
    question for both scales) says nothing about a single column (block order decides inside it)."""
    named = measures_in(column.question)
    return named[0] if len(named) == 1 or (named and not _is_scale(column)) else None


def _is_scale(column: SurveyColumn) -> bool:
    """Whether the column is one scale of a multi-scale question (Qualtrics ``Q7#1``, LimeSurvey dual scale)."""
    return "#" in column.block


def _measure(column: SurveyColumn, found: Profile, warnings: list[Message], where: str) -> tuple[str | None, str]:
    worded = [(measure_in(column.scale_header), "scale header"), (_question_measure(column), "question wording")]
    marker = header_marker(column.header)
    if marker:
        worded.append((marker[0], "header marker"))
    by_words = next(((m, rule) for m, rule in worded if m), (None, ""))
    if found.family:
        if by_words[0] and by_words[0] != found.family:
            warnings.append(
                Message(
                    f"The {by_words[1]} says {by_words[0]} but the answers are {found.family} labels; "
                    f"the column was read as {found.family}.",
                    f"{where}, column '{column.header}'",
                    "Check the question, or set the column's role on the column-mapping screen.",
                )
            )
        return found.family, "answer labels"
    return by_words


def _statement(column: SurveyColumn, measure: str | None) -> str:
    if column.statement:
        return column.statement
    marker = header_marker(column.header)
    if marker:
        return marker[1]
    return (
        statement_in_question(column.question or column.header, measure or "") if measure else None
    ) or column.header


def _by_block_order(rated: list[_Rated]) -> None:
    """Ratings with no measure, inside one question whose wording names both measures (in order):
    its scales in column order take the measures in the order the wording names them. Nothing
    else is decided by position: grids of separate questions, Loop & Merge iterations and loose
    columns repeating a statement stay unplaced without evidence."""
    questions: dict[str, list[_Rated]] = defaultdict(list)
    for r in rated:
        if r.measure is None and _is_scale(r.column):
            questions[r.column.block.split("#")[0]].append(r)
    for members in questions.values():
        named = measures_in(members[0].column.question)
        scales = list(dict.fromkeys(r.column.block for r in members))
        if len(named) != 2 or len(scales) != 2:
            continue
        for r in members:
            r.measure, r.rule = named[scales.index(r.column.block)], "block order"


def _aligned_blocks(rated: list[_Rated]) -> dict[str, str]:
    """Each satisfaction grid → the importance grid it goes with: the one sharing most statements
    (the nearest one before it on a tie), else the one at the same place in the block order."""
    first: dict[str, int] = {}
    keys: dict[str, set[str]] = defaultdict(set)
    for r in rated:
        first.setdefault(r.column.block, r.column.index)
        keys[r.column.block].add(r.key)
    imp_blocks = list(dict.fromkeys(r.column.block for r in rated if r.measure == IMPORTANCE and r.column.block))
    sat_blocks = list(dict.fromkeys(r.column.block for r in rated if r.measure == SATISFACTION and r.column.block))
    aligned = {}
    for position, block in enumerate(sat_blocks):

        def rank(imp: str, block: str = block) -> tuple[int, bool, int]:
            return len(keys[imp] & keys[block]), first[imp] < first[block], -abs(first[block] - first[imp])

        best = max(imp_blocks, key=rank, default=None)
        if best is not None and keys[best] & keys[block]:
            aligned[block] = best
        elif len(sat_blocks) == len(imp_blocks):
            aligned[block] = imp_blocks[position]
        elif len(imp_blocks) == 1:
            aligned[block] = imp_blocks[0]
    return aligned


class _Pairing:
    """Outcomes numbered one per importance column; each satisfaction column matched to one."""

    def __init__(self, rated: list[_Rated]):
        self.importance = [r for r in rated if r.measure == IMPORTANCE]
        self.by_key: dict[str, list[_Rated]] = defaultdict(list)
        self.by_block: dict[str, list[_Rated]] = defaultdict(list)
        self.satisfaction_grids: dict[str, list[_Rated]] = defaultdict(list)
        for number, r in enumerate(self.importance):
            r.outcome, r.pair_rule = number, "importance column"
            self.by_key[r.key].append(r)
            self.by_block[r.column.block].append(r)
        for r in rated:
            if r.measure == SATISFACTION:
                self.satisfaction_grids[r.column.block].append(r)
        self.aligned = _aligned_blocks(rated)
        self.taken: Counter[tuple[int | None, str]] = Counter()
        outcomes = len(self.importance)
        for r in rated:
            if r.measure != SATISFACTION:
                continue
            match, rule = self.match(r)
            if match is None:
                r.outcome, r.pair_rule, outcomes = outcomes, "unpaired (no importance column)", outcomes + 1
            else:
                r.outcome, r.pair_rule = match.outcome, rule
                self.taken[(match.outcome, r.column.block)] += 1

    def match(self, r: _Rated) -> tuple[_Rated | None, str]:
        column = r.column
        candidates = self.by_key.get(r.key, [])
        if candidates:

            def rank(c: _Rated) -> tuple[bool, bool, bool]:
                return (
                    self.taken[(c.outcome, column.block)] > 0,
                    c.column.loop != column.loop,
                    c.column.block != self.aligned.get(column.block, c.column.block),
                )

            return min(candidates, key=rank), "subquestion code" if column.statement_is_code else "statement text"
        grid = self.by_block.get(self.aligned.get(column.block, ""), [])
        if column.code:
            coded = [c for c in grid if c.column.code == column.code and c.column.loop == column.loop]
            if coded:
                return coded[0], "ImportId recode" if column.codebook_keys else "answer code"
        own = self.satisfaction_grids.get(column.block, [])
        if column.block and len(grid) >= 2 and len(grid) == len(own):  # two lone columns are no grid
            return grid[own.index(r)], "column order"
        return None, ""


def _competitors(rated: list[_Rated]) -> None:
    """An outcome with several satisfaction columns: the unnamed one is the respondent's own
    solution; the others rate named competitors."""
    by_outcome: dict[int, list[_Rated]] = defaultdict(list)
    for r in rated:
        if r.measure == SATISFACTION and r.outcome is not None:
            by_outcome[r.outcome].append(r)
    for group in by_outcome.values():
        if len(group) < 2:
            continue
        names = {id(r): solution_in(r.column.scale_header) or solution_in(r.column.question) for r in group}
        ordered = sorted(group, key=lambda r: names[id(r)] is not None)
        for r in ordered[1:]:
            name = names[id(r)]
            if name is None:  # no invented competitors: the user names it on the mapping screen
                r.measure, r.rule = None, UNNAMED_SOLUTION
                continue
            r.measure, r.competitor = COMPETITOR, name
            r.rule = f"{r.rule}; another satisfaction question ({name})"


def _current_solution(table: PlatformTable, roles: dict[int, ColumnRole]) -> None:
    """The first attribute whose header or question names the respondent's current solution
    (:mod:`core.intake.current_solution`) gets that role, so competitors can be scored from it.
    Its answers may be choice numbers (a "numeric values" export: 1, 2, 3 look like ratings), so a
    single question naming no measure qualifies too; the wording rule never names a rating."""
    plain = ("answers are not ratings", SINGLE_QUESTION)
    candidates = [c for c in table.columns if c.kind == QUESTION and roles[c.index].rule in plain]
    for column in candidates:
        if is_current_solution(column.header) or is_current_solution(column.question):
            roles[column.index] = replace(roles[column.index], role=CURRENT_SOLUTION, rule=CURRENT_SOLUTION_RULE)
            return


def propose(table: PlatformTable) -> tuple[ColumnMapping, list[int], list[Message]]:
    """The proposed mapping of ``table``, the columns not recognised, and warnings."""
    warnings: list[Message] = []
    roles: dict[int, ColumnRole] = {}
    rated: list[_Rated] = []
    unrecognised = []
    questions = [c for c in table.columns if c.kind == QUESTION]
    by_company = ratings_by_company(questions)
    for column in table.columns:
        if column.kind != QUESTION:
            rule = {META: "platform metadata", ID: "respondent id"}.get(column.kind, "platform bookkeeping")
            roles[column.index] = ColumnRole(column.index, column.header, IGNORE, rule=rule)
            continue
        if free_text(column):
            roles[column.index] = ColumnRole(column.index, column.header, ATTRIBUTE, rule=FREE_TEXT)
            continue
        found = profile(column)
        if not (found.rating_like or column.index in by_company):
            roles[column.index] = ColumnRole(column.index, column.header, ATTRIBUTE, rule="answers are not ratings")
            continue
        measure, rule = _measure(column, found, warnings, table.where)
        rated.append(_Rated(column, measure, rule, _statement(column, measure)))
    _by_block_order(rated)
    importance = _Pairing(rated).importance
    steps = {r.outcome: step_in(r.column.question) or "" for r in importance}
    for r in rated:
        if r.outcome is not None:
            steps.setdefault(r.outcome, step_in(r.column.question) or "")
    _competitors(rated)
    complete = {r.outcome for r in rated if r.measure == IMPORTANCE} & {
        r.outcome for r in rated if r.measure == SATISFACTION
    }
    for r in rated:
        if r.measure is None:
            if r.rule == UNNAMED_SOLUTION:
                rule = UNNAMED_SOLUTION
            elif not r.column.statement and table.platform != UNKNOWN_PLATFORM:
                rule = SINGLE_QUESTION
            else:
                rule = NOT_RECOGNISED
            if rule != SINGLE_QUESTION or not complete:  # nothing to score: every rating-like column is asked about
                unrecognised.append(r.column.index)
            roles[r.column.index] = ColumnRole(r.column.index, r.column.header, ATTRIBUTE, rule=rule)
            continue
        assert r.outcome is not None  # every rated column was given an outcome by the pairing
        roles[r.column.index] = ColumnRole(
            r.column.index,
            r.column.header,
            r.measure,
            outcome=f"O{r.outcome + 1}",
            statement=r.statement,
            step=steps.get(r.outcome, ""),
            competitor=r.competitor,
            rule=r.rule,
            pair_rule=r.pair_rule,
        )
    _current_solution(table, roles)
    mapping = ColumnMapping([roles[c.index] for c in table.columns], table.id_column)
    mapping.notes = rule_notes(mapping)
    return mapping, unrecognised, warnings
