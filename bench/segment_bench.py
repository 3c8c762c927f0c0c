"""Segmentation benchmark: respondents × 150 outcomes (5,000 by default), profiles included.

Times, in this process on an in-memory workspace holding the survey (median of ``--runs``):

* the whole Segments-page action: ``run_segmentation`` (ratings matrix from DuckDB, k = 2–8
  by silhouette, saving, naming) plus ``profile_segmentation`` (re-scoring every segment in
  SQL, the two-proportion tests, the attribute mix);
* the same with k fixed at the k that was chosen;
* the baseline, measured in the same run: one bare scikit-learn ``KMeans(k, n_init=10)`` fit
  on the standardised respondents × 150 opportunity matrix, nothing else.

Goals: issue #6, 5,000 × 150, the whole action under 3 s; issue #12, 50,000 × 150
(``--respondents 50000``), k chosen automatically under 5 s. The load average is printed: on a
busy machine compare the ratios, not the seconds.

    python -m bench.segment_bench [--runs 3] [--respondents 5000]
"""

from __future__ import annotations

import argparse
import os

from bench.harness import timed
from bench.workbooks import canonical_workbook

GOAL_S = {5000: 3.0, 50000: 5.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--respondents", type=int, default=5000)
    args = parser.parse_args()

    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_limits

    from core.analysis.segment_profiles import profile_segmentation
    from core.analysis.segment_store import get_segmentation
    from core.analysis.segmentation import (
        SegmentationOptions,
        opportunity_vectors,
        rating_matrix,
        run_segmentation,
        standardise,
    )
    from core.intake.loading import load_file
    from core.intake.store import survey_info
    from core.workspace.database import open_workspace

    path = canonical_workbook(args.respondents, 150)
    workspace = open_workspace()
    result = load_file(workspace, path.read_bytes(), path.name)
    assert result.ok, result.report.to_text()
    info = survey_info(workspace)
    print(f"{path.name}: {info.respondents:,} respondents × {info.outcomes} outcomes in {info.steps} steps")

    chosen: list[int] = []

    def whole(options: SegmentationOptions) -> None:
        segmentation_id = run_segmentation(workspace, options)
        saved = get_segmentation(workspace, segmentation_id)
        profiles = profile_segmentation(workspace, saved)
        assert len(profiles.sizes) == saved.k
        chosen.append(saved.k)

    whole(SegmentationOptions())  # warm-up: imports, DuckDB caches
    auto_s = timed(lambda: whole(SegmentationOptions()), args.runs)
    k = chosen[-1]
    fixed_s = timed(lambda: whole(SegmentationOptions(k=k)), args.runs)

    matrix = rating_matrix(workspace, info.scale)
    x = standardise(opportunity_vectors(matrix.importance, matrix.satisfaction))

    def bare_kmeans() -> None:
        with threadpool_limits(limits=1):  # the same threading as the segmentation
            KMeans(n_clusters=k, n_init=10, random_state=0).fit(x)

    baseline_s = timed(bare_kmeans, args.runs)
    print(f"Segmentation with profiles, median of {args.runs} (k chosen: {k}):")
    print(f"  k = 2–8 by silhouette     {auto_s:6.2f} s   {auto_s / baseline_s:5.2f}× the baseline")
    print(f"  k = {k} fixed              {fixed_s:6.2f} s   {fixed_s / baseline_s:5.2f}× the baseline")
    size = f"{args.respondents:,} × 150"
    print(f"  baseline: one bare KMeans(k={k}, n_init=10) on the {size} matrix   {baseline_s:6.2f} s")
    print(f"  load average: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    goal = GOAL_S.get(args.respondents)
    if goal is not None:
        verdict = "OK" if auto_s < goal else "MISSED"
        print(f"  goal: k by silhouette, profiles included, under {goal:.0f} s: {verdict}")


if __name__ == "__main__":
    main()
