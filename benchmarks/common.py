"""Helpers shared by the benchmarks: timing, alternation and a plain report."""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Sequence

PACKAGE = Path(__file__).resolve().parent.parent / "needleguide"


def installed_like_env(**extra: str) -> dict[str, str]:
    """The environment of an installed app: ``pip install`` compiles every module to
    bytecode, so do the same for the checkout and let Python use it. Without this, a shell
    with PYTHONDONTWRITEBYTECODE set would time the compiler on every run (45 ms here)."""
    compileall.compile_dir(PACKAGE, quiet=1)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env


def run_once(command: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall time (s) and peak RSS (KiB) of one run of a command, via /usr/bin/time-free means."""
    code = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
            "d = time.perf_counter() - t; "
            "m = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss; "
            "print(d, m); sys.exit(r.returncode)")
    out = subprocess.run([sys.executable, "-c", code, *command], capture_output=True, text=True,
                         env=env, check=True)
    seconds, kib = out.stdout.split()
    return float(seconds), int(kib)


def run_to_first_frame(command: Sequence[str], env: dict[str, str],
                       finished: list[float] | None = None) -> tuple[float, int]:
    """Seconds from starting ``command`` (a startup_probe.py run) to its first frame, and its
    peak RSS (KiB) at that moment, as the probe reports them. The seconds to the end of the
    work deferred past the first frame are appended to ``finished`` if given."""
    start = time.monotonic()  # system-wide on Linux: comparable with the child's clock
    out = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    lines = {x.split()[0]: x.split()[1:] for x in out.stdout.splitlines() if x.strip()}
    when, kib = lines["first-frame"][:2]
    if finished is not None:
        finished.append(float(lines["finished"][0]) - start)
    return float(when) - start, int(kib)


def alternate(a: Callable[[], tuple[float, int]], b: Callable[[], tuple[float, int]],
              runs: int) -> tuple[list[tuple[float, int]], list[tuple[float, int]]]:
    """Run a and b alternately (after one warm-up each) so machine noise hits both alike."""
    a()
    b()
    results_a, results_b = [], []
    for _ in range(runs):
        results_a.append(a())
        results_b.append(b())
    return results_a, results_b


def report(name: str, subject: list[tuple[float, int]], baseline: list[tuple[float, int]],
           subject_label: str, baseline_label: str) -> tuple[float, float]:
    t_subject = statistics.median(t for t, _ in subject)
    t_base = statistics.median(t for t, _ in baseline)
    m_subject = statistics.median(m for _, m in subject)
    m_base = statistics.median(m for _, m in baseline)
    print(f"{name}: {subject_label} {t_subject * 1000:.0f} ms, {m_subject / 1024:.0f} MiB; "
          f"{baseline_label} {t_base * 1000:.0f} ms, {m_base / 1024:.0f} MiB; "
          f"time ratio {t_subject / t_base:.2f}, memory ratio {m_subject / m_base:.2f} "
          f"(medians of {len(subject)} alternating runs)")
    return t_subject / t_base, m_subject / m_base


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start
