"""Command line: `needleguide show neck` against `python -c "import yaml"`, alternating.

Target: within 2x of the baseline; the CLI must not import Qt.

    python benchmarks/bench_cli.py [--runs 20]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import alternate, installed_like_env, report, run_once  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    qt = subprocess.run([sys.executable, "-c", "import sys; from needleguide.cli import main; "
                         "main(['show', 'neck']); "
                         "print(any(m.startswith('PySide6') for m in sys.modules), "
                         "file=sys.stderr)"], capture_output=True, text=True)
    print(f"needleguide show imports Qt: {qt.stderr.strip().splitlines()[-1]}")
    script = Path(sys.executable).with_name("needleguide")  # the installed command
    cli = ([str(script)] if script.exists() else [sys.executable, "-m", "needleguide"]) + [
        "show", "neck"]
    base = [sys.executable, "-c", "import yaml"]
    env = installed_like_env()
    ours, baseline = alternate(lambda: run_once(cli, env), lambda: run_once(base, env),
                               args.runs)
    report("cli", ours, baseline, "needleguide show neck", "python -c 'import yaml'")


if __name__ == "__main__":
    main()
