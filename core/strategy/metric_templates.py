"""The method's differentiation metrics as one-click templates (issue 14.4): one table of 21.

Four families of five named by the method, plus "satisfaction where we differentiate" in customer
perception, which the survey waves compute (core.strategy.metric_waves). Each template carries a
definition a facilitator can read aloud, a unit and the direction that is better. Decisions where
the method names a metric but not its measure:

- *Competitive response* counts competitor moves that copy or neutralise our differentiators
  (lower is better: the differentiation is not being eroded); *category leadership* is our rank
  on the differentiated outcomes (1 = leader, lower is better); *acquisition efficiency* is the
  cost to acquire a customer (lower is better). Every other template is better when higher.
- Three internal-alignment templates can be computed from the workspace
  (core.strategy.metric_sources): resource alignment, development focus, message consistency.

The templates are data: the page lists them by family and adds one with a click
(core.strategy.metrics.add_from_template); a metric keeps its ``template_key``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

HIGHER, LOWER = "higher", "lower"
DIRECTIONS = {HIGHER: "higher is better", LOWER: "lower is better"}
FAMILIES = {
    "perception": "Customer perception",
    "market": "Market performance",
    "alignment": "Internal alignment",
    "financial": "Financial impact",
}


@dataclass(frozen=True)
class Template:
    """One named metric of the method."""

    key: str
    family: str  # a key of FAMILIES
    name: str
    definition: str
    unit: str
    direction: str  # HIGHER or LOWER


# fmt: off
TEMPLATES: tuple[Template, ...] = (
    Template("differentiation_recognition", "perception", "Differentiation recognition",
             "Share of target customers who name our differentiator, unprompted, as what sets us apart.", "%", HIGHER),
    Template("value_attribution", "perception", "Value attribution",
             "Share of customers who credit the differentiated outcomes for the value they get from us.", "%", HIGHER),
    Template("competitive_preference", "perception", "Competitive preference",
             "Share of customers who prefer us over the best alternative on the differentiated job steps.", "%",
             HIGHER),
    Template("willingness_to_pay", "perception", "Willingness to pay",
             "Price premium customers say they would pay over the best alternative for the differentiated outcomes.",
             "% premium", HIGHER),
    Template("advocacy", "perception", "Advocacy",
             "Net promoter score among customers in the target segments.", "NPS points", HIGHER),
    Template("satisfaction_differentiated", "perception", "Satisfaction where we differentiate",
             "Customers' satisfaction (0–10) with the outcomes of the steps we chose to differentiate, per survey "
             "wave.", "score 0–10", HIGHER),
    Template("win_rate_differentiated", "market", "Win rate where we chose to differentiate",
             "Share of competitive deals won where the buyer's need lies on a step we chose to differentiate.", "%",
             HIGHER),
    Template("share_gain_target_segments", "market", "Share gain in target segments",
             "Change of our market share within the target segments since the baseline.", "percentage points",
             HIGHER),
    Template("market_influence", "market", "Market influence",
             "Share of analyst, press and buyer conversations that use our framing of the job.", "%", HIGHER),
    Template("competitive_response", "market", "Competitive response",
             "Competitor moves in the period that copy or neutralise our differentiators.", "moves", LOWER),
    Template("category_leadership", "market", "Category leadership",
             "Our rank in the category on the differentiated outcomes (1 = leader).", "rank", LOWER),
    Template("resource_alignment", "alignment", "Resource alignment",
             "Share of the capabilities' resource requirement (cost + effort) that goes to capabilities linked to "
             "needs of the differentiated steps.", "%", HIGHER),
    Template("development_focus", "alignment", "Development focus",
             "Share of capabilities linked to the job steps chosen to differentiate.", "%", HIGHER),
    Template("message_consistency", "alignment", "Message consistency",
             "Share of the differentiated elements that carry a proven message at enough touchpoints.", "%", HIGHER),
    Template("decision_filter_use", "alignment", "Decision-filter use",
             "Share of major product and go-to-market decisions checked against the differentiation filter.", "%",
             HIGHER),
    Template("tradeoff_discipline", "alignment", "Trade-off discipline",
             "Share of requests outside the differentiation that were declined or deferred as the trade-off "
             "matrix says.", "%", HIGHER),
    Template("price_realisation", "financial", "Price realisation",
             "Average net price realised as a share of list price on the differentiated offer.", "% of list",
             HIGHER),
    Template("margin", "financial", "Margin",
             "Gross margin on the differentiated offer.", "%", HIGHER),
    Template("acquisition_efficiency", "financial", "Acquisition efficiency",
             "Cost to acquire one customer in the target segments.", "currency per customer", LOWER),
    Template("retention", "financial", "Retention",
             "Share of target-segment customers still with us twelve months later.", "%", HIGHER),
    Template("lifetime_value", "financial", "Lifetime value",
             "Average gross margin a target-segment customer brings over their lifetime with us.", "currency",
             HIGHER),
)
# fmt: on
BY_KEY = {t.key: t for t in TEMPLATES}


def template(key: str) -> Template:
    """The template under ``key``; a KeyError names the key."""
    try:
        return BY_KEY[key]
    except KeyError:
        raise KeyError(f"no metric template {key!r}") from None


def templates_frame() -> pd.DataFrame:
    """The templates as a table (key, family, family_label, name, definition, unit, direction)."""
    frame = pd.DataFrame([t.__dict__ for t in TEMPLATES])
    frame.insert(2, "family_label", frame["family"].map(FAMILIES))
    return frame
