"""Short, readable labels for desired-outcome statements (segment and cluster names).

Outcome statements follow a few fixed openings ("Minimize the time it takes to …"); a label
keeps the meaning in a few words: "time to find the root cause of a price or quantity…".
"""

from __future__ import annotations

import re

# Longest opening first; each becomes the short prefix on the right.
OPENINGS = (
    ("minimize the time it takes to ", "time to "),
    ("minimize the likelihood that ", "risk that "),
    ("minimize the likelihood of ", "risk of "),
    ("minimize the number of ", "number of "),
    ("minimize the amount of ", "amount of "),
    ("minimize the effort it takes to ", "effort to "),
    ("minimize the cost of ", "cost of "),
    ("minimize ", ""),
    ("increase the likelihood that ", "chance that "),
    ("increase the likelihood of ", "chance of "),
    ("increase the ability to ", "ability to "),
    ("maximize the likelihood of ", "chance of "),
    ("maximize ", ""),
    ("increase ", ""),
)


def short_statement(statement: str, limit: int = 48) -> str:
    """The statement without its standard opening, cut at a word boundary to ``limit`` characters.

    ``"Minimize the likelihood of paying a duplicate invoice"`` → ``"risk of paying a duplicate invoice"``.
    """
    text = re.sub(r"\s+", " ", str(statement or "")).strip().rstrip(".")
    lower = text.lower()
    for opening, replacement in OPENINGS:
        if lower.startswith(opening) and len(text) > len(opening):
            text = replacement + text[len(opening) :]
            break
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(",;:- ") + "…"


def unique_names(candidates: list[list[str]], fallback: str = "Segment") -> list[str]:
    """One name per item, all different (case-insensitive).

    ``candidates[i]`` lists item i's names in preference order; the first not yet taken wins.
    When all are taken, the first gets a number: ``"… (2)"``; an item without candidates gets
    ``"<fallback> <i+1>"``.
    """
    taken: set[str] = set()
    names = []
    for i, options in enumerate(candidates):
        choice = next((name for name in options if name.casefold() not in taken), None)
        if choice is None:
            base = options[0] if options else f"{fallback} {i + 1}"
            choice, suffix = base, 2
            while choice.casefold() in taken:
                choice, suffix = f"{base} ({suffix})", suffix + 1
        taken.add(choice.casefold())
        names.append(choice)
    return names
