"""Regenerate the pictures in docs/ from the shipped data, offscreen: the main window in a
light and a dark palette, the body map with the region selected, the printed sheet (needs
pdftoppm from poppler-utils), study mode and search (a drug name, a topic the guide leaves
out, a query with no match, and an opened result); with --all also the structure, checklist
and search views in both palettes.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [--data FILE]
        [--region gluteal] [--out docs] [--all]

Settings are sandboxed in a temp dir, so this never touches the user's saved window state.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def dark_palette():  # type: ignore[no-untyped-def]
    """The app's own dark palette (View > Dark), so the pictures show what users see."""
    from needleguide.ui.view_options import dark_palette as app_dark_palette

    return app_dark_palette()


def settle(seconds: float = 0.4) -> None:
    """Let the window finish what it does after its first paint (map figure, icons)."""
    import time

    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QApplication.processEvents()


def new_window(data):  # type: ignore[no-untyped-def]
    """A main window whose notes and study history live in a fresh temp folder."""
    from needleguide.app import default_collaborators, open_stores
    from needleguide.ui.main_window import MainWindow

    notes, study = open_stores(Path(tempfile.mkdtemp(prefix="needleguide-shots-data-")))
    notes.load()
    return MainWindow(data, notes, study, default_collaborators())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--region", default="")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--all", action="store_true",
                        help="also save the structure and checklist pages")
    parser.add_argument("--views", action="store_true",
                        help="only the views at 1366x768 and 800x600, light and dark "
                             "(docs/views/)")
    args = parser.parse_args()

    sandbox = tempfile.mkdtemp(prefix="needleguide-shots-")
    os.environ["XDG_CONFIG_HOME"] = sandbox
    os.environ["XDG_DATA_HOME"] = sandbox
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from needleguide import paths
    from needleguide.app import set_identity
    from needleguide.core.loader import load
    from needleguide.ui import settings

    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, sandbox)
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    set_identity(app)
    data_file = args.data or paths.default_data_file()
    if not data_file.exists():
        data_file = ROOT / "tests" / "data" / "ui.yaml"
    data = load(data_file)
    region = args.region or next((r for r in ("gluteal", "neck") if
                                  any(x.id == r for x in data.regions)), data.regions[0].id)
    region_obj = data.region(region)
    structure = region_obj.structures[0].structure.id
    args.out.mkdir(parents=True, exist_ok=True)
    light = app.palette()
    if args.views:
        save_views(app, data, args.out / "views", light)
        print(f"{data_file} -> {args.out / 'views'}")
        return 0
    for name, palette in (("light", light), ("dark", dark_palette())):
        app.setPalette(palette)
        settings.make_settings().setValue(settings.PAGE, f"region:{region}")  # a fresh start
        window = new_window(data)
        window.resize(1366, 768)
        window.show()
        window.show_region(region)
        settle()
        window.grab().save(str(args.out / f"screenshot-{name}.png"))
        if args.all:
            window.show_structure(structure)
            settle()
            window.grab().save(str(args.out / f"screenshot-{name}-structure.png"))
            window.show_checklist()
            settle()
            window.grab().save(str(args.out / f"screenshot-{name}-checklist.png"))
            window.search_box.set_query("siatic")
            settle()
            window.grab().save(str(args.out / f"screenshot-{name}-search.png"))
        window.close()
    app.setPalette(light)
    save_search(data, args.out)
    save_body_map(data, region, args.out / f"body-map-{region}.png")
    save_sheet(data, region, args.out / f"sheet-{region}.png")
    save_study(data, args.out / "study.png")
    save_study_progress(data, args.out / "study-progress.png")
    print(f"{data_file} -> {args.out}")
    return 0


VIEW_SIZES = ((1366, 768), (800, 600))


