"""Start-up: the real app to its first painted window (offscreen) against a minimal PySide6
window (QApplication + QMainWindow + one label), alternating the two over many runs. Both
are timed from process start to the end of their first paint; peak memory is read then.

Targets: median time ratio at most 1.3, peak memory ratio at most 1.3.

    python benchmarks/bench_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import alternate, installed_like_env, report, run_to_first_frame  # noqa: E402

PROBE = str(Path(__file__).resolve().parent / "startup_probe.py")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = installed_like_env(QT_QPA_PLATFORM="offscreen", HOME=home,
                                 XDG_CONFIG_HOME=f"{home}/config",
                                 XDG_DATA_HOME=f"{home}/data", XDG_CACHE_HOME=f"{home}/cache",
                                 PYTHONPATH=str(Path(__file__).resolve().parent.parent))
        real = [sys.executable, PROBE, "real"]
        minimal = [sys.executable, PROBE, "minimal"]
        finished: list[float] = []
        ours, base = alternate(lambda: run_to_first_frame(real, env, finished),
                               lambda: run_to_first_frame(minimal, env),
                               args.runs)
    report("start-up", ours, base, "needleguide", "minimal PySide6 window")
    done = statistics.median(finished[1:])  # the first one is the warm-up run
    minimal_median = statistics.median(t for t, _ in base)
    print(f"start-up, finished (map figure, icons and search index painted too): "
          f"{done * 1000:.0f} ms, ratio {done / minimal_median:.2f} to the minimal window's "
          f"first frame")


if __name__ == "__main__":
    main()
