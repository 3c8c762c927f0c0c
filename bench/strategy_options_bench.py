"""Strategy options benchmark: the page's view on the 5,000 × 150 survey (issue 16.3, 16.4).

Times, in one process on one workspace holding the survey and a saved segmentation (k = 4):

* the whole analysis, cold (core.views.strategy_options.strategy_analysis building everything:
  the Focus matrix's view — everyone's scores, the competitive analysis, the suggestion —, the
  need clusters, the segments' scores, willingness to pay, the five patterns);
* the analysis on the Focus matrix's and the Segments page's cached views (need clusters, the
  segment profile's scores) (what ``ui`` does: the
  three pages share them) — what a new segmentation, or the page after those pages, costs;
* an override (core.strategy.growth.set_override + strategy_options_view on the cached
  analysis) — what a facilitator's change costs, since ``ui`` caches the analysis by the
  survey's and the segmentations' signatures;
* the baseline, measured in the same run: the Opportunities page's view
  (core.views.opportunities.opportunities_view).

    python -m bench.strategy_options_bench [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import tempfile

from bench.harness import timed
from bench.rerun_bench import workspace_with
from bench.workbooks import canonical_workbook


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ["JTBD_DATA_DIR"] = tempfile.mkdtemp(prefix="strategy-options-bench-")
    from core.analysis.competition import load_competition_settings
    from core.analysis.scoring import load_settings
    from core.analysis.segmentation import SegmentationOptions, run_segmentation
    from core.strategy.focus_data import load_focus_settings
    from core.strategy.growth import set_override
    from core.views.focus import focus_view
    from core.views.opportunities import opportunities_view
    from core.views.segments import need_clusters_view, segmentation_view
    from core.views.strategy_options import strategy_analysis, strategy_options_view
    from core.workspace.database import open_workspace

    token = workspace_with(canonical_workbook(5000, 150))
    workspace = open_workspace(token)
    segmentation = run_segmentation(workspace, SegmentationOptions(k=4))
    scoring = load_settings(workspace)
    strategy_analysis(workspace, scoring, segmentation)  # warm: imports, first queries
    opportunities_view(workspace, scoring)
    analysis_s = timed(lambda: strategy_analysis(workspace, scoring, segmentation), args.runs)
    settings = (load_focus_settings(workspace), load_competition_settings(workspace))
    profile = segmentation_view(workspace, scoring, segmentation).profiles.scores.rename(columns={"segment": "group"})
    shared = (focus_view(workspace, scoring, *settings), need_clusters_view(workspace, scoring, None), profile)
    shared_s = timed(lambda: strategy_analysis(workspace, scoring, segmentation, *shared), args.runs)
    analysis = strategy_analysis(workspace, scoring, segmentation)
    segment = str(analysis.metrics["segment"].iloc[0])
    choices = iter(["discrete", "sustaining", None] * args.runs)

    def override() -> None:
        set_override(workspace, segmentation, segment, next(choices))
        strategy_options_view(workspace, analysis)

    override_s = timed(override, args.runs)
    baseline_s = timed(lambda: opportunities_view(workspace, scoring), args.runs)
    workspace.close()
    print(f"Strategy options view, 5,000 × 150 survey, 4 segments; median of {args.runs}")
    print(f"  whole analysis, cold (scores, segments, clusters, patterns) {analysis_s * 1000:8.1f} ms")
    print(f"  on the Focus matrix's and Segments' cached views            {shared_s * 1000:8.1f} ms")
    print(f"  an override: save + view on the cached analysis             {override_s * 1000:8.1f} ms")
    print(f"  Opportunities view                                          {baseline_s * 1000:8.1f} ms   (baseline)")
    print(
        f"  ratio cold / baseline {analysis_s / baseline_s:.2f}×   shared / baseline {shared_s / baseline_s:.2f}×   "
        f"override / baseline {override_s / baseline_s:.2f}×"
    )


if __name__ == "__main__":
    main()
