"""The app as a desktop knows it: a launcher entry and icon that match the running window,
and a clear "reinstall" when the shipped data file is missing from an install."""

from __future__ import annotations

import configparser
from pathlib import Path

from PySide6.QtWidgets import QApplication

from needleguide import app, paths

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def test_the_window_names_a_desktop_entry_that_exists_and_has_an_icon(qapp) -> None:
    app.set_identity(qapp)
    entry = RESOURCES / f"{QApplication.desktopFileName()}.desktop"
    assert entry.is_file(), f"no launcher entry {entry.name}"
    fields = configparser.ConfigParser(interpolation=None)
    fields.read(entry, encoding="utf-8")
    desktop = fields["Desktop Entry"]
    assert desktop["Icon"] == QApplication.desktopFileName()
    assert desktop["Exec"] == "needleguide-gui" and desktop["Terminal"] == "false"
    icon = QApplication.windowIcon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} >= {16, 32, 48, 256}


def test_every_icon_size_a_launcher_asks_for_is_shipped() -> None:
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert (RESOURCES / "icons" / f"needleguide-{size}.png").stat().st_size > 0
    assert (RESOURCES / "icons" / "needleguide.svg").read_text("utf-8").startswith("<?xml")


def test_a_missing_shipped_data_file_says_reinstall(presented, monkeypatch,
                                                     tmp_path: Path) -> None:
    gone = tmp_path / "install" / "data" / "regions.yaml"
    monkeypatch.setattr(paths, "default_data_file", lambda: gone)
    assert app.create_window(gone) is None
    [message] = presented
    assert message.headline == "The reference data is missing."
    assert "reinstall needleguide" in message.advice and str(gone) in message.advice


def test_another_missing_file_is_reported_as_that_file(presented, tmp_path: Path) -> None:
    """Only the shipped file means a broken install; a file the user named is their file."""
    assert paths.missing_shipped_data(tmp_path / "mine.yaml") == ""
