"""Benchmark inputs: synthetic canonical workbooks of a given size, generated once and cached."""

from __future__ import annotations

from pathlib import Path

from bench.harness import OUT


def canonical_workbook(
    respondents: int, outcomes: int, *, steps: int = 12, seed: int = 7, competitor_sheet: bool = False
) -> Path:
    """``bench/out/canonical_<respondents>x<outcomes>.xlsx``, made by the sample generator; with
    ``competitor_sheet``, ``competitors_<respondents>x<outcomes>.xlsx``, which adds a competitors
    sheet (4 solutions: one row per respondent × outcome × solution rated)."""
    import dataclasses

    from sample_surveys.generate import build_survey, synthetic_spec, write_workbook

    path = OUT / f"{'competitors' if competitor_sheet else 'canonical'}_{respondents}x{outcomes}.xlsx"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        print(f"generating {path.name} …", flush=True)
        spec = synthetic_spec(n_steps=min(steps, outcomes), n_outcomes=outcomes, seed=seed)
        spec = dataclasses.replace(spec, competitor_sheet=competitor_sheet)
        write_workbook(build_survey(spec, n_respondents=respondents, seed=seed), path)
    return path
