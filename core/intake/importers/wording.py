"""What question wording says: the measure, the job step, a named solution, the statement.

Used by the pairing rules (:mod:`core.intake.importers.pairing`). Every function reads one piece of
text a platform exported (question text, side-by-side scale header, header marker) and returns
None when the wording says nothing; none of them guesses from a file name or a position.
"""

from __future__ import annotations

import re

from core.intake.importers.draft import IMPORTANCE, SATISFACTION

_MEASURES = (
    (IMPORTANCE, re.compile(r"\bimportan(?:t|ce)\b|\bmatters? (?:most )?to you\b|\bhow much does it matter\b", re.I)),
    (
        SATISFACTION,
        re.compile(
            r"\b(?:dis|un)?satisf(?:ied|action|actory|y)\b|\bhow happy are you with\b|\bhow well (?:does|do|is|are)\b",
            re.I,
        ),
    ),
)
_MARKER_WORDS = {
    "imp": IMPORTANCE,
    "importance": IMPORTANCE,
    "important": IMPORTANCE,
    "sat": SATISFACTION,
    "satisfaction": SATISFACTION,
    "satisfied": SATISFACTION,
}
_MARKER_PREFIX = re.compile(
    r"^\s*[\[(]?\s*(?P<m>imp|importance|important|sat|satisfaction|satisfied)\s*[\])]?"
    r"\s*(?:[:\-–|]\s*|\s(?=\S))(?P<rest>.+)$",
    re.I,
)
_MARKER_SUFFIX = re.compile(
    r"^(?P<rest>.+?)\s*(?:[:\-–|]\s*)?[\[(]\s*(?P<m>imp|importance|important|sat|"
    r"satisfaction|satisfied)\s*[\])]\s*$",
    re.I,
)
_SUBJECT = r"(?:you|we|i|your team|people)(?:'re| are| were| have| need to| want to)?"
_STEP_PATTERNS = (
    re.compile(
        rf"^(?:when|while|as|before|after|once) {_SUBJECT}\s+(?P<step>[^,?:;]+?)\s*[,:;–]\s*"
        r"(?:how|please|rate|to what)\b",
        re.I,
    ),
    re.compile(
        rf"\bhow (?:important|satisfied)\b[^?]*?\b(?:when|while) {_SUBJECT}\s+(?P<step>[^?,]+?)\s*\??\s*$", re.I
    ),
    re.compile(
        r"^(?:step\s*\d+\s*[:.\-–]\s*)?(?P<step>[^:?–]{3,80}?)\s*(?::|–| - )\s*how (?:important|satisfied)\b", re.I
    ),
)
_NAMED = re.compile(
    r"\bsatisf\w*\s+(?:are you |were you |have you been )?with\s+(?P<name>.+?)"
    r"(?:\s+(?:when|while|for|at|in|on|to|overall)\b|[,?:;]|\s[-–]\s|$)",
    re.I,
)
_SCALE_NAMED = re.compile(r"^satisf\w*\s*(?:[-–:|]|\bwith\b)\s*(?P<name>.+)$", re.I)
_GENERIC = re.compile(r"^(?:your|the|how|each|these|this|those|it|its|that|what|current|today|all|any|our|my)\b", re.I)
_QUESTION_STATEMENT = {
    IMPORTANCE: (
        re.compile(
            r"^how important is it(?: to you)?(?: that you can| that you| that| to be able to| to)\s+"
            r"(?P<s>.+?)\s*\??$",
            re.I,
        ),
        re.compile(r"^how important (?:is|are)\s+(?P<s>.+?)(?: to you)?\s*\??$", re.I),
    ),
    SATISFACTION: (
        re.compile(
            r"^how satisfied are you(?: today| currently| now)? with(?: how well you can| your ability to| "
            r"the way you| how you| how quickly you can| how easily you can)?\s+(?P<s>.+?)\s*\??$",
            re.I,
        ),
    ),
}


_CONSENT = re.compile(
    r"\bconsent\b|\bagree to (?:take part|participate)\b|\bparticipat(?:e|ion) in (?:this|the|our) "
    r"(?:study|survey|research)\b|\binformed consent\b|\bterms (?:and|&) conditions\b",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")  # "e.g. speed" and "v2.1" do not end a sentence
_INSTRUCTION = re.compile(
    r"^\s*(?:please\b|rate\b|indicate\b|tell us\b|select\b|choose\b|for each\b|how\b|importance\b|satisfaction\b)", re.I
)


def _asking(text: str) -> list[str]:
    """The parts of ``text`` that ask something: questions ("…?"), headings and labels (no full
    stop), instructions ("Please rate…"). Declarative sentences ("This research is important to
    us.") say nothing about what a column measures, so a consent form or a display text that
    happens to contain "important" is never read as an importance question."""
    parts = []
    for sentence in _SENTENCE_END.split(text or ""):
        sentence = sentence.strip()
        if sentence and (not sentence.endswith((".", "!")) or _INSTRUCTION.match(sentence)):
            parts.append(sentence)
    return parts


def measures_in(text: str) -> list[str]:
    """Every measure the wording asks about, in the order it names them (consent text names none)."""
    if not text or _CONSENT.search(text):
        return []
    found: list[tuple[int, str]] = []
    offset = 0
    for part in _asking(text):
        for measure, pattern in _MEASURES:
            match = pattern.search(part)
            if match:
                found.append((offset + match.start(), measure))
        offset += len(part) + 1
    return list(dict.fromkeys(measure for _, measure in sorted(found)))


def measure_in(text: str) -> str | None:
    """The measure a question's wording asks about: the earliest of importance or satisfaction words
    in a part of the text that asks something (see :func:`measures_in`)."""
    found = measures_in(text)
    return found[0] if found else None


def header_marker(header: str) -> tuple[str, str] | None:
    """``"[Imp] Minimize …"``, ``"Sat: Minimize …"``, ``"Minimize … (importance)"`` → (measure, statement)."""
    match = _MARKER_PREFIX.match(header or "") or _MARKER_SUFFIX.match(header or "")
    if not match:
        return None
    return _MARKER_WORDS[match.group("m").lower()], match.group("rest").strip()


def _capitalised(text: str) -> str:
    text = text.strip().rstrip(".,;:?!").strip()
    return text[:1].upper() + text[1:]


def step_in(question: str) -> str | None:
    """The job step a grid's wording names: "When you plan a trip, how important …" → "Plan a trip"."""
    for pattern in _STEP_PATTERNS:
        match = pattern.search(question or "")
        if match:
            step = _capitalised(match.group("step"))
            if step and measure_in(step) is None:
                return step
    return None


def solution_in(text: str) -> str | None:
    """The named solution a satisfaction question asks about ("How satisfied are you with Acme when …"),
    or None for the respondent's own or unnamed solution ("… with your current tool")."""
    match = _SCALE_NAMED.match(text or "") or _NAMED.search(text or "")
    if not match:
        return None
    name = match.group("name").strip().strip("\"'“”‘’").strip()
    if not name or _GENERIC.match(name) or len(name) > 60 or measure_in(name):
        return None
    return name


def statement_in_question(question: str, measure: str) -> str | None:
    """The outcome a one-outcome question asks about: "How important is it to you to minimize X?" →
    "Minimize X" (so its importance and satisfaction questions can be paired by statement)."""
    for pattern in _QUESTION_STATEMENT.get(measure, ()):
        match = pattern.match(question or "")
        if match:
            return _capitalised(match.group("s"))
    return None
