"""A survey whose questions were asked on different scales: find the blocks and say so loudly.

One survey is read on one scale (scoring's top-two box depends on it). When some questions
were asked on 1–7 and others on 1–5, reading all on 1–5 turns every 6 and 7 into a missing
rating, and reading all on 1–7 moves the 1–5 questions' top-two box. Neither can be repaired
silently, so each question block (a platform's question, or a column of a canonical table) is
checked on its own (:func:`core.intake.scales.block_mismatches`) and a mismatch becomes the
first warning of the report: which blocks, which scale they show, how many ratings were lost,
and what to do.
"""

from __future__ import annotations

from collections import Counter

from core.intake.ratings import ParsedColumn
from core.intake.report import Message, ValidationReport
from core.intake.scales import Scale, block_mismatches
from core.wording import agree, first_few


def _names(headers: list[str]) -> str:
    return f"'{headers[0]}'" if len(headers) == 1 else f"'{headers[0]}' … '{headers[-1]}' ({len(headers)} columns)"


def warn_mixed_scales(
    report: ValidationReport, parsed: list[ParsedColumn], blocks: list[tuple[str, str]], scale: Scale, where: str
) -> None:
    """Check each block's ratings against ``scale`` (``blocks``: each column's (block, header)); put one
    warning per kind of mismatch first in the report."""
    counts: dict[str, Counter[int]] = {}
    headers: dict[str, list[str]] = {}
    for column, (block, header) in zip(parsed, blocks, strict=True):
        counts.setdefault(block, Counter()).update(column.integer_counts())
        headers.setdefault(block, []).append(header)
    mismatches = block_mismatches(counts, scale)
    longer = [m for m in mismatches if m.detected.high > scale.high]
    shorter = [m for m in mismatches if m.detected.high < scale.high]
    messages = []
    if longer:
        detected = longer[0].detected
        reason = longer[0].why.removeprefix(detected.name).strip(" ()")
        lost, total = sum(m.beyond for m in longer), sum(m.ratings for m in longer)
        names = first_few([_names(headers[m.block]) for m in longer[:4]], len(longer), shown=4, sep="; ")
        agreeing = len(counts) - len(mismatches)
        messages.append(
            Message(
                f"The questions were not all asked on one scale: {len(longer)} question "
                f"{agree(len(longer), 'block looks', 'blocks look')} {detected.name} ({reason}) "
                f"while {agreeing} {agree(agreeing, 'looks', 'look')} {scale.name}, and the survey was read on "
                f"{scale.name}. So {lost:,} of their {total:,} ratings ({100 * lost / total:.0f} %), those above "
                f"{scale.high}, were read as missing. Blocks: {names}.",
                where,
                f"If every question was asked on {detected.name}, declare that scale (Data page → Scoring "
                f"settings → Rating scale, or --scale {detected.name}). If only these were, convert their "
                f"answers to {scale.name} in the file, or import them as a separate survey.",
            )
        )
    if shorter:
        names = first_few([_names(headers[m.block]) for m in shorter[:4]], len(shorter), shown=4, sep="; ")
        messages.append(
            Message(
                f"The questions may not all share one scale: {len(shorter)} question "
                f"{agree(len(shorter), 'block has', 'blocks have')} no rating above 5 while the survey was "
                f"read on {scale.name}, so if they were asked on 1-5 their top-two box ({scale.top_min} and up) "
                f"is wrong. Blocks: {names}.",
                where,
                "If these questions were asked on 1-5, convert their answers to the survey's scale in the file, "
                "or import them as a separate survey; if they were asked on the same scale, nothing needs doing.",
            )
        )
    report.warnings[:0] = messages
