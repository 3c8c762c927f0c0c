"""The survey behind every generated export: steps, outcomes, respondents and their true ratings.

``make_survey`` draws a seeded survey; each platform writer turns it into that platform's file
and returns an :class:`Export` that knows what the importer must recover: the kept
respondents (filters applied), their ratings per outcome in the order the export's importance
columns appear, the statements and steps the importer should find, and the competitor ratings.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

IMPORTANCE = [
    "Not at all important",
    "Slightly important",
    "Moderately important",
    "Very important",
    "Extremely important",
]
SATISFACTION = [
    "Not at all satisfied",
    "Slightly satisfied",
    "Moderately satisfied",
    "Very satisfied",
    "Extremely satisfied",
]
BIPOLAR = ["Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied", "Satisfied", "Very satisfied"]
QUALTRICS_BIPOLAR = [
    "Extremely dissatisfied",
    "Somewhat dissatisfied",
    "Neither satisfied nor dissatisfied",
    "Somewhat satisfied",
    "Extremely satisfied",
]
STEPS = [
    "plan the trip",
    "book the flights",
    "pack the luggage",
    "get to the airport",
    "check in",
    "board the plane",
    "collect the baggage",
    "reach the hotel",
    "settle the expenses",
    "share the photos",
    "review the trip",
    "plan the next trip",
]
ASPECTS = [
    "the time it takes to",
    "the likelihood of forgetting to",
    "the effort it takes to",
    "the cost of choosing to",
    "the number of steps needed to",
    "the stress of having to",
    "the uncertainty when trying to",
    "the rework needed to",
    "the waiting time before you",
    "the chance of failing to",
    "the delays when you",
    "the confusion when you",
    "the errors made when you",
]
TOOLS = ["Acme Travel", "Globex Trips", "Initech Go", "Spreadsheet"]
SIZES = ["1-9", "10-49", "50-249", "250+"]
# statements with traps: a " - " inside, an ampersand, quotes, an accent, an en dash
TRAPS = [
    "Minimize the cost - including fees - of changing a booking",
    'Minimize the hassle of "hidden" charges & fees',
    "Minimize the time it takes to find a café near the gate",
    "Minimize delays – end to end – at security",
]


@dataclass
class Outcome:
    step: int  # index into Survey.steps
    statement: str


@dataclass
class Respondent:
    rid: str
    importance: list[int | None]
    satisfaction: list[int | None]
    competitors: dict[str, list[int | None]]
    tool: str
    size: str
    comment: str
    status: str = "complete"  # complete | partial | preview | test | spam | disqualified


@dataclass
class Survey:
    steps: list[str]
    outcomes: list[Outcome]
    respondents: list[Respondent]
    competitors: list[str]

    def by_step(self) -> list[list[int]]:
        """Outcome indices of each step, in order."""
        return [[i for i, o in enumerate(self.outcomes) if o.step == s] for s in range(len(self.steps))]


def make_survey(
    seed: int = 1,
    *,
    respondents: int = 12,
    steps: int = 3,
    per_step: int = 3,
    competitors: tuple[str, ...] = (),
    missing: float = 0.1,
    statuses: dict[str, int] | None = None,
    traps: bool = True,
) -> Survey:
    """A seeded survey; ``statuses`` adds respondents the platform's filters must drop (e.g. {"preview": 1})."""
    rng = random.Random(seed)
    step_names = [
        STEPS[i % len(STEPS)] + (f" ({i // len(STEPS) + 1})" if i >= len(STEPS) else "") for i in range(steps)
    ]
    outcomes, used = [], set()
    trap_pool = list(TRAPS) if traps else []
    for s in range(steps):
        for k in range(per_step):
            if trap_pool and k == 1:
                statement = trap_pool.pop(0)
            else:
                statement = f"Minimize {ASPECTS[(s + k) % len(ASPECTS)]} {step_names[s]}"
                if k >= len(ASPECTS) or statement in used:
                    statement = f"{statement} (aspect {k + 1})"
            used.add(statement)
            outcomes.append(Outcome(s, statement))
    kinds = ["complete"] * respondents
    for status, n in (statuses or {}).items():
        kinds += [status] * n
    rng.shuffle(kinds)
    people = []
    for number, status in enumerate(kinds, 1):

        def rating() -> int | None:
            return None if rng.random() < missing else rng.randint(1, 5)

        importance = [rating() for _ in outcomes]
        if all(v is None for v in importance):
            importance[0] = rng.randint(1, 5)
        people.append(
            Respondent(
                f"R_{rng.getrandbits(40):010x}{number}",
                importance,
                [rating() for _ in outcomes],
                {name: [rating() for _ in outcomes] for name in competitors},
                rng.choice(TOOLS),
                rng.choice(SIZES),
                rng.choice(["", "Great tool", "Too slow, sadly", "It's fine; could be cheaper", "n/a"]),
                status,
            )
        )
    _answer_every_question(people, len(outcomes), rng)
    return Survey(step_names, outcomes, people, list(competitors))


