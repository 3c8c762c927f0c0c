"""Scoring-query benchmark: the product's ``outcome_scores`` against a bare GROUP BY.

Builds a ratings table of ``--ratings`` rows (respondents × 150 outcomes, 1–5 ratings, about 5 %
missing, seeded) directly in DuckDB in an in-memory workspace, then times, median of ``--runs``
after one warm-up each:

* the product: :func:`core.analysis.scoring.outcome_scores` (top-two-box, everyone, with group
  sizes, intervals, bands, the outcome and step join) fetched as a DataFrame;
* the baseline, in the same run on the same table: one bare ``GROUP BY outcome_id`` computing the
  same top-two-box shares (count of valid ratings and of ratings in the top two points, for
  importance and satisfaction), fetched as a DataFrame.

Goal (issue #12 item 2): the product ≤ 1.3× the baseline at 20 M ratings.

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
# what the product does beyond the baseline: the group size (respondents with a rating row)
DISTINCT_RESPONDENTS = "SELECT count(DISTINCT respondent_id) FROM ratings"


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
    from core.workspace.database import open_workspace

    workspace = open_workspace()
    respondents = build(workspace, args.ratings)
    settings = ScoringSettings()
    cur = workspace.cursor()

    def product() -> None:
        scored = outcome_scores(workspace, settings)
        assert len(scored) == OUTCOMES

    def bare() -> None:
        assert len(cur.execute(BARE_GROUP_BY).df()) == OUTCOMES

    product(), bare()  # warm-up
    # interleaved so that a change in the machine's load falls on both sides
    product_s, baseline_s, distinct_s = [], [], []
    for _ in range(args.runs):
        product_s.append(timed(product, 1))
        baseline_s.append(timed(bare, 1))
        distinct_s.append(timed(lambda: cur.execute(DISTINCT_RESPONDENTS).fetchall(), 1))
    p, b, d = (sorted(s)[len(s) // 2] for s in (product_s, baseline_s, distinct_s))
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{respondents * OUTCOMES:,} ratings ({respondents:,} respondents × {OUTCOMES} outcomes), load {load}")
    print(f"  scoring query (outcome_scores, top2box)  {p:6.3f} s   {p / b:5.2f}× the baseline")
    print(f"  baseline: bare GROUP BY, same shares     {b:6.3f} s")
    print(f"  (count of distinct respondents alone     {d:6.3f} s   {d / b:5.2f}× the baseline)")
    verdict = "OK" if p / b <= GOAL_RATIO else "MISSED"
    print(f"  goal: ≤ {GOAL_RATIO}× the baseline: {verdict}")


if __name__ == "__main__":
    main()
