"""Run every benchmark in turn (about four minutes on a 2-core machine;
bench_startup_x.py needs Xvfb, `apt-get install xvfb`, and bench_peers.py also Chromium and
MuPDF, `apt-get install chromium mupdf`; each says so and skips what is missing).

    make bench        # or: python benchmarks/run_all.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ("bench_startup.py", "bench_startup_x.py", "bench_cli.py", "bench_interaction.py",
           "bench_load.py", "bench_study.py", "bench_notes.py", "bench_peers.py")


def main() -> int:
    status = 0
    for script in SCRIPTS:
        print(f"== {script}", flush=True)
        status |= subprocess.run([sys.executable, str(HERE / script)]).returncode
    return status


if __name__ == "__main__":
    sys.exit(main())
