"""Start-up in a real X window: from process start until the screen shows the gluteal card's
danger box, against a minimal PySide6 window (QApplication + QMainWindow + QLabel) until the
screen shows its label, alternating the two, warm and cold.

    apt-get install xvfb dbus         # Debian: the virtual X server and a session bus
    python benchmarks/bench_startup_x.py [--rounds 15] [--data FILE]

It starts its own Xvfb (white root window, 1280x1024x24) and, if none is running, a D-Bus
session bus (as on a desktop: Qt's xcb platform talks to it at start-up). Each run is the
real command (as ``startup_probe.py real``, Qt on the xcb platform) watched from outside by
``x_watch.py``, which waits for X DAMAGE events and grabs the drawn pixels: the run counts as
"content on screen" once the X server's framebuffer holds at least 400 pixels of the card's
danger colour #b3001b (the danger box's stripe, only drawn with the card's text), or, for the
minimal window, 20 dark pixels of its label text (the root window is white). Peak RSS is the
probe's at the end of its first paint cycle, a few ms after the content appeared.

Warm: the same cache and data folders for every run (validated data cached, as on the second
start). Cold: empty cache and data folders for every run of both programs. Settings (the last
page: the gluteal card) are kept, as a returning user has them. Reported: median, interquartile
range, ratio of medians. Targets (issue 20): warm at most 1.3x, cold at most 1.5x, memory 1.3x.
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

from benchmarks.common import installed_like_env  # noqa: E402

HERE = Path(__file__).resolve().parent
PROBE = str(HERE / "startup_probe.py")
WATCH = str(HERE / "x_watch.py")
DANGER = ("b3001b", 400)      # the danger box's stripe in the light theme (drawing/pages.Theme)
LABEL_TEXT = ("dark", 20)     # the minimal window's label text (dark pixels)


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    if shutil.which("Xvfb") is None:
        print("bench_startup_x: skipped, Xvfb is not installed (Debian: apt-get install xvfb)")
        sys.exit(0)
    for number in range(90, 140):
        if Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
            continue
        server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1280x1024x24",
                                   "-wr", "-nolisten", "tcp"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                time.sleep(0.2)
                return server, f":{number}"
            if server.poll() is not None:
                break
            time.sleep(0.05)
        server.kill()
    sys.exit("bench_startup_x: could not start Xvfb")


def one_run(command: list[str], colour: tuple[str, int], env: dict[str, str]
            ) -> tuple[float, int, float]:
    """Seconds to content on screen, peak RSS (KiB) at the first frame, and the CPU seconds
    the process had used by its first frame (user + system: on a shared machine, a steadier
    figure than wall time for comparing two versions)."""
    watcher = subprocess.Popen([sys.executable, WATCH, colour[0], str(colour[1]),
                                "--timeout", "30"], stdout=subprocess.PIPE, text=True, env=env)
    assert watcher.stdout is not None
    if watcher.stdout.readline().strip() != "ready":
        sys.exit("bench_startup_x: the X watcher did not start")
    start = time.monotonic()  # CLOCK_MONOTONIC is system-wide: comparable with the children's
    out = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    seen = watcher.stdout.readline().split()
    watcher.wait(timeout=35)
    if out.returncode != 0 or seen[:1] != ["seen"]:
        sys.exit(f"bench_startup_x: no content seen ({' '.join(command)}): {seen} "
                 f"{out.stderr[-2000:]}")
    lines = {x.split()[0]: x.split()[1:] for x in out.stdout.splitlines() if x.strip()}
    _, kib, cpu = lines["first-frame"]
    return float(seen[1]) - start, int(kib), float(cpu)


def quartiles(values: list[float]) -> tuple[float, float, float]:
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], statistics.median(values), q[2]


def measure(mode: str, rounds: int, base_env: dict[str, str], home: Path,
            data: str | None) -> dict[str, list[tuple[float, int, float]]]:
    real = [sys.executable, PROBE, "real", *(["--data", data] if data else [])]
    minimal = [sys.executable, PROBE, "minimal"]
    results: dict[str, list[tuple[float, int, float]]] = {"real": [], "minimal": []}
    for index in range(rounds + 1):  # the first round is a warm-up, not counted
        for name, command, colour in (("real", real, DANGER), ("minimal", minimal, LABEL_TEXT)):
            env = dict(base_env)
            if mode == "cold":
                scratch = Path(tempfile.mkdtemp(dir=home))
                env["XDG_CACHE_HOME"] = str(scratch / "cache")
                env["XDG_DATA_HOME"] = str(scratch / "data")
            result = one_run(command, colour, env)
            if mode == "cold":
                shutil.rmtree(scratch, ignore_errors=True)
            if index:
                results[name].append(result)
    return results


def report(mode: str, results: dict[str, list[tuple[float, int, float]]]) -> None:
    ours, base = results["real"], results["minimal"]
    q_ours = quartiles([t for t, _, _ in ours])
    q_base = quartiles([t for t, _, _ in base])
    ratios = sorted(a[0] / b[0] for a, b in zip(ours, base))
    q_ratio = quartiles(ratios)
    m_ours = statistics.median(m for _, m, _ in ours)
    m_base = statistics.median(m for _, m, _ in base)
    cpu_ours = statistics.median(c for _, _, c in ours)
    cpu_base = statistics.median(c for _, _, c in base)
    target = 1.3 if mode == "warm" else 1.5
    verdict = "met" if q_ours[1] / q_base[1] <= target else "NOT met"
    print(f"{mode}: needleguide card on screen {q_ours[1] * 1000:.0f} ms "
          f"(IQR {q_ours[0] * 1000:.0f}-{q_ours[2] * 1000:.0f}), {m_ours / 1024:.0f} MiB; "
          f"minimal window {q_base[1] * 1000:.0f} ms "
          f"(IQR {q_base[0] * 1000:.0f}-{q_base[2] * 1000:.0f}), {m_base / 1024:.0f} MiB")
    print(f"{mode}: time ratio {q_ours[1] / q_base[1]:.2f} (per-round ratios: median "
          f"{q_ratio[1]:.2f}, IQR {q_ratio[0]:.2f}-{q_ratio[2]:.2f}), memory ratio "
          f"{m_ours / m_base:.2f}; target {target} time, 1.3 memory: time {verdict}, memory "
          f"{'met' if m_ours / m_base <= 1.3 else 'NOT met'} ({len(ours)} rounds)")
    print(f"{mode}: CPU time (user + system) by the first frame: {cpu_ours * 1000:.0f} ms vs "
          f"{cpu_base * 1000:.0f} ms (ratio {cpu_ours / cpu_base:.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--data", help="a data file to open instead of the shipped one")
    parser.add_argument("--mode", choices=("warm", "cold", "both"), default="both")
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
            print("needleguide as it starts")
            modes = ("warm", "cold") if args.mode == "both" else (args.mode,)
            for mode in modes:
                report(mode, measure(mode, args.rounds, env, home, args.data))
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
