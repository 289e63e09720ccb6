"""The app as a screen reader sees it, through AT-SPI itself (issue 17): a system-python
pyatspi client (atspi_probe.py) drives the real app in a private D-Bus session and X server.

Needs Debian's at-spi2-core, python3-pyatspi, dbus and xvfb (scripts/system-deps.sh installs
them); skipped, saying which is missing, only where they are not installed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.atspi

HERE = Path(__file__).resolve().parent
SYSTEM_PYTHON = "/usr/bin/python3"


def _missing() -> str:
    for tool, package in (("dbus-run-session", "dbus"), ("xvfb-run", "xvfb"),
                          ("xauth", "xauth")):
        if shutil.which(tool) is None:
            return f"{tool} not found (Debian package {package})"
    if not Path("/usr/libexec/at-spi-bus-launcher").exists():
        return "at-spi-bus-launcher not found (Debian package at-spi2-core)"
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run(
            [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True).returncode:
        return f"{SYSTEM_PYTHON} cannot import pyatspi (Debian package python3-pyatspi)"
    return ""


@pytest.fixture(scope="module")
def seen(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    reason = _missing()
    if reason:
        pytest.skip(f"AT-SPI test needs the accessibility bus: {reason}")
    # About one probe session in five on a loaded 2-core machine stops receiving the app's
    # events after the note step (every later step then times out); the session is started
    # afresh, up to three times, when the run is incomplete. Each test still asserts on one
    # complete session. (Seen after the layout and accessibility work merged; the cause, in
    # the session's event delivery or in the app, is not found yet: see the README.)
    for _attempt in range(3):
        home = tmp_path_factory.mktemp("atspi-home")  # a fresh user each time: no saved note
        env = {key: value for key, value in os.environ.items() if not key.startswith("QT_")}
        env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
                   XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"),
                   XDG_STATE_HOME=str(home / "state"))
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        done = subprocess.run(
            # The X server outside the bus: the AT-SPI registry then has the display, which
            # it needs to type keys (XTest) as a user would.
            ["xvfb-run", "-a", "dbus-run-session", "--", SYSTEM_PYTHON,
             str(HERE / "atspi_probe.py"),
             sys.executable, str(HERE.parent / "data" / "ui.yaml")],
            env=env, capture_output=True, text=True, timeout=240)
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        assert lines, (f"the probe printed nothing (exit {done.returncode}):\n"
                       f"{done.stderr[-3000:]}")
        result: dict[str, Any] = json.loads(lines[-1])
        assert "error" not in result, result
        if result.get("announced_after_note") and result.get("dialog_after_ctrl_e"):
            break
    return result


def test_map_regions_are_named_children_with_position_and_a_press_action(seen) -> None:
    regions = seen["map_regions"]
    assert [r[1] for r in regions][:2] == ["Upper back", "Forearm, left"]
    assert all(role == "push button" and actions == ["Press"] for role, _, _, actions in regions)
    assert regions[0][2] == f"Body map region 1 of {len(regions)}"


def test_the_card_has_headings_and_links_with_names_and_actions(seen) -> None:
    parts = seen["card_parts"]
    assert parts[0][:2] == ["heading", "Upper back"]  # the region the map action opened
    headings = [name for role, name, _ in parts if role == "heading"]
    assert {"Structures at risk", "Sources"} <= set(headings)
    links = [(name, actions) for role, name, actions in parts if role == "link"]
    assert ("Median nerve: every region where it is at risk", ["Press"]) in links
    assert ("Source 1: Doe 2020, guideline", ["Press"]) in links
    assert not any(name.isdigit() for name, _ in links)


def test_the_card_text_reads_without_frame_characters(seen) -> None:
    assert "Structures at risk" in seen["card_text"]
    assert not set(seen["card_text"]) & {"\ufdd0", "\ufdd1"}


def test_a_card_link_is_followed_through_its_accessible_action(seen) -> None:
    assert seen["after_follow"] == seen["followed"] == "General safety / pre-treatment checklist"


def test_search_results_and_empty_results_are_announced(seen) -> None:
    assert seen["search_name"].startswith("Search")
    assert seen["announced_after_search_sciatic"][-1].endswith("results")
    assert seen["announced_after_search_zzqqxx"][-1].startswith("Nothing in this guide matched")


def test_the_notes_save_state_is_announced(seen) -> None:
    assert seen["notes_name"] == "Your notes on Upper back"
    assert seen["announced_after_note"][-1] == "Saved"
    assert "Editing\u2026" not in seen["announced_after_note"]  # typing is not interrupted


def test_ctrl_e_exports_the_pdf_from_the_search_field(seen) -> None:
    """In a QLineEdit on X11, Ctrl+E is end-of-line; the export must still open."""
    assert seen["dialog_after_ctrl_e"].startswith("Export safety sheet as PDF")


def test_f6_moves_between_panes_and_tab_onto_a_card_link_is_announced(seen) -> None:
    # the map's name follows its focused region, so only the roles are pinned there
    assert [role for role, _ in seen["focused_by_f6"]] == ["list", "panel", "document frame"]
    assert seen["focused_by_f6"][0][1] == "Regions"
    assert seen["focused_after_tab_in_card"] == [
        ["link", "Placeholder upper back danger caution: its entry on this card"]]
