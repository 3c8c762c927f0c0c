"""The Method page's glossary: the terms people read on screen, as data (issue 15, item 4).

Each :class:`Term` has a plain definition and, where the app computes it, the formula it really
uses (docs/ARCHITECTURE.md "Scoring", core/sql/scoring.sql, core/analysis/competition.py,
core/strategy/focus.py, core/strategy/vrio.py). Thresholds are not written into the text: they
come from the workspace's settings (:func:`glossary`), so a facilitator who moves the bands or
the critical threshold reads the rule in force. The text is the app's own (no user text), and
the page still shows it as plain text.

Decisions: *differentiate*, *meet* and *accept* are three entries (people look each one up);
*underserved* follows the landscape (below the diagonal, importance above satisfaction) and
names the band from which the app calls an outcome an opportunity worth acting on.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.analysis.competition import CompetitionSettings
from core.analysis.scoring import ScoringSettings
from core.intake.scales import Scale
from core.wording import agree

DEFAULT_SCALE = Scale(1, 5, (4, 5))


@dataclass(frozen=True)
class Term:
    """One glossary entry: its name, other names people search for, a definition and a formula."""

    name: str
    definition: str
    formula: str = ""  # empty when the app computes nothing for it
    also: tuple[str, ...] = ()  # other names, searched too ("desired outcome statement")

    def matches(self, text: str) -> bool:
        """True when every word of ``text`` appears in the name, the other names, the definition or formula."""
        haystack = " ".join((self.name, *self.also, self.definition, self.formula)).casefold()
        return all(word in haystack for word in text.casefold().split())


def _points(scale: Scale) -> str:
    return " or ".join(str(p) for p in scale.top_points) + f" on the {scale.low}–{scale.high} scale"


def glossary(
    scoring: ScoringSettings | None = None,
    competition: CompetitionSettings | None = None,
    scale: Scale | None = None,
) -> tuple[Term, ...]:
    """Every term, in the order of the workflow, with the thresholds and scale in force."""
    s = scoring or ScoringSettings()
    c = competition or CompetitionSettings()
    top = _points(scale or DEFAULT_SCALE)
    ratio = "mean rating rescaled: (mean − lowest point) / (highest − lowest) × 10"
    score = f"10 × (ratings of {top}) / (valid ratings)" if s.method == "top2box" else ratio
    return (
        Term(
            "Job step",
            "One stage of the job the customer is trying to get done (for example: define, locate, prepare, "
            "execute, monitor, conclude). The job map lists the steps in the order the customer goes through them.",
            also=("job map", "step"),
        ),
        Term(
            "Outcome",
            "A desired outcome statement: one measurable need the customer has while doing a job step, "
            "usually written as 'Minimize the time it takes to …'. Each step holds several; respondents rate each "
            "for importance and for satisfaction.",
            also=("desired outcome statement", "need", "statement"),
        ),
        Term(
            "Importance",
            "How important an outcome is to the respondents, on 0–10: the share of them who rate it in the top two "
            "points of the scale, times 10.",
            f"importance = {score} of importance",
        ),
        Term(
            "Satisfaction",
            "How well respondents' current solutions satisfy an outcome, on 0–10, computed like importance from "
            "the satisfaction ratings.",
            f"satisfaction = {score} of satisfaction",
        ),
        Term(
            "Top-two-box",
            "The scoring method used by default: a rating counts as 'yes' when it is in the top two points of the "
            "scale. Blanks, 'don't know' and out-of-scale answers are missing, never zero, and left out of the "
            "denominator. The other method rescales the mean rating to 0–10.",
            f"share = (ratings of {top}) / (valid ratings); score = 10 × share",
            also=("top two box", "t2b", "scoring method", "mean"),
        ),
        Term(
            "Opportunity",
            "How much room an outcome leaves for a better solution: important needs count, and poorly satisfied "
            "important needs count twice. 0–20, computed per outcome.",
            "opportunity = importance + max(importance − satisfaction, 0); bands: "
            f"≥ {s.extreme:g} extreme, {s.high:g}–{s.extreme:g} high, {s.solid:g}–{s.high:g} solid, "
            f"< {s.solid:g} not attractive",
            also=("opportunity score", "band", "extreme", "high", "solid"),
        ),
        Term(
            "Underserved",
            "An outcome more important than it is satisfied: below the diagonal of the opportunity landscape. "
            f"From opportunity {s.solid:g} (the solid band) the app treats it as an opportunity worth acting on.",
            f"underserved when importance > satisfaction; worth acting on when opportunity ≥ {s.solid:g}",
        ),
        Term(
            "Overserved",
            "An outcome satisfied more than it matters to people: solutions already over-deliver, so a cheaper, "
            "simpler offer may win there. A region of the landscape, not a band.",
            f"overserved when satisfaction − importance > {s.overserved_margin:g} (the overserved margin)",
        ),
        Term(
            "Appropriately served",
            "Neither underserved enough to act on nor overserved: satisfaction roughly matches importance. Keep "
            "parity there rather than investing.",
            f"opportunity < {s.solid:g} and satisfaction − importance ≤ {s.overserved_margin:g}",
            also=("served", "well served"),
        ),
        Term(
            "Segment",
            "A group of respondents with similar unmet needs, found by clustering each respondent's own opportunity "
            "per outcome (standardised, reduced with PCA, k-means; k chosen by silhouette). Each segment is "
            "re-scored within itself, with its n.",
            "respondent's opportunity per outcome = importance + max(importance − satisfaction, 0) on the raw "
            "ratings; segments = k-means clusters of these vectors",
            also=("segmentation", "k-means", "silhouette"),
        ),
        Term(
            "Need cluster",
            "A group of outcomes whose importance respondents rate together (people who find one important tend to "
            "find the others important too). A cluster is underserved as a whole when its mean opportunity is high.",
            "distance = 1 − correlation of importance ratings; average-linkage hierarchical clustering; "
            f"underserved as a whole when mean opportunity ≥ {s.solid:g}",
            also=("clusters", "correlation"),
        ),
        Term(
            "Critical threshold",
            "The minimum acceptable performance: the satisfaction below which a solution is not good enough on a "
            "need or step. Drawn as a line on the competitive advantage maps; set on the Competitors page.",
            f"critical threshold = {c.critical_threshold:.1f} on 0–10 (with top-two-box, "
            f"{c.critical_threshold * 10:.0f} % of users satisfied)",
            also=("minimum acceptable performance", "threshold"),
        ),
        Term(
            "Differentiate",
            "A focus-matrix choice for a job step: excel there, above the best competitor, because it holds high "
            "opportunities customers will notice. Few steps: focus is the point.",
            f"suggested for steps holding an outcome with opportunity ≥ {s.high:g}, where no competitor leads "
            "first; target = best competitor + the target margin",
            also=("focus matrix", "choice", "excel"),
        ),
        Term(
            "Meet",
            "A focus-matrix choice for a job step: match the market (parity), because it is important and already "
            "served well enough.",
            "suggested for the important steps that are neither differentiated nor accepted",
            also=("focus matrix", "choice", "parity"),
        ),
        Term(
            "Accept",
            "A focus-matrix choice for a job step: be acceptably behind on purpose, because customers care little "
            "or are already overserved there; the saved effort funds differentiation.",
            "suggested for steps of low mean importance or overserved (satisfaction − importance > "
            f"{s.overserved_margin:g})",
            also=("focus matrix", "choice", "underperform"),
        ),
        Term(
            "Competitive advantage",
            "Being clearly better than the other solutions where it matters. On a job step a competitor leads "
            "when its satisfaction beats the runner-up's by the lead margin; the advantage map shows each "
            "competitor's satisfaction by step against the critical threshold and our planned targets.",
            f"leads when satisfaction − runner-up's satisfaction ≥ {c.lead_margin:g} "
            f"{agree(c.lead_margin, 'point', 'points')}",
            also=("leads", "lead margin", "advantage map"),
        ),
        Term(
            "VRIO",
            "A test of whether a capability gives a lasting advantage: is it Valuable, Rare, hard to Imitate, and "
            "is the company Organized to exploit it? The first 'no' decides.",
            "not valuable → disadvantage; valuable, not rare → parity; not inimitable → temporary advantage; "
            "not organized → unused advantage; all four → sustained advantage",
            also=("valuable", "rare", "inimitable", "organized", "capability"),
        ),
        Term(
            "Trade-off",
            "A deliberate choice to do less of one thing to do better at another. The Trade-off Decision Matrix "
            "scores each candidate (job step, need cluster or segment) on weighted criteria and ranks them.",
            "each criterion scored 1–5 (data criteria: lowest row → 1, highest → 5); weighted score = "
            "Σ weight × score / Σ weight over the criteria the row has; rank 1 = highest",
            also=("trade-off matrix", "criteria", "weights"),
        ),
    )


def search(terms: tuple[Term, ...], text: str) -> tuple[Term, ...]:
    """The terms matching every word of ``text`` (all of them for blank text)."""
    return tuple(t for t in terms if t.matches(text)) if text.strip() else terms
