"""Declarative description of a simulated Jobs-to-be-Done survey.

A :class:`JobSpec` holds everything a reader can see in the finished workbook (the job map,
the outcome statements, the competitors, the respondent attributes) together with the structure
that the simulation plants in the ratings (need clusters, segments, under/overserved outcomes,
competitor leads). The numbers that turn this structure into ratings live in
``sample_surveys.simulate``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

UNDERSERVED = "under"
OVERSERVED = "over"


@dataclass(frozen=True)
class Outcome:
    """One desired-outcome statement, the need cluster it belongs to and how well it is served.

    ``served`` is ``"under"`` (important to nearly everyone, poorly satisfied), ``"over"``
    (unimportant, well satisfied) or ``""`` (ordinary).
    """

    statement: str
    cluster: str
    served: str = ""


@dataclass(frozen=True)
class Step:
    """One job step and its outcomes, in survey order."""

    name: str
    outcomes: tuple[Outcome, ...]


@dataclass(frozen=True)
class Segment:
    """A need-based respondent segment.

    ``importance`` and ``satisfaction`` shift the latent ratings (in rating points) of every
    outcome of the named need clusters for members of the segment. ``wtp_median`` is the median
    willingness to pay of its members.
    """

    name: str
    share: float
    description: str
    importance: Mapping[str, float]
    satisfaction: Mapping[str, float]
    wtp_median: float


@dataclass(frozen=True)
class Competitor:
    """A named solution: market share among respondents and the job steps on which it leads."""

    name: str
    share: float
    leads: tuple[int, ...]


@dataclass(frozen=True)
class Attribute:
    """A categorical respondent attribute.

    ``weights`` are the sampling weights of ``values``; ``by_segment`` optionally overrides them
    for members of a segment (a profile that differs between segments, as in real surveys).
    """

    name: str
    values: tuple[str | int, ...]
    weights: tuple[float, ...]
    by_segment: Mapping[str, tuple[float, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class JobSpec:
    """The complete definition of one simulated survey."""

    name: str
    job: str
    executor: str
    steps: tuple[Step, ...]
    clusters: Mapping[str, str]
    segments: tuple[Segment, ...]
    competitors: tuple[Competitor, ...]
    attributes: tuple[Attribute, ...]
    wtp_unit: str = "USD per month"
    wtp_rounding: float = 1.0
    competitor_sheet: bool = False
    n_respondents: int = 600
    seed: int = 0

    @property
    def outcomes(self) -> list[Outcome]:
        """All outcomes in survey (step) order."""
        return [outcome for step in self.steps for outcome in step.outcomes]

    def validate(self) -> None:
        """Raise ``ValueError`` when the spec is internally inconsistent."""
        clusters = {outcome.cluster for outcome in self.outcomes}
        if unknown := clusters - set(self.clusters):
            raise ValueError(f"outcomes name undefined need clusters: {sorted(unknown)}")
        for segment in self.segments:
            named = set(segment.importance) | set(segment.satisfaction)
            if unknown := named - set(self.clusters):
                raise ValueError(f"segment {segment.name!r} names unknown clusters {unknown}")
        n_steps = len(self.steps)
        for competitor in self.competitors:
            if any(not 1 <= step <= n_steps for step in competitor.leads):
                raise ValueError(f"competitor {competitor.name!r} leads a step out of range")
        for attribute in self.attributes:
            sizes = {len(attribute.weights), *map(len, attribute.by_segment.values())}
            if sizes != {len(attribute.values)}:
                raise ValueError(f"attribute {attribute.name!r}: weights do not match values")
