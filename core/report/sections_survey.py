"""The report's sections about the survey: the job and its steps, the opportunity landscape, the
top underserved outcomes, the segments and the competitors (core.report.build runs them).

Every score in a table sits next to its n (respondents with a valid rating: the smaller of the
importance and satisfaction counts of the outcome); charts carry the numbers behind them as notes.
"""

from __future__ import annotations

import pandas as pd

from core.analysis.segment_profiles import profile_segmentation, top_outcomes
from core.analysis.segment_store import list_segmentations
from core.report import specs
from core.report.context import ReportContext
from core.report.formatting import count, score, share, step_label, table, text, whole
from core.report.model import Chart, KeyNumber, Section
from core.wording import plural

TOP = 10
LABELLED = 8


def with_labels(scores: pd.DataFrame) -> pd.DataFrame:
    frame = scores.copy()
    frame["step_label"] = [step_label(o, s) for o, s in zip(frame["step_order"], frame["step"], strict=True)]
    frame["n"] = frame[["n_importance", "n_satisfaction"]].min(axis=1)
    return frame


def job_section(context: ReportContext) -> Section | None:
    steps = context.focus.steps
    if steps.empty:
        return None
    frame = steps.assign(label=[step_label(o, s) for o, s in zip(steps["step_order"], steps["step"], strict=True)])
    frame["n"] = frame["step_id"].map(context.step_n)
    columns = {
        "label": ("Step", text),
        "n": ("n (fewest per outcome)", count),
        "n_outcomes": ("Outcomes", count),
        "mean_opportunity": ("Mean opportunity", score),
        "n_attractive": ("Outcomes ≥ solid", count),
        "top_outcome": ("Top outcome", text),
        "top_opportunity": ("Its opportunity", score),
    }
    info = context.info
    return Section(
        key="job",
        title="The job and its steps",
        text=(
            f"The customer's job is mapped in {plural(info.steps, 'step')} holding "
            f"{plural(info.outcomes, 'desired outcome')}, rated by {plural(info.respondents, 'respondent')}.",
        ),
        numbers=(
            KeyNumber("Respondents", f"{info.respondents:,}", info.respondents),
            KeyNumber("Job steps", str(info.steps)),
            KeyNumber("Outcomes", str(info.outcomes)),
        ),
        tables=(table(frame, columns, f"Scores of everyone (n = {info.respondents:,})."),),
    )


def opportunities_section(context: ReportContext) -> Section | None:
    scores = with_labels(context.everyone).dropna(subset=["opportunity"])
    if scores.empty:
        return None
    scoring = context.scoring
    bands = scores["band"].value_counts()
    n = int(scores["n"].min())
    top = scores.nlargest(LABELLED, "opportunity")
    notes = tuple(
        f"{rank}. {r.statement} — importance {score(r.importance)}, satisfaction {score(r.satisfaction)}, "
        f"opportunity {score(r.opportunity)} (n = {count(r.n)})"
        for rank, r in enumerate(top.itertuples(), start=1)
    )
    chart = Chart(
        title="Opportunity landscape",
        how_to_read=(
            "Each point is an outcome: right = important, low = poorly satisfied. Below the diagonal it is "
            "underserved; past the dashed lines its opportunity exceeds 10, 12 and 15. Numbers rank the top outcomes."
        ),
        spec=specs.landscape(scores, scoring.overserved_margin, (scoring.solid, scoring.high, scoring.extreme)),
        notes=notes,
        aspect=0.62,
    )
    numbers = (
        *tuple(
            KeyNumber(f"{name.capitalize()} opportunities", str(int(bands.get(name, 0))), n)
            for name in ("extreme", "high", "solid")
        ),
        KeyNumber("Overserved outcomes", str(int(scores["overserved"].sum())), n),
    )
    return Section(
        key="opportunities",
        title="Opportunity landscape",
        text=(
            f"Bands: extreme ≥ {scoring.extreme:g}, high ≥ {scoring.high:g}, solid ≥ {scoring.solid:g}; an outcome "
            f"is overserved when satisfaction exceeds importance by more than {scoring.overserved_margin:g}.",
            f"Every outcome was rated by at least {n:,} respondents.",
        ),
        numbers=numbers,
        charts=(chart,),
    )


