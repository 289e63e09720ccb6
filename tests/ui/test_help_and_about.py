"""Help and About as users expect: licences, the keyboard shortcuts, diagnostics to paste
into a support request, the log folder, and a visible mark when the data is not the shipped
data as released."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeySequence

from needleguide import app, paths, provenance
from needleguide.ui.main_window import MainWindow
from needleguide.ui.shortcuts_dialog import ShortcutsDialog


def test_about_names_the_licences_of_what_it_is_built_on(qtbot, window: MainWindow) -> None:
    dialog = window.show_about()
    qtbot.waitUntil(dialog.isVisible)
    text = dialog.text()
    assert "MIT licence" in text
    for component, licence in (("Qt", "LGPL-3.0"), ("PyYAML", "MIT"), ("Python", "PSF")):
        assert component in text and licence in text, component
    dialog.reject()


def test_copy_diagnostics_puts_versions_data_file_and_folders_on_the_clipboard(
        qtbot, window: MainWindow, ui_data) -> None:  # type: ignore[no-untyped-def]
    dialog = window.show_about()
    text = dialog.copy_diagnostics()
    assert QGuiApplication.clipboard().text() == text
    for field in ("needleguide", "Python", "Platform", "Qt", "PySide6", "PyYAML",
                  "App data folder", "Log", "Settings"):
        assert any(line.startswith(field) for line in text.splitlines()), field
    assert f"{ui_data.path} (version {ui_data.version}, not the shipped data)" in text
    dialog.reject()


def test_open_the_log_folder_opens_the_app_data_folder(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, monkeypatch) -> None:
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True
    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    dialog = window.show_about()
    dialog.log_button.click()
    assert len(opened) == 1 and opened[0].isLocalFile()
    assert Path(opened[0].toLocalFile()).is_dir()
    dialog.reject()


def test_f1_lists_every_shortcut_the_window_really_has(qtbot, window: MainWindow) -> None:
    dialog = window.show_shortcuts()
    assert isinstance(dialog, ShortcutsDialog)
    rows = dict((does, keys) for keys, does in dialog.rows())
    native = QKeySequence.SequenceFormat.NativeText
    assert rows["Find"] == window.commands.find.shortcut().toString(native)
    assert rows["Export safety sheet as PDF"] == "Ctrl+E"
    assert rows["Study mode"] == "Ctrl+T"
    assert rows["Keyboard shortcuts"] == window.commands.shortcuts.shortcut().toString(native)
    assert "Close the study window or a dialog" in rows
    dialog.reject()


def test_data_other_than_the_shipped_file_is_marked_in_the_window(  # type: ignore[no-untyped-def]
        presented, write, ui_text: str) -> None:
    path = write(ui_text)
    window = app.create_window(path)
    assert window is not None
    try:
        assert window.data_warning.isVisibleTo(window)
        assert str(path) in window.data_warning.text()
        assert "not the shipped data" in window.data_warning.accessibleName()
    finally:
        window.close()


def test_the_shipped_data_as_released_carries_no_mark(presented) -> None:  # type: ignore[no-untyped-def]
    window = app.create_window(paths.default_data_file())
    assert window is not None
    try:
        assert not window.data_warning.isVisibleTo(window)
    finally:
        window.close()


def test_a_changed_shipped_file_is_marked_modified(tmp_path: Path) -> None:
    shipped = tmp_path / "regions.yaml"
    shipped.write_text("version: 1\n", encoding="utf-8")
    provenance.record(shipped)
    assert provenance.provenance(shipped, shipped_file=shipped) == provenance.Provenance(
        shipped, True, False)
    shipped.write_text("version: 2\n", encoding="utf-8")
    origin = provenance.provenance(shipped, shipped_file=shipped)
    assert origin.modified
    assert "changed after release" in origin.warning("2")
