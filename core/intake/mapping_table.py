"""The column mapping as an editable table, and back.

The column-mapping screen shows one row per column (its header, a few sample answers, the
role the pairing rules gave it and the rule that decided) and lets a person change the role,
the outcome it belongs to, the step and the competitor. :func:`mapping_from_table` turns the
edited table back into a :class:`~core.intake.importers.mapping.ColumnMapping`; rows the person did
not change keep their rule, changed rows say "set by hand". Direction choices for numeric
codes are kept next to the mapping, under the same header signature.
"""

from __future__ import annotations

import pandas as pd

from core.intake.importers.mapping import (
    ATTRIBUTE,
    COMPETITOR,
    CURRENT_SOLUTION,
    IGNORE,
    IMPORTANCE,
    ROLES,
    SATISFACTION,
    USER_RULE,
    ColumnMapping,
    MappingProposal,
    saved_mapping,
)
from core.workspace.database import Workspace

ROLE_LABELS = {
    IMPORTANCE: "Importance of an outcome",
    SATISFACTION: "Satisfaction with an outcome",
    COMPETITOR: "A competitor's satisfaction",
    ATTRIBUTE: "Respondent attribute",
    CURRENT_SOLUTION: "Current solution (what the respondent uses now)",
    IGNORE: "Ignore",
}
EDITABLE = ("role", "outcome", "step", "competitor")
DIRECTION_PREFIX = "direction:"


ROW_ORDER = {IMPORTANCE: 1, SATISFACTION: 1, COMPETITOR: 1, CURRENT_SOLUTION: 2, ATTRIBUTE: 2, IGNORE: 3}


def mapping_table(proposal: MappingProposal, mapping: ColumnMapping) -> pd.DataFrame:
    """One row per column: index, header, question text, samples, role label, outcome, step, competitor, rule.

    The question text is what the export says the column asks (Qualtrics' second header row,
    ``How important is… - Minimize the time…``), so a header such as ``Q1_1`` is never shown alone.

    Rows that need a look come first: columns no rule recognised, then the rating columns,
    then attributes, then ignored metadata; within each, file order.
    """
    samples, texts = proposal.samples, proposal.texts
    unrecognised = set(proposal.unrecognised)

    def order(column) -> tuple[int, int]:
        return (0 if column.index in unrecognised else ROW_ORDER[column.role], column.index)

    rows = []
    for column in sorted(mapping.columns, key=order):
        answers = samples[column.index] if column.index < len(samples) else []
        rows.append(
            {
                "index": column.index,
                "column": column.header,
                "question": texts[column.index] if column.index < len(texts) else "",
                "answers": " · ".join(str(a) for a in answers[:5]),
                "role": ROLE_LABELS[column.role],
                "outcome": column.outcome_key if column.role in (IMPORTANCE, SATISFACTION, COMPETITOR) else "",
                "step": column.step,
                "competitor": column.competitor,
                "decided_by": column.rule or "",
            }
        )
    return pd.DataFrame(
        rows,
        columns=["index", "column", "question", "answers", "role", "outcome", "step", "competitor", "decided_by"],
    )


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()


def mapping_from_table(mapping: ColumnMapping, edited: pd.DataFrame) -> ColumnMapping:
    """Apply the edited rows to ``mapping``; raises ValueError naming any row that cannot be used."""
    by_label = {label: role for role, label in ROLE_LABELS.items()}
    result = mapping
    problems = []
    for row in edited.to_dict(orient="records"):
        index = int(row["index"])
        current = mapping.role_of(index)
        if current is None:
            problems.append(f"column {index + 1} is not in the file")
            continue
        role = by_label.get(_text(row["role"]), _text(row["role"]))
        if role not in ROLES:
            problems.append(f"column {index + 1} ('{current.header}') needs a role")
            continue
        wanted = {
            "role": role,
            "outcome": _text(row["outcome"]) if role in (IMPORTANCE, SATISFACTION, COMPETITOR) else "",
            "step": _text(row["step"]),
            "competitor": _text(row["competitor"]) if role == COMPETITOR else "",
        }
        before = {
            "role": current.role,
            "outcome": current.outcome_key if current.role in (IMPORTANCE, SATISFACTION, COMPETITOR) else "",
            "step": current.step,
            "competitor": current.competitor,
        }
        if wanted == before:
            continue
        if role in (IMPORTANCE, SATISFACTION, COMPETITOR) and not wanted["outcome"]:
            problems.append(f"column {index + 1} ('{current.header}') rates an outcome: name the outcome")
            continue
        if role == COMPETITOR and not wanted["competitor"]:
            problems.append(f"column {index + 1} ('{current.header}') rates a competitor: name the competitor")
            continue
        statement = current.statement if wanted["outcome"] == before["outcome"] else wanted["outcome"]
        result = result.with_role(
            index,
            role=role,
            outcome=wanted["outcome"],
            statement=statement,
            step=wanted["step"],
            competitor=wanted["competitor"],
            rule=USER_RULE,
        )
    if problems:
        raise ValueError("The mapping cannot be used yet: " + "; ".join(problems) + ".")
    roles = {c.role for c in result.columns}
    if SATISFACTION not in roles or IMPORTANCE not in roles:
        raise ValueError(
            "The mapping needs at least one importance and one satisfaction column: mark the rating columns."
        )
    return result


def save_direction(workspace: Workspace, signature: str, direction: str) -> None:
    """Remember how numeric codes run for files with this header ("as_is" or "reverse")."""
    workspace.set_setting(DIRECTION_PREFIX + signature, direction)


def saved_direction(workspace: Workspace, signature: str) -> str | None:
    value = workspace.get_setting(DIRECTION_PREFIX + signature)
    return value if value in ("as_is", "reverse") else None


def remembered(workspace: Workspace, proposal: MappingProposal) -> tuple[ColumnMapping | None, str | None]:
    """The mapping and direction saved for files with this proposal's header, if any."""
    if proposal.mapping is None or not proposal.signature:
        return None, None
    return saved_mapping(workspace, proposal.signature), saved_direction(workspace, proposal.signature)
