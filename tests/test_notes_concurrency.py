"""Two windows writing notes at once, and a window killed in the middle of a save: nothing
typed is lost or duplicated, the later save wins, and the database stays whole.

Examples for the property come from the hypothesis profile (tests/conftest.py);
HYPOTHESIS_PROFILE=long runs thousands."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from needleguide.store.db import DB_NAME
from needleguide.store.notes import NotesStore

REGIONS = ("neck", "gluteal", "calf-foot")
Step = tuple[int, str, str]  # (window 0 or 1, "set" / "clear" / "save" / "refresh", region)

steps = st.lists(st.tuples(st.integers(0, 1),
                           st.sampled_from(["set", "set", "clear", "save", "save", "refresh"]),
                           st.sampled_from(REGIONS)), min_size=1, max_size=40)


def database(directory: Path) -> tuple[dict[str, str], list[str]]:
    """(current notes, every earlier text in the history), read independently."""
    with sqlite3.connect(directory / DB_NAME) as db:
        current = dict(db.execute("SELECT region, text FROM notes WHERE text != ''"))
        history = [t for (t,) in db.execute("SELECT text FROM note_history ORDER BY id")]
    return current, history


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # examples: profile
@given(steps=steps)
def test_two_windows_at_random_never_lose_or_duplicate_text_and_the_last_save_wins(
        tmp_path_factory: pytest.TempPathFactory, steps: list[Step]) -> None:
    directory = tmp_path_factory.mktemp("two-windows")
    windows = [NotesStore(directory), NotesStore(directory)]
    for window in windows:
        assert window.load().ok
    pending: list[dict[str, str]] = [{}, {}]  # what each window changed since its last save
    shown: list[dict[str, str]] = [{}, {}]  # the note each window showed before that change
    typed: list[str] = []
    for n, (w, action, region) in enumerate(steps):
        window = windows[w]
        if action in ("set", "clear"):
            text = f"text {n} typed in window {w}" if action == "set" else ""
            if text:
                typed.append(text)
            shown[w].setdefault(region, window.get(region))
            window.set(region, text)
            pending[w][region] = text
        elif action == "refresh":
            window.refresh()
        else:
            before, _ = database(directory)
            window.save()
            after, history = database(directory)
            for changed, text in pending[w].items():
                if text != shown[w][changed]:  # (typed and undone is not a change)
                    assert after.get(changed, "") == text  # the later save wins
            for changed, old in before.items():
                now = after.get(changed, "")
                if now != old and (old.endswith(f"window {1 - w}") or not now):
                    # replaced by the other window's save, or cleared: kept in the history
                    # (a window replacing its own text in one session is just editing)
                    assert old in history, f"{old!r} was dropped"
            pending[w], shown[w] = {}, {}
        current, history = database(directory)
        for text in [*current.values(), *history]:
            assert text in typed  # never two texts glued together
        assert len(history) == len(set(history))  # nor one kept twice
    for window in windows:  # a new window sees exactly what was saved
        window.save()
    current, _ = database(directory)
    fresh = NotesStore(directory)
    assert fresh.load().ok
    assert fresh.notes() == current


WRITER = textwrap.dedent("""
    import sys
    from needleguide.store.notes import NotesStore

    store = NotesStore(sys.argv[1])
    assert store.load().ok
    n = 0
    while True:
        n += 1
        store.set("neck", f"save {n}: " + "clinical note text " * 20000)
        store.set(f"region-{n % 7}", f"note {n}")
        store.save()
        print(n, flush=True)
""")


@pytest.mark.timeout(120)
@pytest.mark.parametrize("kill_after", [3, 17, 40])
def test_a_window_killed_in_the_middle_of_saving_leaves_the_last_saved_note(
        tmp_path: Path, kill_after: int) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path)],
                              stdout=subprocess.PIPE, text=True, env=env)
    assert writer.stdout is not None
    done = 0
    for line in writer.stdout:
        done = int(line)
        if done >= kill_after:
            break
    writer.send_signal(signal.SIGKILL)  # most of its time is spent saving: mid-save
    rest = writer.stdout.read().split()
    writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    last = int(rest[-1]) if rest else done
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    store = NotesStore(tmp_path)
    assert store.load().ok  # opens, nothing damaged to report
    note = store.get("neck")
    saved = int(note.split(":")[0].removeprefix("save "))
    assert saved in (last, last + 1)  # the last committed save (it may not have said so)
    assert note == f"save {saved}: " + "clinical note text " * 20000
    assert store.get(f"region-{saved % 7}") == f"note {saved}"  # one transaction: both
    store.set("neck", "and saving goes on")  # no lock left behind
    store.save()
    again = NotesStore(tmp_path)
    assert again.load().ok and again.get("neck") == "and saving goes on"


RACER = textwrap.dedent("""
    import random
    import sys
    import time
    from needleguide.store.notes import NotesStore

    folder, name, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = NotesStore(folder)
    assert store.load().ok
    print("ready", flush=True)
    sys.stdin.readline()  # both start together
    for n in range(rounds):
        store.set("shared", f"{name} save {n}")
        store.set(f"own-{name}", f"{name} save {n}")
        store.save()
        print(n, flush=True)
        time.sleep(random.random() / 500)  # a window saves at most every 0.8 s; this: 1 ms
""")


@pytest.mark.timeout(120)
def test_two_processes_saving_at_the_same_time_both_succeed_and_keep_everything(
        tmp_path: Path) -> None:
    """Two real windows (processes) saving as fast as they can: no save fails or waits for
    a lock forever, each keeps its own note, and the shared note is one of the two last
    saves, with every text of the other window that it replaced in the history."""
    NotesStore(tmp_path).load()  # the database exists before the race starts
    rounds = 400
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    racers = [subprocess.Popen([sys.executable, "-c", RACER, str(tmp_path), name,
                                str(rounds)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=env)
              for name in ("a", "b")]
    for racer in racers:
        assert racer.stdout is not None and racer.stdout.readline() == "ready\n"
    for racer in racers:
        assert racer.stdin is not None
        racer.stdin.write("go\n")
        racer.stdin.flush()
    for racer in racers:
        out, err = racer.communicate(timeout=100)
        assert racer.returncode == 0, err
        assert out.split()[-1] == str(rounds - 1)
    current, history = database(tmp_path)
    assert current["own-a"] == f"a save {rounds - 1}"
    assert current["own-b"] == f"b save {rounds - 1}"
    assert current["shared"] in (f"a save {rounds - 1}", f"b save {rounds - 1}")
    assert len(history) == len(set(history))
    assert all(text.startswith(("a save ", "b save ")) for text in history)
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
