"""Consumer sample: households planning and preparing a week of family meals."""

from __future__ import annotations

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

TIME = "Time & effort"
BUDGET = "Budget & waste"
HEALTH = "Health & nutrition"
FAMILY = "Family fit & variety"

CLUSTERS = {
    TIME: "Getting meals planned, bought and on the table with the least time and effort.",
    BUDGET: "Spending no more than needed and throwing as little food away as possible.",
    HEALTH: "Balanced, safe meals that respect every dietary need in the family.",
    FAMILY: "Meals the whole family will actually enjoy, with enough variety.",
}


def _o(statement: str, cluster: str, served: str = "") -> Outcome:
    return Outcome(statement, cluster, served)


STEPS = (
    Step(
        "Define the week's meal needs",
        (
            _o("Minimize the time it takes to work out who will be home for each meal this week", TIME),
            _o("Minimize the likelihood of forgetting a family member's allergy or intolerance", HEALTH),
            _o("Minimize the time it takes to set a food budget for the week", BUDGET),
            _o("Increase the ability to balance nutrition across the week's meals", HEALTH),
            _o("Minimize the likelihood of planning more cooking than the week's schedule allows", TIME),
            _o("Minimize the time it takes to agree which meals the family wants this week", FAMILY),
        ),
    ),
    Step(
        "Find meal ideas and recipes",
        (
            _o("Minimize the time it takes to find recipes that everyone in the family will eat", FAMILY, UNDERSERVED),
            _o("Minimize the time it takes to find recipes that fit a dietary restriction", HEALTH),
            _o("Minimize the likelihood of choosing a recipe that takes longer than expected", TIME),
            _o("Increase the ability to discover dishes the family has not tried before", FAMILY),
            _o("Minimize the time it takes to find recipes that use ingredients already at home", BUDGET),
            _o("Minimize the likelihood of choosing a recipe whose ingredients are hard to find", TIME),
            _o("Minimize the time it takes to save a recipe to use later", FAMILY, OVERSERVED),
        ),
    ),
    Step(
        "Choose the week's menu",
        (
            _o("Minimize the time it takes to put together a full week's menu", TIME),
            _o("Minimize the likelihood of repeating the same meals too often", FAMILY),
            _o("Minimize the likelihood of the menu costing more than the weekly budget", BUDGET),
            _o("Increase the ability to fit quick meals into the busiest evenings", TIME),
            _o("Minimize the likelihood of the menu lacking enough vegetables or protein", HEALTH),
            _o("Increase the ability to plan meals that share ingredients", BUDGET),
            _o("Minimize the likelihood of a menu that leaves someone without a meal they like", FAMILY),
        ),
    ),
    Step(
        "Build the shopping list",
        (
            _o("Minimize the time it takes to turn the menu into a shopping list", TIME),
            _o("Minimize the likelihood of buying something that is already in the cupboard", BUDGET),
            _o("Minimize the likelihood of forgetting an ingredient needed for a planned meal", TIME, UNDERSERVED),
            _o("Minimize the time it takes to add up quantities of the same ingredient across recipes", TIME),
            _o("Minimize the time it takes to estimate what the shopping list will cost", BUDGET),
            _o("Minimize the time it takes to share the list with another family member", TIME, OVERSERVED),
        ),
    ),
    Step(
        "Buy the groceries",
        (
            _o("Minimize the time it takes to complete the weekly grocery shop", TIME),
            _o("Minimize the likelihood of paying more than necessary for the same items", BUDGET, UNDERSERVED),
            _o("Minimize the likelihood of a planned item being out of stock", TIME),
            _o("Minimize the time it takes to find a substitute that still fits a dietary need", HEALTH),
            _o("Minimize the likelihood of impulse purchases that were not on the list", BUDGET),
            _o("Increase the ability to choose healthier versions of the same products", HEALTH),
            _o("Minimize the time it takes to check out and pay", TIME, OVERSERVED),
        ),
    ),
    Step(
        "Store and prep ingredients",
        (
            _o("Minimize the time it takes to put groceries away so they stay fresh", BUDGET),
            _o("Minimize the likelihood of fresh food spoiling before it is used", BUDGET, UNDERSERVED),
            _o("Minimize the time it takes to prep ingredients ahead for several meals", TIME),
            _o("Minimize the likelihood of losing track of what is in the fridge and freezer", BUDGET),
            _o("Minimize the likelihood of storing food in a way that makes it unsafe", HEALTH),
            _o("Minimize the time it takes to portion and freeze food for later in the week", TIME),
        ),
    ),
    Step(
        "Cook the meals",
        (
            _o("Minimize the time it takes to get dinner on the table on a weeknight", TIME, UNDERSERVED),
            _o("Minimize the likelihood of a meal turning out badly", FAMILY),
            _o("Minimize the number of pots, pans and utensils used to cook one meal", TIME),
            _o("Minimize the time it takes to cook a separate version for a picky eater", FAMILY),
            _o("Minimize the likelihood of using too much salt, sugar or fat", HEALTH),
            _o("Increase the ability to involve children in cooking", FAMILY),
            _o("Minimize the time it takes to follow a recipe's steps while cooking", TIME),
            _o("Minimize the time it takes to convert a recipe's units and quantities", TIME, OVERSERVED),
        ),
    ),
    Step(
        "Serve and adjust the plan",
        (
            _o("Minimize the likelihood of a family member refusing to eat the meal", FAMILY),
            _o("Minimize the time it takes to adjust the plan when someone's schedule changes", TIME),
            _o("Minimize the time it takes to swap a planned meal for another one", TIME),
            _o("Increase the ability to know whether each family member ate a balanced meal", HEALTH),
            _o("Minimize the likelihood of serving portions that are too large", HEALTH),
            _o("Increase the ability to remember which meals the family liked", FAMILY),
        ),
    ),
    Step(
        "Clear up and use leftovers",
        (
            _o("Minimize the time it takes to clean up after a meal", TIME),
            _o("Minimize the amount of leftover food that is thrown away", BUDGET),
            _o("Increase the ability to turn leftovers into a new meal", BUDGET),
            _o("Minimize the time it takes to work out what the week's meals actually cost", BUDGET),
            _o("Minimize the likelihood of forgetting leftovers until they are unsafe to eat", HEALTH),
            _o("Minimize the time it takes to decide which meals to keep for next week", FAMILY),
        ),
    ),
)

