"""File > Update reference data: a newer file is taken after validation, the window says to
restart, the next start uses it and marks it; a bad file is explained with its location."""

from __future__ import annotations

from pathlib import Path

from needleguide import app, paths
from needleguide.core.loader import load
from needleguide.ui.main_window import MainWindow
from tests.ui.conftest import FakeDialogs


def _newer(tmp_path: Path) -> Path:
    shipped = load(paths.default_data_file())
    out = tmp_path / "regions-2099.yaml"
    out.write_text(paths.default_data_file().read_text("utf-8").replace(
        f'version: "{shipped.version}"', 'version: "2099.1.1"', 1), "utf-8")
    return out


def test_update_then_restart_uses_and_marks_the_new_data(  # type: ignore[no-untyped-def]
        qtbot, make_window, presented, monkeypatch, tmp_path, dialogs: FakeDialogs) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    window: MainWindow = make_window(load(paths.default_data_file()))
    dialogs.answer_open(_newer(tmp_path))
    window.commands.update_data.trigger()
    assert "Reference data 2099.1.1 is ready: restart" in window.statusBar().currentMessage()
    assert presented == []
    restarted = app.create_window(paths.data_file_in_use())
    assert restarted is not None
    try:
        assert restarted.data_warning.isVisibleTo(restarted)
        assert "version 2099.1.1" in restarted.data_warning.text()
        assert "not the shipped data" in restarted.data_warning.text()
    finally:
        restarted.close()
    window.commands.roll_back_data.trigger()
    assert paths.data_file_in_use() == paths.default_data_file()


def test_a_bad_update_is_explained_and_changes_nothing(  # type: ignore[no-untyped-def]
        make_window, presented, monkeypatch, tmp_path, dialogs: FakeDialogs) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    window: MainWindow = make_window(load(paths.default_data_file()))
    bad = _newer(tmp_path)
    bad.write_text(bad.read_text("utf-8") + "\nbogus: 1\n", "utf-8")
    dialogs.answer_open(bad)
    assert window.documents.update_data() == ""
    [message] = presented
    assert str(bad) in message.headline and "bogus" in message.advice
    assert paths.data_file_in_use() == paths.default_data_file()