def save_views(app, data, out: Path, light) -> None:  # type: ignore[no-untyped-def]
    """Every view of the main window at each size in VIEW_SIZES, light and dark:
    view-PAGE-WxH-PALETTE.png (the neck card at its top and at its distances table, the
    checklist, a structure page, search results and the study window)."""
    from needleguide.ui import settings

    out.mkdir(parents=True, exist_ok=True)
    for name, palette in (("light", light), ("dark", dark_palette())):
        app.setPalette(palette)
        for width, height in VIEW_SIZES:
            size = f"{width}x{height}"
            settings.make_settings().setValue(settings.PAGE, "region:neck")
            window = new_window(data)
            window.resize(width, height)
            window.show()
            window.show_region("neck")
            settle()

            def shot(page: str) -> None:
                settle(0.15)
                window.grab().save(str(out / f"view-{page}-{size}-{name}.png"))

            shot("card")
            window.card_view.scroll_to("section-distances")
            shot("card-distances")
            window.show_checklist()
            shot("checklist")
            window.show_structure("lung-pleura")
            shot("structure")
            window.search_box.set_query("siatic")
            shot("search")
            window.search_box.set_query("")
            study = window.show_study()
            study.resize(min(width, 900), min(height, 720))
            settle(0.15)
            study.grab().save(str(out / f"view-study-{size}-{name}.png"))
            study.close()
            if (width, height) == VIEW_SIZES[0]:
                window.show_region("gluteal")
                window.set_text_zoom(2)
                shot("card-zoomed")
                window.set_text_zoom(0)
                preview = window.documents.preview_page()
                if preview is not None:
                    preview.resize(900, 700)
                    settle(0.5)
                    preview.grab().save(str(out / f"view-print-preview-{name}.png"))
                    preview.close()
            window.close()
    app.setPalette(light)


def save_search(data, out: Path) -> None:  # type: ignore[no-untyped-def]
    """search-warfarin.png, search-not-covered.png, search-no-match.png: the results as typed;
    search-opened.png: the first warfarin result opened, scrolled to and marked."""
    from needleguide.ui import settings

    settings.make_settings().setValue(settings.PAGE, "region:neck")
    window = new_window(data)
    window.resize(1200, 820)
    window.show()
    settle()
    for name, query in (("warfarin", "warfarin"), ("not-covered", "lymphoedema"),
                        ("no-match", "knee replacement")):
        window.search_box.set_query(query)
        settle(0.2)
        window.grab().save(str(out / f"search-{name}.png"))
    window.search_box.set_query("warfarin")
    window.search_box.open_selected()
    settle(0.2)
    window.grab().save(str(out / "search-opened.png"))
    window.close()


def save_body_map(data, region: str, target: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from needleguide.ui.body_map import BodyMap

    body_map = BodyMap()
    body_map.set_regions({r.id: r.name for r in data.regions})
    body_map.set_home_views({r.id: r.view.value for r in data.regions})
    body_map.resize(360, 740)
    body_map.show()
    body_map.set_selected(region)
    settle()
    body_map.grab().save(str(target))
    body_map.close()


def save_sheet(data, region: str, target: Path) -> None:  # type: ignore[no-untyped-def]
    import shutil
    import subprocess

    from needleguide import sheet

    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found (poppler-utils): sheet picture skipped", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "sheet.pdf"
        sheet.write_pdf(data, data.region(region), pdf, page_size="a4")
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf),
                        str(target.with_suffix(""))], check=True)


def save_study(data, target: Path) -> None:  # type: ignore[no-untyped-def]
    """Mid-session, after a wrong answer: the feedback shows the right answer and sources."""
    from PySide6.QtWidgets import QApplication

    from needleguide.core import study
    from needleguide.store.study import StudyStore
    from needleguide.ui.study_view import StudyView

    with tempfile.TemporaryDirectory() as tmp:
        view = StudyView(data, store=StudyStore(tmp))
        view.resize(900, 720)
        view.show()
        view.set_options(study.StudyOptions(count=10, seed=21))
        view.start()
        question = view.current_question()
        if question is not None:
            wrong = next(i for i, c in enumerate(question.choices, 1)
                         if c.key != question.answer)
            view.answer(wrong)
        QApplication.processEvents()
        view.grab().save(str(target))
        view.close()


def save_study_progress(data, target: Path) -> None:  # type: ignore[no-untyped-def]
    """The study window's first page after two sessions (one on the neck, one on the
    gluteal region, a few answers wrong): progress per region and "Review my mistakes"."""
    import datetime as dt

    from PySide6.QtWidgets import QApplication

    from needleguide.core import study
    from needleguide.store.study import StudyStore
    from needleguide.ui.study_view import StudyView

    start = dt.datetime(2026, 11, 20, 9, tzinfo=dt.timezone.utc)
    history: dict[str, study.ReviewState] = {}
    ids = [q for q in study.question_ids(data) if q.split(":")[1] in ("neck", "gluteal")]
    for day in (0, 1, 4):
        for n, qid in enumerate(ids[:14]):
            history = study.record_answer(history, qid, (n + day) % 5 != 0,
                                          start + dt.timedelta(days=day))
    with tempfile.TemporaryDirectory() as tmp:
        StudyStore(tmp).save(history)
        view = StudyView(data, store=StudyStore(tmp),
                         clock=lambda: start + dt.timedelta(days=6))
        view.resize(900, 720)
        view.show()
        QApplication.processEvents()
        view.grab().save(str(target))
        view.close()


if __name__ == "__main__":
    sys.exit(main())
