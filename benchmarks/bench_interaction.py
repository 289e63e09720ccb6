"""Interaction: region switch, search keystroke, map hover, opening study mode and starting
a quiz, in-process and offscreen, on a synthetic data file 100 times the shipped one, against
the same operations on the shipped data in the same run. Each sample includes a synchronous
repaint of what changed.

The 100x file has a realistic vocabulary by default: each copy's words are its own
(make_big_data.py --distinct-words), so a search index that scans every word it knows pays
for it; ``--vocabulary copies`` repeats the shipped words instead (the old benchmark).

Region switches are measured apart on never-seen cards (the card is parsed and laid out on
the spot) and on seen ones (switching among 20 cards visited before, kept laid out): at 1x
every card is laid out in idle time after start-up, so without the split the ratio would
compare cache states, not data sizes. Opening study mode is timed once per window (the first
open builds the questions for the data); starting a quiz is sampled.

Target: 95th percentile under 16 ms (one frame) for each, at 100x.

    python benchmarks/bench_interaction.py [--samples 200] [--vocabulary distinct|copies]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_HOME = tempfile.mkdtemp(prefix="needleguide-bench-")
for _name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
    os.environ[_name] = _HOME  # never touch the real user's settings or notes

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from benchmarks.common import percentile, timed  # noqa: E402
from benchmarks.make_big_data import build  # noqa: E402
from needleguide import paths  # noqa: E402
from needleguide.core.loader import load  # noqa: E402
from needleguide.notes_store import NotesStore  # noqa: E402
from needleguide.ui.main_window import MainWindow  # noqa: E402

QUERY = "sciatic nerve piriformis"


SEEN = 20  # cards visited before the "seen" samples (fewer than card_view.CACHED_PAGES)


def settle(seconds: float) -> None:
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        QApplication.processEvents()


def measure(data_file: Path, samples: int) -> dict[str, list[float]]:
    window = MainWindow(load(data_file), NotesStore(Path(_HOME) / "notes"))
    window.resize(1200, 800)
    window.show()
    settle(3)  # let start-up settle: idle-time page layout
    regions = [r.id for r in window.data.regions]
    results: dict[str, list[float]] = {"region switch, never-seen card": [],
                                       "region switch, seen card": [],
                                       "search keystroke": [], "map hover": [],
                                       "start a quiz": []}

    def show(region_id: str) -> None:
        window.show_region(region_id)
        window.card_view.viewport().repaint()
        window.body_map.repaint()

    def switch_unseen(i: int) -> None:
        fresh = [r for r in regions if not window.card_view.has_page(("region", r))
                 and r != (window.current_page or ("", ""))[1]]
        # at 1x every card is laid out by now: make this one new, as at 100x
        target = fresh[(i * 7919) % len(fresh)] if fresh else regions[i % len(regions)]
        if not fresh:
            window.card_view._pages.pop(("region", target), None)
        show(target)

    seen = [regions[(i * 31) % len(regions)] for i in range(SEEN)]

    def switch_seen(i: int) -> None:
        show(seen[i % len(seen)])

    def keystroke(i: int) -> None:
        window.search_box.set_query(QUERY[: 1 + i % len(QUERY)])
        window.search_box.results.viewport().repaint()

    body_map = window.body_map
    shapes = body_map.figure().shapes
    points = [body_map.figure_transform().map(QPointF(*s.interior_point())) for s in shapes]
    points += [QPointF(5, 5)]  # off the figure: hover leaves every region

    def hover(i: int) -> None:
        point = points[i % len(points)]
        event = QMouseEvent(QEvent.Type.MouseMove, point, body_map.mapToGlobal(point),
                            Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(body_map, event)
        body_map.repaint()

    def open_study() -> None:
        window.show_study().repaint()

    results["open study mode (first time)"] = [timed(open_study)]
    view = window.study_window.view  # type: ignore[union-attr]

    def start_quiz(i: int) -> None:
        view.start()
        view.repaint()

    for name, action in (("region switch, never-seen card", switch_unseen),
                         ("region switch, seen card", switch_seen),
                         ("search keystroke", keystroke), ("map hover", hover),
                         ("start a quiz", start_quiz)):
        if name != "region switch, never-seen card":  # a warm-up would see the cards
            for i in range(SEEN if name == "region switch, seen card" else 10):
                action(i)
        for i in range(samples):
            results[name].append(timed(lambda: action(i)))
            QApplication.processEvents()  # as between real events (idle layout is stopped)
    window.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--vocabulary", choices=("distinct", "copies"), default="distinct")
    args = parser.parse_args()
    QApplication(sys.argv[:1])
    big = Path(_HOME) / "regions-100x.yaml"
    big.write_text(build(100, distinct=args.vocabulary == "distinct"), encoding="utf-8")
    print(f"100x data, {args.vocabulary} vocabulary: {big.stat().st_size / 1e6:.1f} MB")
    base = measure(paths.default_data_file(), args.samples)
    large = measure(big, args.samples)
    for name in base:
        p95_base = percentile(base[name], 95) * 1000
        p95_big = percentile(large[name], 95) * 1000
        verdict = "within one frame" if p95_big < 16 else "OVER one frame (16 ms)"
        count = len(large[name])
        label = "p95" if count > 1 else "once"
        print(f"{name}: {label} {p95_big:.1f} ms at 100x (median "
              f"{statistics.median(large[name]) * 1000:.1f}), {p95_base:.1f} ms at 1x, "
              f"ratio {p95_big / p95_base:.2f}; {verdict} ({count} samples)")


if __name__ == "__main__":
    main()
