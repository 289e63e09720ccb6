"""Study mode: preparing the questions once per data set, then drawing a quiz, at the shipped
size and at 100x, against a plain pass over the same data's text in the same run.

    python benchmarks/bench_study.py [--runs 7]

Budgets (issue 18): a quiz draw within one frame (16 ms) at 1x and under 100 ms at 100x;
preparation grows linearly with the data (the 100x/1x ratio near 100, not 10,000).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import timed  # noqa: E402
from benchmarks.make_big_data import build  # noqa: E402
from needleguide import paths  # noqa: E402
from needleguide.core import study  # noqa: E402
from needleguide.core.loader import load  # noqa: E402
from needleguide.core.model import ReferenceData  # noqa: E402

NOW = dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)


def text_pass(data: ReferenceData) -> None:
    """The baseline: read every text a region holds once (what any linear pass must do)."""
    for region in data.regions:
        " ".join([region.name, region.summary, *(m.note for m in region.muscles),
                  *(s.relation for s in region.structures), *(c.text for c in region.cautions)]
                 ).casefold()


def prepare(data: ReferenceData) -> None:
    study._cache = None          # cold: as when study mode first opens on this data
    study.fold.cache_clear()
    study.question_ids(data)


def measure(data: ReferenceData, runs: int) -> dict[str, float]:
    one_region = frozenset({data.regions[0].id})
    times: dict[str, list[float]] = {"baseline": [], "prepare": [], "quiz": [], "region": []}
    for seed in range(runs):
        times["baseline"].append(timed(lambda: text_pass(data)))
        times["prepare"].append(timed(lambda: prepare(data)))
        times["quiz"].append(timed(lambda: study.build_quiz(
            data, {}, NOW, study.StudyOptions(count=10, seed=seed))))
        times["region"].append(timed(lambda: study.build_quiz(
            data, {}, NOW, study.StudyOptions(one_region, 10, seed))))
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "regions-100x.yaml"
        big.write_text(build(100), encoding="utf-8")
        sizes = {"1x": load(paths.default_data_file()), "100x": load(big)}
    results = {name: measure(data, args.runs) for name, data in sizes.items()}
    for name, r in results.items():
        print(f"{name}: prepare {r['prepare'] * 1e3:.1f} ms ({r['prepare'] / r['baseline']:.1f}x "
              f"a plain text pass of {r['baseline'] * 1e3:.1f} ms); quiz of 10, all regions "
              f"{r['quiz'] * 1e3:.1f} ms, one region {r['region'] * 1e3:.1f} ms")
    growth = results["100x"]["prepare"] / results["1x"]["prepare"]
    base_growth = results["100x"]["baseline"] / results["1x"]["baseline"]
    print(f"growth 1x -> 100x: prepare {growth:.0f}x, plain text pass {base_growth:.0f}x "
          f"(medians of {args.runs})")


if __name__ == "__main__":
    main()
