"""Notes: one autosave (a 2 kB note edited) and opening the notes at start-up, with a few
notes and with notes at the size limit, against a baseline measured in the same run: writing
the same notes as one JSON file atomically (temporary file, fsync, rename), which is what
every autosave did before the database.

    python benchmarks/bench_notes.py [--runs 25]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from needleguide.core.notes import MAX_NOTE_BYTES, MAX_TOTAL_BYTES  # noqa: E402
from needleguide.store.notes import NotesStore  # noqa: E402


def whole_file_write(folder: Path, notes: dict[str, str]) -> None:
    content = json.dumps({"version": 1, "notes": notes}, indent=2,
                         ensure_ascii=False).encode("utf-8")
    fd, temporary = tempfile.mkstemp(dir=folder)
    with os.fdopen(fd, "wb") as out:
        out.write(content)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, folder / "notes.json")


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def measure(label: str, notes: dict[str, str], runs: int) -> None:
    with tempfile.TemporaryDirectory() as home:
        folder = Path(home)
        store = NotesStore(folder)
        store.load()
        for region_id, text in notes.items():
            store.set(region_id, text)
        store.save()
        saves, baseline, opens = [], [], []
        for n in range(runs):  # alternate, so machine noise hits both alike
            store.set("edited", f"edit {n} " + "x" * 2000)
            start = time.perf_counter()
            store.save()
            saves.append(time.perf_counter() - start)
            current = {**notes, "edited": f"edit {n} " + "x" * 2000}
            start = time.perf_counter()
            whole_file_write(folder, current)
            baseline.append(time.perf_counter() - start)
            start = time.perf_counter()
            NotesStore(folder).load()
            opens.append(time.perf_counter() - start)
    save, base = median_ms(saves), median_ms(baseline)
    print(f"{label}: one autosave {save:.2f} ms, whole JSON file written {base:.2f} ms, "
          f"ratio {save / base:.2f}; opening and reading every note {median_ms(opens):.2f} ms "
          f"(medians of {runs})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=25)
    args = parser.parse_args()
    measure("30 notes of 2 kB", {f"region-{n}": "y" * 2000 for n in range(30)}, args.runs)
    count = MAX_TOTAL_BYTES // MAX_NOTE_BYTES - 1
    measure(f"{count} notes of 1 MB (near the limit)",
            {f"region-{n}": "z" * MAX_NOTE_BYTES for n in range(count)}, args.runs)


if __name__ == "__main__":
    main()
