"""Generate the committed sample surveys (and any synthetic survey) deterministically.

Usage::

    python -m sample_surveys.generate              # rewrite sample_surveys/*.xlsx + *.truth.json
    python -m sample_surveys.generate --out DIR    # write them somewhere else

Library use::

    from sample_surveys.generate import build_survey, synthetic_spec, write_workbook
    frames = build_survey(synthetic_spec(n_steps=12, n_outcomes=150, seed=1), 5000, seed=1)
    write_workbook(frames, "big.xlsx")
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from sample_surveys.model import JobSpec
from sample_surveys.simulate import SurveyFrames, build_survey
from sample_surveys.spec_invoice import INVOICE_PROCESSING
from sample_surveys.spec_meals import MEAL_PLANNING
from sample_surveys.synthetic import synthetic_spec
from sample_surveys.workbook import write_truth, write_workbook

__all__ = [
    "SAMPLES",
    "SAMPLE_DIR",
    "JobSpec",
    "SurveyFrames",
    "build_survey",
    "generate_sample",
    "main",
    "synthetic_spec",
    "write_truth",
    "write_workbook",
]

SAMPLE_DIR = Path(__file__).resolve().parent
SAMPLES: tuple[JobSpec, ...] = (INVOICE_PROCESSING, MEAL_PLANNING)


def generate_sample(spec: JobSpec, out_dir: str | Path = SAMPLE_DIR) -> tuple[Path, Path]:
    """Build one committed sample with its own size and seed; write ``<name>.xlsx`` and truth."""
    out_dir = Path(out_dir)
    frames = build_survey(spec, spec.n_respondents, spec.seed)
    workbook = write_workbook(frames, out_dir / f"{spec.name}.xlsx")
    truth = write_truth(frames, out_dir / f"{spec.name}.truth.json")
    return workbook, truth


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: regenerate every committed sample."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SAMPLE_DIR, help="output directory")
    args = parser.parse_args(argv)
    for spec in SAMPLES:
        for path in generate_sample(spec, args.out):
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
