"""Which respondent attribute says what solution a respondent uses now — one rule for the importer
(the column-mapping screen's "Current solution" role) and the competitor analysis.

A column is the current solution when its header is one of the canonical names
(``current_solution``, ``current provider``, ``tool``, …) or its question asks what the
respondent uses now: "What do you use today to …", "Which tool do you currently use?",
"Current provider", "Which of these do you mainly use …". A question about satisfaction or
importance is never it (that is a rating), nor is a question about the future ("would you use").
"""

from __future__ import annotations

import re

from core.intake.importers.headers import header_key

KEYS = (
    "current_solution",
    "current_solution_used",
    "solution",
    "current_product",
    "current_provider",
    "current_vendor",
    "current_tool",
    "competitor",
    "provider",
    "vendor",
    "product",
    "tool",
    "brand",
)
_THING = (
    r"(?:solution|provider|vendor|supplier|tool|product|software|platform|system|service|app|brand|method|approach)"
)
_ASKS = re.compile(
    r"\b(?:what|which)\b[^?.]{0,80}?\b(?:do|did|does)\s+(?:you|your\s+\w+)\s+(?:currently\s+|mainly\s+|mostly\s+|"
    r"usually\s+|now\s+)?use\b"
    r"|\b(?:what|which)\b[^?.]{0,80}?\b(?:are\s+you|is\s+your\s+\w+)\s+(?:currently\s+|now\s+)?using\b"
    r"|\b(?:you|your\s+\w+)\s+(?:currently|now|mainly|mostly)\s+use\b"
    rf"|\b(?:current|present|existing|main|primary)\s+(?:\w+\s+)?{_THING}s?\b"
    rf"|\b{_THING}s?\s+(?:you|your\s+\w+)\s+(?:currently\s+|now\s+)?use\b",
    re.I,
)
_NOT = re.compile(r"\b(?:satisf|dissatisf|important|importance|would you|will you|consider|recommend)", re.I)


def is_current_solution(text: str) -> bool:
    """Whether a header or question names the respondent's current solution."""
    if not text:
        return False
    if header_key(text) in KEYS:
        return True
    return bool(_ASKS.search(text)) and not _NOT.search(text)


def pick(headers: list[str]) -> str | None:
    """The header that names the current solution: a canonical name first (in :data:`KEYS` order), then wording."""
    keys = {header_key(h): h for h in headers}
    named = next((keys[k] for k in KEYS if k in keys), None)
    return named or next((h for h in headers if is_current_solution(h)), None)
