"""Generic specs of any size, for benchmarks and scale tests.

Placeholder wording, but the same planted structure as the committed samples: need clusters
spanning the steps, up to four need-based segments of 40/30/20/10 %, a handful of under- and
overserved outcomes and four competitors leading different steps.
"""

from __future__ import annotations

import numpy as np

from sample_surveys.model import (
    OVERSERVED,
    UNDERSERVED,
    Attribute,
    Competitor,
    JobSpec,
    Outcome,
    Segment,
    Step,
)

UNIVERSAL_STEPS = ("Define", "Locate", "Prepare", "Confirm", "Execute", "Monitor", "Modify", "Conclude")
TEMPLATES = (
    "Minimize the time it takes to complete task {n} of step {step}",
    "Minimize the likelihood of an error in task {n} of step {step}",
    "Increase the ability to get task {n} of step {step} right the first time",
)
SEGMENT_PLAN = (
    ("Segment A", 0.40, 1.6, -0.4, 600.0),
    ("Segment B", 0.30, 1.7, -0.5, 900.0),
    ("Segment C", 0.20, 1.7, -0.4, 1100.0),
    ("Segment D", 0.10, 2.0, -1.0, 1900.0),
)
COMPETITOR_NAMES = ("Alpha Suite", "Beta Works", "Gamma Cloud", "Delta One")


def _step_names(n_steps: int) -> list[str]:
    names = []
    for s in range(n_steps):
        verb = UNIVERSAL_STEPS[s * len(UNIVERSAL_STEPS) // n_steps]
        names.append(f"{verb} (step {s + 1})")
    return names


def _split(n_items: int, n_parts: int) -> list[int]:
    """Sizes of ``n_parts`` near-equal parts of ``n_items``."""
    return [n_items // n_parts + (1 if p < n_items % n_parts else 0) for p in range(n_parts)]


def _competitors(n_steps: int) -> tuple[Competitor, ...]:
    leadable = list(range(2, n_steps + 1)) or [1]
    n_comp = min(len(COMPETITOR_NAMES), len(leadable))
    groups = np.array_split(np.array(leadable), n_comp)
    shares = (0.32, 0.26, 0.24, 0.18)[:n_comp]
    return tuple(Competitor(COMPETITOR_NAMES[k], shares[k], tuple(int(s) for s in groups[k])) for k in range(n_comp))


def synthetic_spec(n_steps: int, n_outcomes: int, seed: int) -> JobSpec:
    """A generic B2B-style spec with ``n_steps`` steps and ``n_outcomes`` outcomes.

    Clusters: five (fewer for very small surveys), randomly interleaved across the steps.
    Segments: one per cluster up to four, each raising importance (and lowering satisfaction)
    of its own cluster. One outcome per cluster is underserved, three others are overserved.
    """
    if n_steps < 1 or n_outcomes < max(n_steps, 4):
        raise ValueError("need at least one step, one outcome per step and four outcomes")
    rng = np.random.default_rng(seed)
    n_clusters = max(2, min(5, n_outcomes // 6))
    clusters = {f"Need cluster {c + 1}": f"Placeholder cluster {c + 1}" for c in range(n_clusters)}
    names = list(clusters)
    labels = rng.permutation(np.arange(n_outcomes) % n_clusters)
    served = [""] * n_outcomes
    firsts = [int(np.flatnonzero(labels == c)[0]) for c in range(n_clusters)]
    for j in firsts:
        served[j] = UNDERSERVED
    for j in [j for j in range(n_outcomes) if j not in firsts][-3:]:
        served[j] = OVERSERVED

    steps, j = [], 0
    for s, (name, size) in enumerate(zip(_step_names(n_steps), _split(n_outcomes, n_steps), strict=True)):
        outcomes = []
        for n in range(1, size + 1):
            step_label = f"{s + 1} ({name.split(' (')[0].lower()})"
            text = TEMPLATES[(j + s) % len(TEMPLATES)].format(n=n, step=step_label)
            outcomes.append(Outcome(text, names[labels[j]], served[j]))
            j += 1
        steps.append(Step(name, tuple(outcomes)))

    segments = tuple(
        Segment(label, share, f"Cares most about {names[c]}", {names[c]: imp}, {names[c]: sat}, wtp)
        for c, (label, share, imp, sat, wtp) in enumerate(SEGMENT_PLAN[: min(4, n_clusters)])
    )
    return JobSpec(
        name=f"synthetic_{n_steps}x{n_outcomes}",
        job="Complete the placeholder job",
        executor="Synthetic respondents",
        steps=tuple(steps),
        clusters=clusters,
        segments=segments,
        competitors=_competitors(n_steps),
        attributes=(
            Attribute("company_size", ("1-49", "50-249", "250-999", "1000+"), (0.2, 0.35, 0.3, 0.15)),
            Attribute("role", ("Analyst", "Team lead", "Manager", "Director"), (0.4, 0.3, 0.2, 0.1)),
        ),
        wtp_rounding=10.0,
        competitor_sheet=False,
        n_respondents=1000,
        seed=seed,
    )