SEGMENTS = (
    Segment(
        "Budget stretchers",
        0.45,
        "Households keeping the food bill down and wasting as little as possible.",
        importance={BUDGET: 1.8, HEALTH: -0.5},
        satisfaction={BUDGET: -0.4},
        wtp_median=7.0,
    ),
    Segment(
        "Health-focused planners",
        0.35,
        "Households managing allergies, diets and balanced nutrition.",
        importance={HEALTH: 1.9, BUDGET: -0.5},
        satisfaction={HEALTH: -0.5},
        wtp_median=11.0,
    ),
    Segment(
        "Time-starved parents",
        0.20,
        "Busy parents who need meals planned, bought and cooked fast; the most underserved.",
        importance={TIME: 1.9},
        satisfaction={TIME: -1.0, FAMILY: -0.4},
        wtp_median=19.0,
    ),
)

COMPETITORS = (
    Competitor("Mealwise", 0.34, leads=(2, 3)),
    Competitor("CartCrate", 0.28, leads=(4, 5)),
    Competitor("PrepBox", 0.22, leads=(6, 7)),
    Competitor("Platewell", 0.16, leads=(8, 9)),
)

ATTRIBUTES = (
    Attribute(
        "household_size",
        (1, 2, 3, 4, 5, 6),
        (0.06, 0.20, 0.26, 0.28, 0.14, 0.06),
        by_segment={"Time-starved parents": (0.0, 0.06, 0.24, 0.36, 0.24, 0.10)},
    ),
    Attribute(
        "age_band",
        ("18-24", "25-34", "35-44", "45-54", "55-64", "65+"),
        (0.08, 0.24, 0.28, 0.20, 0.12, 0.08),
        by_segment={"Time-starved parents": (0.03, 0.30, 0.45, 0.18, 0.03, 0.01)},
    ),
)

MEAL_PLANNING = JobSpec(
    name="consumer_meal_planning",
    job="Plan and prepare a week of family meals",
    executor="Household meal planners",
    steps=STEPS,
    clusters=CLUSTERS,
    segments=SEGMENTS,
    competitors=COMPETITORS,
    attributes=ATTRIBUTES,
    wtp_unit="USD per month",
    wtp_rounding=1.0,
    competitor_sheet=False,
    n_respondents=800,
    seed=20240612,
)