def _answer_every_question(people: list[Respondent], outcomes: int, rng: random.Random) -> None:
    """Give every outcome at least one importance and one satisfaction answer from a complete respondent.

    A question that nobody answered is an empty column; when the headings are codes and the answers
    are labels (LimeSurvey "question codes, answer text"), an empty column says nothing about what it
    rates, and the importer rightly refuses a survey whose satisfaction questions are all empty ("no
    satisfaction column"). Such a survey is not one the property tests mean to draw, so the generator
    fills one answer in. It draws from ``rng`` only when it has to, after everything else, so every
    survey that already had its answers stays exactly as it was.
    """
    complete = [r for r in people if r.status == "complete"]
    if not complete:
        return
    for o in range(outcomes):
        for measure in ("importance", "satisfaction"):
            if all(getattr(r, measure)[o] is None for r in complete):
                getattr(complete[0], measure)[o] = rng.randint(1, 5)


@dataclass
class Export:
    """A written export and what importing it must give."""

    data: bytes
    file_name: str
    survey: Survey
    kept: list[Respondent]  # respondents the filters keep, in file order
    ids: list[str]  # the respondent id the importer must give each kept respondent
    order: list[int]  # outcome indices in the order of the export's importance columns
    statements: list[str]  # the statement the importer must find for each outcome in ``order``
    steps: list[str]  # the step name it must find for each outcome in ``order``
    drops: dict[str, int] = field(default_factory=dict)  # reason keyword → respondents dropped for it
    competitors: bool = True  # whether competitor ratings are in the file

    def expected(self) -> dict[tuple[str, int], tuple[int | None, int | None]]:
        """(respondent id, position of the outcome) → (importance, satisfaction) of the kept respondents."""
        return {
            (rid, position): (r.importance[o], r.satisfaction[o])
            for rid, r in zip(self.ids, self.kept, strict=True)
            for position, o in enumerate(self.order)
        }

    def expected_competitors(self) -> dict[tuple[str, int, str], int]:
        """(respondent id, outcome position, competitor) → satisfaction, for every rated cell."""
        if not self.competitors:
            return {}
        return {
            (rid, position, name): r.competitors[name][o]
            for rid, r in zip(self.ids, self.kept, strict=True)
            for position, o in enumerate(self.order)
            for name in self.survey.competitors
            if r.competitors[name][o] is not None
        }


def keep(survey: Survey, dropped: set[str], keep_partial: bool = False) -> tuple[list[Respondent], dict[str, int]]:
    """The respondents a platform's filters keep, and how many each dropped status lost."""
    kept, drops = [], {}
    for r in survey.respondents:
        if r.status in dropped and not (keep_partial and r.status == "partial"):
            drops[r.status] = drops.get(r.status, 0) + 1
        else:
            kept.append(r)
    return kept, drops


def step_label(name: str) -> str:
    """How the importer names a step read from "When you <step>, …": the first letter capitalised."""
    return name[:1].upper() + name[1:]
