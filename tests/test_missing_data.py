"""A damaged install (the shipped data file gone) says "reinstall", not a parse error."""

from __future__ import annotations

from pathlib import Path

import pytest

from needleguide import cli, paths


def test_the_cli_says_the_data_file_is_missing_and_to_reinstall(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    gone = tmp_path / "site-packages" / "needleguide" / "data" / "regions.yaml"
    monkeypatch.setattr(paths, "default_data_file", lambda: gone)
    assert cli.main(["show", "neck"]) == cli.EXIT_INVALID_DATA
    err = capsys.readouterr().err
    assert "data file is missing" in err and "reinstall needleguide" in err
    assert "line" not in err.lower() and "not valid" not in err


def test_the_gui_launcher_opens_the_app_with_no_arguments(
        monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path] = []

    def open_app(path: Path) -> int:
        opened.append(path)
        return 0
    monkeypatch.setattr(cli, "open_app", open_app)
    monkeypatch.setattr("sys.argv", ["needleguide-gui", "--unexpected"])
    assert cli.gui_main() == 0
    assert opened == [paths.default_data_file()]
