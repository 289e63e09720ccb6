"""Reads the running app through AT-SPI as a screen reader does, and prints what it found as
JSON. Runs under Debian's system python (python3-pyatspi is a system package), inside a
private D-Bus session and X server that tests/ui/test_atspi.py sets up:

    xvfb-run -a dbus-run-session -- /usr/bin/python3 atspi_probe.py APP_PYTHON DATA_FILE

It starts the app with APP_PYTHON, opens a region through the body map's accessible action,
reads the card's headings and links, follows a link through its action, types a search and a
note through the editable-text interface, records the announcements the app emits, and
presses Ctrl+E in the search field (X keyboard events through the AT-SPI registry).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pyatspi  # type: ignore[import-not-found]
from gi.repository import GLib  # type: ignore[import-not-found]

APP_NAME = "needleguide"
CONTROL_L, KEY_E, TAB, F6 = 37, 26, 23, 72  # X keycodes of Xvfb's default (evdev) keymap


def walk(node, depth=0):  # type: ignore[no-untyped-def]
    yield node
    if depth > 40:
        return
    for index in range(node.childCount):
        child = node.getChildAtIndex(index)
        if child is not None:
            yield from walk(child, depth + 1)


def find_app():  # type: ignore[no-untyped-def]
    desktop = pyatspi.Registry.getDesktop(0)
    for index in range(desktop.childCount):
        app = desktop.getChildAtIndex(index)
        if app is not None and app.childCount:
            for node in walk(app):
                if node.getRoleName() == "document frame":
                    return app
    return None


def wait_for(predicate, seconds: float):  # type: ignore[no-untyped-def]
    """Run the AT-SPI event loop until predicate() is truthy or the time is up."""
    found = []

    def check() -> bool:
        value = predicate()
        if value:
            found.append(value)
            pyatspi.Registry.stop()
            return False
        return True

    GLib.timeout_add(50, check)
    GLib.timeout_add(int(seconds * 1000), lambda: pyatspi.Registry.stop() or False)
    pyatspi.Registry.start()
    return found[0] if found else None


def find_map(app):  # type: ignore[no-untyped-def]
    for node in walk(app):
        if node.getRoleName() == "panel" and node.name.startswith("Body map") and any(
                node.getChildAtIndex(i).description.startswith("Body map region")
                for i in range(node.childCount)):
            return node
    return None


def actions(node) -> list[str]:  # type: ignore[no-untyped-def]
    try:
        action = node.queryAction()
    except NotImplementedError:
        return []
    return [action.getName(i) for i in range(action.nActions)]


def press(node) -> None:  # type: ignore[no-untyped-def]
    action = node.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    action.doAction(names.index("Press"))


def card_parts(app):  # type: ignore[no-untyped-def]
    card = next(n for n in walk(app) if n.getRoleName() == "document frame")
    return [(c.getRoleName(), c.name, actions(c)) for c in
            (card.getChildAtIndex(i) for i in range(card.childCount)) if c is not None], card


def main() -> int:
    app_python, data_file = sys.argv[1], sys.argv[2]
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
               QT_ACCESSIBILITY="1")
    announced: list[str] = []
    pyatspi.Registry.registerEventListener(
        lambda event: announced.append(str(event.any_data)), "object:announcement")
    focused: list[tuple[str, str]] = []
    # as Orca does: all state changes (Qt sends focus only to listeners of these), keep focus
    pyatspi.Registry.registerEventListener(
        lambda event: focused.append((event.source.getRoleName(), event.source.name))
        if event.type.endswith("focused") and event.detail1 else None,
        "object:state-changed", "focus:")
    process = subprocess.Popen([app_python, "-m", "needleguide", "--data", data_file],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    result: dict[str, object] = {}
    try:
        app = wait_for(find_app, 60)
        if app is None:
            result["error"] = "the app never appeared on the accessibility bus"
            return 0
        body_map = wait_for(lambda: find_map(app), 30)
        if body_map is None:
            result["error"] = "no body map with region children"
            result["tree"] = [(n.getRoleName(), n.name, n.childCount) for n in walk(app)]
            return 0
        regions = [c for c in (body_map.getChildAtIndex(i) for i in range(body_map.childCount))
                   if c.description.startswith("Body map region")]
        result["map_regions"] = [(r.getRoleName(), r.name, r.description, actions(r))
                                 for r in regions]
        press(regions[0])
        wait_for(lambda: card_parts(app)[0] and card_parts(app)[0][0][1] in regions[0].name
                 or None, 10)
        parts, card = card_parts(app)
        result["card_parts"] = parts
        text = card.queryText()
        result["card_text"] = text.getText(0, text.characterCount)
        link = next(card.getChildAtIndex(i) for i in range(card.childCount)
                    if card.getChildAtIndex(i).getRoleName() == "link"
                    and card.getChildAtIndex(i).name.startswith("General safety"))
        result["followed"] = link.name
        press(link)
        result["after_follow"] = wait_for(
            lambda: (card_parts(app)[0] or [("", "")])[0][1]
            if card_parts(app)[0][0][1] != parts[0][1] else None, 10)
        press(regions[0])  # back to the region: its notes, and a sheet to export
        wait_for(lambda: card_parts(app)[0][0][1] in regions[0].name or None, 10)
        search = next(n for n in walk(app) if n.getRoleName() == "text"
                      and n.name.startswith("Search"))
        result["search_name"] = search.name
        for query in ("sciatic", "zzqqxx"):
            count = len(announced)
            search.queryEditableText().setTextContents(query)
            wait_for(lambda c=count: len(announced) > c or None, 10)
            result[f"announced_after_search_{query}"] = announced[count:]
        notes = next(n for n in walk(app) if n.getRoleName() == "text"
                     and n.name.startswith("Your notes"))
        result["notes_name"] = notes.name
        count = len(announced)
        notes.queryEditableText().setTextContents("check the sciatic nerve first")
        wait_for(lambda: any(a.startswith("Saved") for a in announced[count:]) or None, 15)
        result["announced_after_note"] = announced[count:]
        # F6 from the search field to the card, then Tab onto its first link: a screen
        # reader hears the focus move to the link.
        parts, card = card_parts(app)
        search.queryComponent().grabFocus()
        wait_for(lambda: search.getState().contains(pyatspi.STATE_FOCUSED) or None, 10)
        count = len(focused)
        for _ in range(3):  # region list, body map, card
            pyatspi.Registry.generateKeyboardEvent(F6, None, pyatspi.KEY_PRESSRELEASE)
        result["card_focused"] = bool(wait_for(
            lambda: card.getState().contains(pyatspi.STATE_FOCUSED) or None, 10))
        result["focused_by_f6"] = focused[count:]
        count = len(focused)
        pyatspi.Registry.generateKeyboardEvent(TAB, None, pyatspi.KEY_PRESSRELEASE)
        wait_for(lambda: len(focused) > count or None, 10)
        result["focused_after_tab_in_card"] = focused[count:]
        # Ctrl+E from the search field (where Qt binds it to end-of-line) opens the export.
        search.queryComponent().grabFocus()
        wait_for(lambda: search.getState().contains(pyatspi.STATE_FOCUSED) or None, 10)
        for keycode, kind in ((CONTROL_L, pyatspi.KEY_PRESS), (KEY_E, pyatspi.KEY_PRESSRELEASE),
                              (CONTROL_L, pyatspi.KEY_RELEASE)):
            pyatspi.Registry.generateKeyboardEvent(keycode, None, kind)
        dialog = wait_for(lambda: next((n.name for n in walk(app) if n.getRoleName() in
                                        ("dialog", "file chooser")), None), 10)
        result["dialog_after_ctrl_e"] = dialog
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
