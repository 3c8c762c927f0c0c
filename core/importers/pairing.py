"""The pairing rules: which column is the importance, the satisfaction or a competitor's
satisfaction of which outcome, in which job step. One place for every platform.

Measure of a rating column, first rule that speaks:

1. **answer labels** — the answers' label vocabulary is decisively importance or satisfaction;
2. **scale header** / **question wording** / **header marker** — the side-by-side scale header,
   the question text, or an ``[Imp]``/``Sat:`` marker says important or satisfied (several
   phrasings, :mod:`core.importers.wording`); when labels and wording disagree the labels win
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

from core.importers.mapping import (
    ATTRIBUTE,
    COMPETITOR,
    IGNORE,
    IMPORTANCE,
    NOT_RECOGNISED,
    SATISFACTION,
    ColumnMapping,
    ColumnRole,
)
from core.importers.platforms.table import ID, META, QUESTION, PlatformTable, SurveyColumn
from core.importers.wording import header_marker, measure_in, solution_in, statement_in_question, step_in
from core.labels import label_book, normalise_text
from core.ratings import parse_column
from core.report import Message

RATED_SHARE = 0.9  # a column is ratings when this share of its answers are scale numbers or known labels


@dataclass
class Profile:
    """What a column's answers look like."""

    rating_like: bool
    family: str | None  # importance / satisfaction when the labels say so decisively
    numeric_only: bool  # answered, and only with numbers


def profile(column: SurveyColumn) -> Profile:
    """Read a column's distinct answers once (kept on the column): ratings or not, label family, numbers only."""
    if column.parsed is None:
        column.parsed = parse_column(column.values)
    parsed = column.parsed
    book = label_book()
    rated = answered = 0
    family_votes: Counter[str] = Counter()
    has_labels = False
    for cell, n in zip(parsed.cells, parsed.counts, strict=True):
        if cell.reason is not None or (cell.number is not None and cell.number < 0):
            continue  # missing, or a negative code (-99: seen but unanswered)
        answered += int(n)
        if cell.number is not None:
            rated += int(n) if cell.number.is_integer() and 0 <= cell.number <= 10 else 0
        elif cell.label is not None:
            has_labels = True
            families = book.families_known(cell.label)
            if families:
                rated += int(n)
                family_votes.update(families)
    ranked = family_votes.most_common()
    decisive = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
    return Profile(answered > 0 and rated >= RATED_SHARE * answered,
                   decisive if decisive in (IMPORTANCE, SATISFACTION) else None, answered > 0 and not has_labels)


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
            warnings.append(Message(
                f"The {by_words[1]} says {by_words[0]} but the answers are {found.family} labels; "
                f"the column was read as {found.family}.", f"{where}, column '{column.header}'",
                "Check the question, or set the column's role on the column-mapping screen."))
        return found.family, "answer labels"
    return by_words


def _statement(column: SurveyColumn, measure: str | None) -> str:
    if column.statement:
        return column.statement
    marker = header_marker(column.header)
    if marker:
        return marker[1]
    return (statement_in_question(column.question or column.header, measure or "") if measure else None) \
        or column.header


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
        if last and {r.key for r in last} == {r.key for r in members} and last[0].column.section == \
                members[0].column.section:
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
        self.taken: Counter[tuple[int, str]] = Counter()
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
                return (self.taken[(c.outcome, column.block)] > 0, c.column.loop != column.loop,
                        c.column.block != self.aligned.get(column.block, c.column.block))

            return min(candidates, key=rank), "subquestion code" if column.statement_is_code else "statement text"
        grid = self.by_block.get(self.aligned.get(column.block, ""), [])
        if column.code:
            coded = [c for c in grid if c.column.code == column.code and c.column.loop == column.loop]
            if coded:
                return coded[0], "ImportId recode" if column.codebook_keys else "answer code"
        own = self.satisfaction_grids.get(column.block, [])
        if column.block and grid and len(grid) == len(own):
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
    for column in table.columns:
        if column.kind in (META, ID) or column.kind != QUESTION:
            rule = {META: "platform metadata", ID: "respondent id"}.get(column.kind, "platform bookkeeping")
            roles[column.index] = ColumnRole(column.index, column.header, IGNORE, rule=rule)
            continue
        found = profile(column)
        if not found.rating_like:
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
        if r.measure is None:
            unrecognised.append(r.column.index)
            roles[r.column.index] = ColumnRole(r.column.index, r.column.header, ATTRIBUTE, rule=NOT_RECOGNISED)
            continue
        roles[r.column.index] = ColumnRole(
            r.column.index, r.column.header, r.measure, outcome=f"O{r.outcome + 1}", statement=r.statement,
            step=steps.get(r.outcome, ""), competitor=r.competitor, rule=r.rule, pair_rule=r.pair_rule)
    mapping = ColumnMapping([roles[c.index] for c in table.columns], table.id_column)
    mapping.notes = rule_notes(mapping)
    return mapping, unrecognised, warnings


def rule_counts(mapping: ColumnMapping) -> Counter[str]:
    """How many rating columns each rule decided: "measure: answer labels", "pair: statement text"…"""
    counts: Counter[str] = Counter()
    for c in mapping.rating_columns():
        counts[f"measure: {c.rule.split(';')[0]}"] += 1
        if c.role != IMPORTANCE and c.pair_rule:
            counts[f"pair: {c.pair_rule}"] += 1
    return counts


def rule_notes(mapping: ColumnMapping) -> list[str]:
    """The pairing log: one line per kind of decision, with counts."""
    columns = mapping.rating_columns()
    notes = []
    measures = Counter(c.rule.split(";")[0] for c in columns)
    if measures:
        notes.append("Measures decided by " + ", ".join(f"{rule} ({n} columns)" for rule, n in measures.most_common())
                     + ".")
    pairs = Counter(c.pair_rule for c in columns if c.role != IMPORTANCE and c.pair_rule)
    if pairs:
        notes.append("Satisfaction columns paired with their importance by "
                     + ", ".join(f"{rule} ({n})" for rule, n in pairs.most_common()) + ".")
    competitors = Counter(c.competitor for c in columns if c.role == COMPETITOR)
    if competitors:
        notes.append("Competitor satisfaction: " + ", ".join(f"{name} ({n} outcomes)" for name, n in
                                                             competitors.items()) + ".")
    steps = Counter(c.step for c in columns if c.role == IMPORTANCE)
    if any(steps):
        named = [s for s in steps if s]
        notes.append(f"Job steps from the question wording: {len(named)} ({', '.join(named[:6])}"
                     f"{', …' if len(named) > 6 else ''})" + (f"; {steps['']} outcomes in 'Unassigned'."
                                                              if steps.get("") else "."))
    elif columns:
        notes.append("No question names a job step: the outcomes are in one step, 'Unassigned', to arrange on the "
                     "Job map page.")
    return notes
