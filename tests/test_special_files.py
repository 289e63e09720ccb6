"""Special files wherever the app reads or writes (issue 12, item 5): a FIFO or a device as
the data file, as a cache entry or as the PDF to export never hangs, never floods memory and
is never replaced; the user gets a clear message and a non-zero exit."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


def run_cli(*args: str, cache: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if cache is not None:
        env["NEEDLEGUIDE_CACHE_DIR"] = str(cache)
    return subprocess.run([sys.executable, "-m", "needleguide", *args], capture_output=True,
                          text=True, timeout=60, env=env)


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


@pytest.mark.timeout(120)
@pytest.mark.parametrize("command", [["list"], ["show", "top"], ["check"]])
def test_a_fifo_as_the_data_file_is_refused_at_once(fifo, command):
    result = run_cli("--data", str(fifo), *command)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert f"{fifo}:1:1: " in output and "named pipe (FIFO), not a regular file" in output
    assert "Traceback" not in output


@pytest.mark.timeout(120)
def test_a_device_as_the_data_file_is_refused_without_reading_it():
    result = run_cli("--data", "/dev/zero", "list")
    assert result.returncode == 1
    assert "/dev/zero:1:1: " in result.stderr and "a device, not a regular file" in result.stderr


def test_an_oversized_data_file_is_reported_with_its_real_size(tmp_path):
    big = tmp_path / "big.yaml"
    with open(big, "wb") as out:
        out.truncate(40_000_000)  # sparse: real size, no disk used
    result = run_cli("--data", str(big), "check")
    assert result.returncode == 1
    assert f"{big}:1:1: file is 40,000,000 bytes" in result.stdout


@pytest.mark.timeout(120)
def test_a_fifo_planted_as_a_cache_entry_is_ignored(tmp_path):
    cache = tmp_path / "cache"
    assert run_cli("--data", str(MINIMAL), "list", cache=cache).returncode == 0
    entries = [p for p in cache.iterdir() if p.name.startswith("data-")]
    assert entries
    for entry in entries:
        entry.unlink()
        os.mkfifo(entry)
    result = run_cli("--data", str(MINIMAL), "list", cache=cache)
    assert result.returncode == 0, result.stderr
    assert "upper-test" in result.stdout


# -- writing ----------------------------------------------------------------------------------

@pytest.mark.timeout(120)
def test_export_onto_a_fifo_exits_2_and_leaves_the_fifo_alone(fifo):
    result = run_cli("--data", str(MINIMAL), "export", "top", "-o", str(fifo))
    assert result.returncode == 2
    assert result.stderr.startswith(f"needleguide: cannot write {fifo}: ")
    assert "named pipe (FIFO), not a regular file" in result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_export_onto_a_device_exits_2_and_leaves_the_device_alone(tmp_path):
    device = tmp_path / "null"
    try:  # a private copy of /dev/null: the real one must not be at stake in a test
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        device.symlink_to("/dev/null")  # not root: a link to the device is refused too
    result = run_cli("--data", str(MINIMAL), "export", "top", "-o", str(device))
    assert result.returncode == 2
    assert "a device, not a regular file" in result.stderr
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_export_replaces_an_existing_regular_pdf(tmp_path):
    out = tmp_path / "sheet.pdf"
    out.write_bytes(b"old")
    result = run_cli("--data", str(MINIMAL), "export", "top", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet.pdf"]


@pytest.mark.timeout(120)
def test_a_fifo_as_the_settings_file_does_not_hang_the_app(tmp_path):
    """QSettings reads its file as it is created: a FIFO there hung the start-up."""
    from tests.test_environment import APP, base_env

    env = base_env(tmp_path, XDG_DATA_HOME=str(tmp_path / "data"))
    ini = Path(env["XDG_CONFIG_HOME"]) / "needleguide" / "needleguide.ini"
    ini.parent.mkdir(parents=True)
    os.mkfifo(ini)
    result = subprocess.run([sys.executable, "-c", APP], capture_output=True, text=True,
                            env=env, timeout=100, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert stat.S_ISFIFO(os.lstat(ini).st_mode)
    log = tmp_path / "data" / "needleguide" / "needleguide" / "needleguide.log"
    assert "Window settings are not kept" in log.read_text(encoding="utf-8")
