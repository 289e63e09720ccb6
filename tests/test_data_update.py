"""Updating the reference data: only a valid, newer file is taken; the one it replaces is kept
and one roll-back restores it; the app and the command line then use it, and say so."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from needleguide import data_update, paths
from needleguide.core.errors import DataError
from needleguide.core.loader import load

SHIPPED = paths.default_data_file()


@pytest.fixture
def app_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    return tmp_path / "share" / "needleguide" / "needleguide"


def _with_version(tmp_path: Path, version: str, name: str = "new.yaml") -> Path:
    text = SHIPPED.read_text("utf-8")
    shipped_version = load(SHIPPED).version
    out = tmp_path / name
    out.write_text(text.replace(f'version: "{shipped_version}"', f'version: "{version}"', 1)
                   if f'version: "{shipped_version}"' in text else
                   text.replace(f"version: {shipped_version}", f'version: "{version}"', 1),
                   encoding="utf-8")
    assert load(out).version == version
    return out


def test_a_newer_file_becomes_the_data_in_use_and_rolls_back(tmp_path, app_data) -> None:
    shipped = load(SHIPPED)
    newer = _with_version(tmp_path, "2099.1.1")
    updated = data_update.import_data(newer, shipped)
    assert (updated.version, updated.previous_version) == ("2099.1.1", shipped.version)
    assert paths.data_file_in_use() == app_data / "data" / "regions.yaml"
    assert load(paths.data_file_in_use()).version == "2099.1.1"
    newest = _with_version(tmp_path, "2099.2.1", "newest.yaml")
    data_update.import_data(newest, load(paths.data_file_in_use()))
    assert load(data_update.roll_back()).version == "2099.1.1"   # the one before
    assert data_update.roll_back() == SHIPPED                      # then the shipped data
    with pytest.raises(data_update.UpdateError, match="no update to roll back"):
        data_update.roll_back()


def test_an_older_or_equal_version_is_refused_and_nothing_changes(tmp_path, app_data) -> None:
    shipped = load(SHIPPED)
    with pytest.raises(data_update.UpdateError, match="not newer"):
        data_update.import_data(_with_version(tmp_path, shipped.version), shipped)
    with pytest.raises(data_update.UpdateError, match="not newer"):
        data_update.import_data(_with_version(tmp_path, "2000.1.1"), shipped)
    assert paths.data_file_in_use() == SHIPPED and not (app_data / "data").exists()


def test_an_invalid_file_gives_its_located_errors_and_nothing_changes(tmp_path, app_data):
    bad = _with_version(tmp_path, "2099.1.1")
    bad.write_text(bad.read_text("utf-8").replace("view: back", "view: sideways", 1), "utf-8")
    with pytest.raises(DataError) as info:
        data_update.import_data(bad, load(SHIPPED))
    assert "sideways" in str(info.value) and f"{bad}:" in str(info.value)
    assert paths.data_file_in_use() == SHIPPED


def test_a_fifo_is_refused_without_hanging(tmp_path, app_data) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(data_update.UpdateError, match="named pipe"):
        data_update.import_data(fifo, load(SHIPPED))


def test_the_command_line_uses_the_update(tmp_path, app_data) -> None:
    data_update.import_data(_with_version(tmp_path, "2099.1.1"), load(SHIPPED))
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share")}
    shown = subprocess.run([sys.executable, "-m", "needleguide", "show", "neck"],
                           capture_output=True, text=True, timeout=60, env=env)
    assert shown.returncode == 0 and "Data 2099.1.1" in shown.stdout
