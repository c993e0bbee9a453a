"""The pure results core on a large round: compute, round statistics and robustness, no database.

Loads a round's `inputs` dict (as scoring.selectors.results builds it; by default
bench/inputs_2000.json, ignored by git, which
`bench/results.py --inputs-out bench/inputs_2000.json` writes: 2,000 entries x 7 judges,
100 judges, 3 categories, trimmed mean k=1, award tiers, a tie-break chain) and times, best of
N runs each:

  compute           scoring.outcome.compute(inputs)
  round_statistics  scoring.reliability.round_statistics(inputs)
  robustness        scoring.robustness.robustness(inputs) (every method, leave each judge out)

against the targets of issue 8 (compute <= 50 ms, round_statistics <= 30 ms, robustness <= 2 s).
Each line gives the best wall-clock time and, as on a shared machine the wall clock also counts
other processes' turns, the best CPU time of this process (time.process_time); the verdict
goes by the wall clock.
--dump FILE writes the three outputs as canonical JSON (sorted keys, str for Decimals), so that
an optimisation can be checked byte for byte against the output before it (`cmp` the dumps).
--profile prints cProfile's top entries for one run of each.

    .venv/bin/python bench/core.py [--repeat N] [--inputs FILE] [--dump FILE] [--profile]
        [--skip-robustness]
"""

import argparse
import cProfile
import io
import json
import pstats
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))

from scoring import outcome, reliability, robustness  # noqa: E402

DEFAULT_INPUTS = BASE_DIR / "bench" / "inputs_2000.json"  # not committed (1 MB): see above
TARGETS = {"compute": 0.050, "round_statistics": 0.030, "robustness": 2.0}


def cases(inputs: dict, skip_robustness: bool) -> dict:
    found = {
        "compute": lambda: outcome.compute(inputs),
        "round_statistics": lambda: reliability.round_statistics(inputs),
    }
    if not skip_robustness:
        found["robustness"] = lambda: robustness.robustness(inputs)
    return found


def best_of(function, repeat: int) -> tuple[float, float, object]:
    """(best wall-clock seconds, best CPU seconds, the last result)."""
    wall = cpu = float("inf")
    result = None
    for _ in range(repeat):
        result = None  # the previous result is not kept alive (for the collector) meanwhile
        start, start_cpu = time.perf_counter(), time.process_time()
        result = function()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu, result


def profile(function) -> str:
    profiler = cProfile.Profile()
    profiler.runcall(function)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=Path, default=DEFAULT_INPUTS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dump", type=Path, help="write the outputs as canonical JSON")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--skip-robustness", action="store_true")
    args = parser.parse_args()
    with args.inputs.open(encoding="utf-8") as handle:
        inputs = json.load(handle)
    print(f"inputs: {args.inputs} ({len(inputs['entries'])} entries, "
          f"{len(inputs['scores'])} scores, {len(inputs['judges'])} judges)")  # fmt: skip
    outputs = {}
    for name, function in cases(inputs, args.skip_robustness).items():
        seconds, cpu, outputs[name] = best_of(function, max(1, args.repeat))
        target = TARGETS[name]
        verdict = "ok" if seconds <= target else "OVER"
        print(
            f"{name:<17} {seconds * 1000:10.1f} ms  (CPU {cpu * 1000:.1f} ms; best of "
            f"{args.repeat}; target {target * 1000:.0f} ms: {verdict})"
        )
        if args.profile:
            print(profile(function))
    if args.dump:
        args.dump.write_text(json.dumps(outputs, sort_keys=True, default=str), encoding="utf-8")
        print(f"outputs written to {args.dump}")


if __name__ == "__main__":
    main()
