"""Decoding and number-reading benchmark for the mis-read fixes (issue 9.5), ratios in one run.

Builds a 200,000-line UTF-8 CSV (accents on every line, a willingness-to-pay column with
decimal commas) in memory, then times (median of --repeats):

  baseline   bytes.decode("utf-8-sig") of the clean file
  clean      the importer's decoder on the clean file (strict UTF-8 on the whole file: ~1.0)
  one byte   the importer's decoder on the same file with one stray Latin-1 byte (one
             regular-expression pass over the text: a small multiple of the baseline, not a
             loop per line)
  typing     the attribute typing of the 200,000-cell willingness-to-pay column (work per
             distinct value) vs pandas.to_numeric of the same column already cleaned

Goal: clean / baseline ≤ 1.2 (the same strict decode; the rest is timing noise); one byte / baseline ≤ 10.

    python -m bench.decode_bench [--lines 200000] [--repeats 5]
"""

from __future__ import annotations

import argparse
import random

import numpy as np
import pandas as pd

from bench.harness import timed
from core.intake.importers.attributes import type_column
from core.intake.importers.reading import _decode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(1)
    prices = [f"{rng.randint(1, 20)}.{rng.randint(100, 999)},{rng.randint(0, 99):02d}" for _ in range(args.lines)]
    lines = [f"R{i};Montréal;{p};4;2\r\n" for i, p in enumerate(prices)]
    clean = b"respondent_id;city;wtp;imp_O1;sat_O1\r\n" + "".join(lines).encode()
    middle = len(clean) // 2
    middle = clean.index(b"\n", middle) + 1
    stray = clean[:middle] + "R0;Besançon;1,00;4;2\r\n".encode("latin-1") + clean[middle:]

    baseline = timed(lambda: clean.decode("utf-8-sig"), args.repeats)
    clean_s = timed(lambda: _decode(clean, "big.csv"), args.repeats)
    stray_s = timed(lambda: _decode(stray, "big.csv"), args.repeats)
    print(f"decode  baseline {baseline * 1000:8.1f} ms   (bytes.decode of {len(clean) / 2**20:.1f} MiB)")
    print(f"decode  clean    {clean_s * 1000:8.1f} ms   ratio {clean_s / baseline:5.2f}   goal <= 1.2")
    print(f"decode  one byte {stray_s * 1000:8.1f} ms   ratio {stray_s / baseline:5.2f}   goal <= 10")

    column = np.array(prices, dtype=object)
    cleaned = pd.Series(prices).str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    numeric = timed(lambda: pd.to_numeric(cleaned), args.repeats)
    typing = timed(lambda: type_column(column), args.repeats)
    print(
        f"typing  to_numeric {numeric * 1000:6.1f} ms   type_column {typing * 1000:6.1f} ms   "
        f"ratio {typing / numeric:5.2f}   ({len(set(prices)):,} distinct values)"
    )


if __name__ == "__main__":
    main()
