"""The pairing log: how many columns each rule decided, in counts and in sentences for the report."""

from __future__ import annotations

from collections import Counter

from core.intake.importers.mapping import COMPETITOR, IMPORTANCE, ColumnMapping
from core.wording import first_few, plural


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
        notes.append(
            "Measures decided by "
            + ", ".join(f"{rule} ({plural(n, 'column')})" for rule, n in measures.most_common())
            + "."
        )
    pairs = Counter(c.pair_rule for c in columns if c.role != IMPORTANCE and c.pair_rule)
    if pairs:
        notes.append(
            "Satisfaction columns paired with their importance by "
            + ", ".join(f"{rule} ({n})" for rule, n in pairs.most_common())
            + "."
        )
    competitors = Counter(c.competitor for c in columns if c.role == COMPETITOR)
    if competitors:
        notes.append(
            "Competitor satisfaction: "
            + ", ".join(f"{name} ({plural(n, 'outcome')})" for name, n in competitors.items())
            + "."
        )
    steps = Counter(c.step for c in columns if c.role == IMPORTANCE)
    if any(steps):
        named = [s for s in steps if s]
        notes.append(
            f"Job steps from the question wording: {len(named)} ({first_few(named, shown=6)})"
            + (f"; {plural(steps[''], 'outcome')} in 'Unassigned'." if steps.get("") else ".")
        )
    elif columns:
        notes.append(
            "No question names a job step: the outcomes are in one step, 'Unassigned', to arrange on the Job map page."
        )
    return notes
