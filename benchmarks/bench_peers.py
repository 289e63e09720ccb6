"""Peers on the same signal: how long other programs take to put the gluteal card on screen,
against needleguide in the same run, in a real X window.

    apt-get install xvfb chromium mupdf    # Debian: the X server and the two peers
    python benchmarks/bench_peers.py [--rounds 7]

The peers show what needleguide shows, the way a clinician could do without it:
- Chromium opening the gluteal card as a local HTML file (the very page needleguide renders,
  written out by ``needleguide.drawing.pages.region_page``), with a fresh profile per run;
- MuPDF showing the gluteal safety sheet (``needleguide export gluteal``): a static page, with
  no search, map or notes.

Each run is watched from outside by ``x_watch.py`` (X DAMAGE events and the framebuffer's
pixels), as in ``bench_startup_x.py``: needleguide and Chromium count once 400 pixels of the
card's danger colour (#b3001b) are on screen, MuPDF once 400 pixels of the sheet's danger box
(#f6d5d5) are. Memory is the proportional set size of the program's processes, summed, when
its content appeared (Chromium runs several; what they share is counted once). The rounds alternate the programs; a peer whose
command is not installed is skipped with a line saying so, and without Xvfb the whole
benchmark is skipped (exit 0).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_startup_x import DANGER, start_xvfb  # noqa: E402
from benchmarks.common import installed_like_env  # noqa: E402

HERE = Path(__file__).resolve().parent
PROBE = str(HERE / "startup_probe.py")
WATCH = str(HERE / "x_watch.py")
SHEET_DANGER = ("f6d5d5", 400)   # the sheet's danger box (sheet.build_sheet_html)


def descendants(pid: int) -> list[int]:
    """``pid`` and every process below it (Chromium's renderer, GPU and utility processes)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, ()))
    return found


def memory_kib(pids: list[int]) -> int:
    """The proportional set size (PSS) of the processes, summed: memory they share (the
    libraries Chromium's processes all map) is counted once, not once per process."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def one_run(command: list[str], colour: tuple[str, int], env: dict[str, str]
            ) -> tuple[float, int]:
    """Seconds until the colour is on screen, and the memory (KiB, PSS) of the program's
    processes then; the program is stopped after."""
    watcher = subprocess.Popen([sys.executable, WATCH, colour[0], str(colour[1]),
                                "--timeout", "60"], stdout=subprocess.PIPE, text=True, env=env)
    assert watcher.stdout is not None
    if watcher.stdout.readline().strip() != "ready":
        sys.exit("bench_peers: the X watcher did not start")
    start = time.monotonic()
    program = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=env, start_new_session=True)
    seen = watcher.stdout.readline().split()
    kib = memory_kib(descendants(program.pid))
    watcher.wait(timeout=65)
    try:
        os.killpg(program.pid, 15)
    except ProcessLookupError:
        pass
    try:
        program.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(program.pid, 9)
        program.wait()
    if seen[:1] != ["seen"]:
        sys.exit(f"bench_peers: no content seen ({' '.join(command)}): {seen}")
    return float(seen[1]) - start, kib


def programs(work: Path) -> list[tuple[str, list[str] | None, tuple[str, int]]]:
    """(name, command or None when not installed, colour) for needleguide and its peers."""
    from needleguide import paths
    from needleguide.core.loader import load
    from needleguide.drawing.pages import region_page

    data = load(paths.default_data_file())
    card = work / "gluteal.html"
    card.write_text(str(region_page(data, data.region("gluteal"))), encoding="utf-8")
    sheet = work / "gluteal.pdf"
    subprocess.run([sys.executable, "-m", "needleguide", "export", "gluteal", "-o", str(sheet)],
                   check=True, capture_output=True,
                   env=installed_like_env(QT_QPA_PLATFORM="offscreen",
                                          PYTHONPATH=str(HERE.parent)))
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    mupdf = shutil.which("mupdf-x11") or shutil.which("mupdf")
    chromium_command = None
    if chromium:
        profile = work / "chromium-profile"
        chromium_command = [chromium, "--no-first-run", "--no-default-browser-check",
                            "--disable-gpu", f"--user-data-dir={profile}",
                            "--window-size=1200,800", "--window-position=0,0",
                            *(["--no-sandbox"] if os.geteuid() == 0 else []),
                            card.as_uri()]
    return [
        ("needleguide", [sys.executable, PROBE, "real"], DANGER),
        ("Chromium (the card as HTML)", chromium_command, DANGER),
        ("MuPDF (the printed sheet)", [mupdf, str(sheet)] if mupdf else None, SHEET_DANGER),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS") and shutil.which("dbus-run-session") \
            and not os.environ.get("NEEDLEGUIDE_BENCH_NO_DBUS"):
        os.environ["NEEDLEGUIDE_BENCH_NO_DBUS"] = "1"  # re-run once, inside a session bus
        os.execvp("dbus-run-session", ["dbus-run-session", "--", sys.executable, *sys.argv])
    server, display = start_xvfb()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            home = Path(tmp)
            settings = home / "config" / "needleguide" / "needleguide.ini"
            settings.parent.mkdir(parents=True)
            settings.write_text("[navigation]\npage=region:gluteal\n", encoding="utf-8")
            env = installed_like_env(QT_QPA_PLATFORM="xcb", DISPLAY=display, HOME=tmp,
                                     XDG_CONFIG_HOME=str(home / "config"),
                                     XDG_DATA_HOME=str(home / "data"),
                                     XDG_CACHE_HOME=str(home / "cache"),
                                     PYTHONPATH=str(HERE.parent),
                                     NEEDLEGUIDE_PROBE_LINGER_MS="300")
            env.pop("WAYLAND_DISPLAY", None)
            present = []
            for name, command, colour in programs(home):
                if command is None:
                    print(f"{name}: skipped, not installed")
                else:
                    present.append((name, command, colour))
            results: dict[str, list[tuple[float, int]]] = {name: [] for name, _, _ in present}
            for index in range(args.rounds + 1):   # the first round warms the caches
                for name, command, colour in present:
                    result = one_run(command, colour, env)
                    if index:
                        results[name].append(result)
            base_time = statistics.median(t for t, _ in results["needleguide"])
            base_kib = statistics.median(k for _, k in results["needleguide"])
            for name, runs in results.items():
                median = statistics.median(t for t, _ in runs)
                kib = statistics.median(k for _, k in runs)
                print(f"{name}: content on screen {median * 1000:.0f} ms "
                      f"(range {min(t for t, _ in runs) * 1000:.0f}-"
                      f"{max(t for t, _ in runs) * 1000:.0f}), {kib / 1024:.0f} MiB; "
                      f"{median / base_time:.2f}x needleguide's time, "
                      f"{kib / base_kib:.2f}x its memory ({len(runs)} rounds)")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
