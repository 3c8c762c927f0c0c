"""Scoring-query benchmark: the product's ``outcome_scores`` against a bare GROUP BY.

Builds a ratings table of ``--ratings`` rows (respondents × 150 outcomes, 1–5 ratings, about 5 %
missing, seeded) directly in DuckDB in an in-memory workspace, writes the rating counts as an
import does (:func:`core.workspace.rating_counts.refresh`), then times, median of ``--runs``
after one warm-up each:

* the product: :func:`core.analysis.scoring.outcome_scores` (top-two-box, everyone, with group
  sizes, intervals, bands, the outcome and step join) fetched as a DataFrame. Since issue 12 it
  reads the counts kept at import, not the ratings;
* the baseline, in the same run on the same ratings table: one bare ``GROUP BY outcome_id``
  computing the same top-two-box shares (count of valid ratings and of ratings in the top two
  points, for importance and satisfaction), fetched as a DataFrame.

Goal (issue #12 item 2): the product ≤ 1.3× the baseline at 20 M ratings.

Because the work moved to the import, two more lines show what it costs and what is still read
from the raw ratings, against the same baseline (no goal of their own): rewriting the counts
(once per import, inside its transaction), and scoring a saved segmentation (two halves), which
reads the ratings.

    python -m bench.scoring_query_bench [--ratings 20000000] [--runs 5]
"""

from __future__ import annotations

import argparse
import os

from bench.harness import timed

GOAL_RATIO = 1.3
OUTCOMES = 150

BARE_GROUP_BY = """
SELECT outcome_id,
       10 * count(*) FILTER (WHERE importance >= 4) / count(importance) AS importance,
       10 * count(*) FILTER (WHERE satisfaction >= 4) / count(satisfaction) AS satisfaction
FROM ratings
GROUP BY outcome_id
"""


def build(workspace, ratings: int, seed: float = 0.42) -> int:
    """Fill steps, outcomes and ``ratings`` rows of ratings; the number of respondents."""
    respondents = max(1, ratings // OUTCOMES)
    cur = workspace.cursor()
    cur.execute("SELECT setseed(?)", [seed])
    cur.execute("INSERT INTO steps SELECT i, i, 'Step ' || i, NULL FROM range(1, 11) t(i)")
    cur.execute(
        f"INSERT INTO outcomes SELECT printf('O%03d', i), 1 + i % 10, 'Minimise the time it takes to do thing ' || i,"
        f" NULL, i FROM range({OUTCOMES}) t(i)"
    )
    cur.execute(
        f"""
        INSERT INTO ratings
        SELECT printf('R%07d', r), printf('O%03d', o),
               CASE WHEN random() < 0.05 THEN NULL ELSE 1 + floor(random() * 5) END,
               CASE WHEN random() < 0.05 THEN NULL ELSE 1 + floor(random() * 5) END
        FROM range({respondents}) a(r), range({OUTCOMES}) b(o)
        """
    )
    return respondents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ratings", type=int, default=20_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from core.analysis.scoring import ScoringSettings, outcome_scores
    from core.analysis.segment_store import save_segmentation
    from core.workspace import rating_counts
    from core.workspace.database import open_workspace

    workspace = open_workspace()
    respondents = build(workspace, args.ratings)
    cur = workspace.cursor()
    rating_counts.refresh(cur)  # as write_survey does at import
    halves = cur.execute(
        "SELECT DISTINCT respondent_id, 'Half ' || (hash(respondent_id) % 2) AS segment FROM ratings"
    ).df()
    grouping = "segmentation:" + save_segmentation(workspace, "Halves", halves, k=2, silhouette=None, params={})
    settings = ScoringSettings()

    def product() -> None:
        scored = outcome_scores(workspace, settings)
        assert len(scored) == OUTCOMES

    def bare() -> None:
        assert len(cur.execute(BARE_GROUP_BY).df()) == OUTCOMES

    def refresh() -> None:
        with workspace.transaction() as write:
            rating_counts.refresh(write)

    def segments() -> None:
        assert len(outcome_scores(workspace, settings, by=grouping)) == 2 * OUTCOMES

    product(), bare(), segments()  # warm-up
    # interleaved so that a change in the machine's load falls on both sides
    times: dict[str, list[float]] = {"product": [], "baseline": [], "refresh": [], "segments": []}
    for _ in range(args.runs):
        times["product"].append(timed(product, 1))
        times["baseline"].append(timed(bare, 1))
        times["refresh"].append(timed(refresh, 1))
        times["segments"].append(timed(segments, 1))
    p, b, r, s = (sorted(t)[len(t) // 2] for t in times.values())
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{respondents * OUTCOMES:,} ratings ({respondents:,} respondents × {OUTCOMES} outcomes), load {load}")
    print(f"  scoring query (outcome_scores, top2box)  {p:6.3f} s   {p / b:5.2f}× the baseline")
    print(f"  baseline: bare GROUP BY, same shares     {b:6.3f} s")
    print(f"  (rewriting the counts, once per import   {r:6.3f} s   {r / b:5.2f}× the baseline)")
    print(f"  (scoring 2 saved segments, raw ratings   {s:6.3f} s   {s / b:5.2f}× the baseline)")
    verdict = "OK" if p / b <= GOAL_RATIO else "MISSED"
    print(f"  goal: ≤ {GOAL_RATIO}× the baseline: {verdict}")


if __name__ == "__main__":
    main()
