"""Loading: time to load and validate the 100x data file, against PyYAML's own fastest
loader (CSafeLoader, no validation) on the same file in the same run; then a warm load from
the validated-data cache (JSON, hashed and re-checked: data_cache.py), shipped and 100x,
against a full load of the same file.

    python benchmarks/bench_load.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import timed  # noqa: E402
from benchmarks.make_big_data import build  # noqa: E402
from needleguide import data_cache, paths  # noqa: E402
from needleguide.core.loader import load  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "regions-100x.yaml"
        path.write_text(build(100), encoding="utf-8")
        data = load(path)
        print(f"100x file: {path.stat().st_size / 1e6:.1f} MB, {len(data.regions)} regions, "
              f"{len(data.sources)} sources")
        ours, base = [], []
        for _ in range(args.runs):
            ours.append(timed(lambda: load(path)))
            base.append(timed(lambda: yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)))
    t_ours, t_base = statistics.median(ours), statistics.median(base)
    print(f"load+validate 100x: needleguide {t_ours:.2f} s; yaml.CSafeLoader alone "
          f"{t_base:.2f} s; ratio {t_ours / t_base:.2f} (medians of {args.runs})")
    warm_cache(args.runs)


def warm_cache(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["NEEDLEGUIDE_CACHE_DIR"] = str(Path(tmp) / "cache")
        big = Path(tmp) / "regions-100x.yaml"
        big.write_text(build(100), encoding="utf-8")
        for label, path, n in (("shipped", paths.default_data_file(), runs * 20),
                               ("100x", big, runs)):
            data_cache.load_cached(path)  # fills the cache
            cached = statistics.median(timed(lambda: data_cache.load_cached(path))
                                       for _ in range(n))
            full = statistics.median(timed(lambda: load(path)) for _ in range(max(3, n // 10)))
            print(f"warm cache, {label}: {cached * 1000:.2f} ms; full load {full * 1000:.1f} ms;"
                  f" ratio {cached / full:.3f} (medians)")


if __name__ == "__main__":
    main()