def top_outcomes_section(context: ReportContext) -> Section | None:
    scores = with_labels(context.everyone).dropna(subset=["opportunity"])
    underserved = scores[scores["importance"] > scores["satisfaction"]].nlargest(TOP, "opportunity")
    if underserved.empty:
        return None
    underserved = underserved.assign(rank=range(1, len(underserved) + 1))
    columns = {
        "rank": ("#", count),
        "statement": ("Outcome", text),
        "step_label": ("Step", text),
        "importance": ("Importance", score),
        "satisfaction": ("Satisfaction", score),
        "opportunity": ("Opportunity", score),
        "n": ("n", count),
    }
    bars = underserved.assign(
        label=[f"{r}. {s}" for r, s in zip(underserved["rank"], underserved["statement"], strict=True)]
    )
    chart = Chart(
        title="Top underserved outcomes",
        how_to_read="The longer the bar, the more important and the less satisfied the outcome (0–20).",
        spec=specs.ranked_bars(bars, "label", "opportunity", "Top underserved outcomes", "Opportunity (0–20)"),
        notes=tuple(
            f"{r.rank}. {r.statement}: opportunity {score(r.opportunity)} (n = {count(r.n)})"
            for r in underserved.itertuples()
        ),
        aspect=0.45,
    )
    best = underserved.iloc[0]
    return Section(
        key="top_outcomes",
        title="Top underserved outcomes",
        text=(f"The most underserved outcome: “{best['statement']}” (opportunity {score(best['opportunity'])}).",),
        numbers=(KeyNumber("Top opportunity", score(best["opportunity"]), whole(best["n"])),),
        tables=(table(underserved, columns),),
        charts=(chart,),
    )


def segments_section(context: ReportContext) -> Section | None:
    saved = list_segmentations(context.workspace)
    if not saved:
        return None
    segmentation = saved[-1]  # the newest, as the Segments page opens
    profiles = profile_segmentation(context.workspace, segmentation, context.scoring)
    sizes = profiles.sizes.copy()
    if sizes.empty:
        return None
    sizes["top"] = [
        "; ".join(str(s) for s in top_outcomes(profiles.scores, seg, 2)["statement"]) for seg in sizes["segment"]
    ]
    columns = {
        "segment": ("Segment", text),
        "n": ("n", count),
        "share": ("Share", share),
        "mean_opportunity": ("Mean opportunity", score),
        "top": ("Most underserved outcomes", text),
    }
    chart = Chart(
        title="Segment sizes",
        how_to_read="Respondents in each segment of the outcome-based segmentation, largest first.",
        spec=specs.ranked_bars(sizes, "segment", "n", "Segment sizes", "Respondents"),
        notes=tuple(
            f"{r.segment}: {count(r.n)} respondents ({share(r.share)}), mean opportunity {score(r.mean_opportunity)}"
            for r in sizes.itertuples()
        ),
        aspect=0.3,
    )
    return Section(
        key="segments",
        title="Segments",
        text=(
            f"Segmentation “{segmentation.name}”: {segmentation.k} segments of {segmentation.n_respondents:,} "
            "respondents, grouped by their opportunity scores (k-means).",
        ),
        numbers=(
            KeyNumber("Segments", str(segmentation.k)),
            KeyNumber("Respondents", f"{segmentation.n_respondents:,}", segmentation.n_respondents),
        ),
        tables=(table(sizes, columns),),
        charts=(chart,),
    )


def competitors_section(context: ReportContext) -> Section | None:
    analysis = context.focus.analysis
    if analysis.steps.empty:
        return None
    steps = analysis.steps.sort_values(["step_order", "competitor"])
    lines = steps.assign(
        series=steps["competitor"].astype(str),
        step_label=[step_label(o, s) for o, s in zip(steps["step_order"], steps["step"], strict=True)],
    )
    threshold = analysis.settings.critical_threshold
    sizes = analysis.competitors[analysis.competitors["included"]]
    chart = Chart(
        title="Competitive advantage map",
        how_to_read=(
            f"Each line is a competitor's satisfaction per job step (0–10); below the dashed line "
            f"({threshold:g}) a step is served below the critical threshold."
        ),
        spec=specs.advantage_map(lines, threshold),
        notes=tuple(
            f"{label}: " + ", ".join(f"{r.series} {score(r.satisfaction)}" for r in rows.itertuples())
            for label, rows in lines.groupby("step_label", sort=False)
        ),
        aspect=0.5,
    )
    leads = analysis.leads.copy()
    leads["label"] = [step_label(o, s) for o, s in zip(leads["step_order"], leads["step"], strict=True)]
    columns = {
        "label": ("Step", text),
        "leader": ("Leader", text),
        "margin": ("Margin", score),
        "status": ("Status", text),
    }
    return Section(
        key="competitors",
        title="Competitive advantage map",
        text=(f"Competitor satisfaction comes from {context.focus.competitor_source}.",),
        numbers=tuple(KeyNumber(str(r.competitor), f"{count(r.n)} users", whole(r.n)) for r in sizes.itertuples()),
        tables=(table(leads, columns, "Who leads each step (by the lead margin of the Competitors page)."),),
        charts=(chart,),
    )
