"""The pairing rules: which column is the importance, the satisfaction or a competitor's
satisfaction of which outcome, in which job step. One place for every platform.

Measure of a rating column, first rule that speaks:

1. **answer labels** — the answers' label vocabulary is decisively importance or satisfaction;
2. **scale header** / **question wording** / **header marker** — the side-by-side scale header,
   the question text, or an ``[Imp]``/``Sat:`` marker says important or satisfied (several
   phrasings, :mod:`core.intake.importers.wording`); when labels and wording disagree the labels win
   and a warning names the column;
3. **block order** — a statement that appears several times with nothing else to tell them
   apart (Microsoft Forms, LimeSurvey codes): the first is importance, the next satisfaction.

Outcome of a satisfaction column: the importance column with the same **statement text** (or
**subquestion code**); failing that the same **ImportId recode** or **column order** within
the matching grid. An outcome with several satisfaction columns keeps the one about the
respondent's own solution; the others are **competitor** ratings, named from the wording.
Job steps come from each grid's wording ("When you <step>, how important …"); otherwise
"Unassigned". A column that looks like ratings but no rule places is kept as an attribute and
listed as not recognised.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from core.intake.importers.answers import Profile, profile, ratings_by_company
from core.intake.importers.mapping import (
    ATTRIBUTE,
    COMPETITOR,
    IGNORE,
    IMPORTANCE,
    NOT_RECOGNISED,
    SATISFACTION,
    ColumnMapping,
    ColumnRole,
)
from core.intake.importers.pairing_log import rule_notes
from core.intake.importers.platforms.table import ID, META, QUESTION, UNKNOWN_PLATFORM, PlatformTable, SurveyColumn
from core.intake.importers.wording import header_marker, measure_in, solution_in, statement_in_question, step_in
from core.intake.labels import normalise_text
from core.intake.report import Message

SINGLE_QUESTION = "a single question that names no measure"


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


def _measure(column: SurveyColumn, found: Profile, warnings: list[Message], where: str) -> tuple[str | None, str]:
    worded = [(measure_in(column.scale_header), "scale header"), (measure_in(column.question), "question wording")]
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
    """Ratings with no measure: of grids listing the same statements one after the other (in one
    section), the first is importance and the next satisfaction; loose columns (Microsoft Forms)
    go by each statement's first and later occurrences."""
    grids: dict[str, list[_Rated]] = defaultdict(list)
    for r in rated:
        if r.measure is None and r.column.block:
            grids[r.column.block].append(r)
    runs: list[list[list[_Rated]]] = []  # consecutive grids of one section listing the same statements
    for members in grids.values():
        last = runs[-1][-1] if runs else None
        if (
            last
            and {r.key for r in last} == {r.key for r in members}
            and last[0].column.section == members[0].column.section
        ):
            runs[-1].append(members)
        else:
            runs.append([members])
    for run in runs:
        for position, members in enumerate(run if len(run) > 1 else []):
            for r in members:
                r.measure, r.rule = (IMPORTANCE if position == 0 else SATISFACTION), "block order"
    by_key: dict[str, list[_Rated]] = defaultdict(list)
    for r in rated:
        if not r.column.block:
            by_key[r.key].append(r)
    for group in by_key.values():
        if len(group) < 2:
            continue
        has_importance = any(r.measure == IMPORTANCE for r in group)
        for r in group:
            if r.measure is None:
                r.measure, r.rule = (SATISFACTION if has_importance else IMPORTANCE), "block order"
                has_importance = True


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
    sat_blocks = list(dict.fromkeys(r.column.block for r in rated if r.measure == SATISFACTION))
    for group in by_outcome.values():
        if len(group) < 2:
            continue
        names = {id(r): solution_in(r.column.scale_header) or solution_in(r.column.question) for r in group}
        ordered = sorted(group, key=lambda r: names[id(r)] is not None)
        for r in ordered[1:]:
            name = names[id(r)] or f"Solution {sat_blocks.index(r.column.block) + 1}"
            r.measure, r.competitor = COMPETITOR, name
            r.rule = f"{r.rule}; another satisfaction question ({name})"


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
    for r in rated:
        if r.measure is None and not r.column.statement and table.platform != UNKNOWN_PLATFORM:
            roles[r.column.index] = ColumnRole(r.column.index, r.column.header, ATTRIBUTE, rule=SINGLE_QUESTION)
            continue
        if r.measure is None:
            unrecognised.append(r.column.index)
            roles[r.column.index] = ColumnRole(r.column.index, r.column.header, ATTRIBUTE, rule=NOT_RECOGNISED)
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
    mapping = ColumnMapping([roles[c.index] for c in table.columns], table.id_column)
    mapping.notes = rule_notes(mapping)
    return mapping, unrecognised, warnings
