"""Scratch probe (to delete): where the Qualtrics 5k x 150 check spends its time."""
import cProfile, pstats, time, sys
from pathlib import Path
from bench.harness import OUT
from core.intake.upload_check import check_in_process
path = OUT / sys.argv[1]
content = path.read_bytes()
none = lambda p: (None, None)
check_in_process(content, path.name, none)
t = time.perf_counter(); check_in_process(content, path.name, none); print("plain", time.perf_counter() - t)
pr = cProfile.Profile(); pr.enable()
check_in_process(content, path.name, none)
pr.disable()
pstats.Stats(pr).sort_stats("cumulative").print_stats(40)
