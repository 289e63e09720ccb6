"""Run by the system Python with pyatspi: prints, as JSON, what AT-SPI exposes of the depth
check window: the table's headers and cells, the picture's description, the labels' text."""

import json
import sys
import time
from typing import Any

import pyatspi  # type: ignore[import-not-found]


def find_app():
    for _ in range(300):  # the app registers within a few seconds; give up after ~30 s
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.name == "needleguide-depth-probe":
                return app
        time.sleep(0.1)
    return None


def walk(acc, found):
    role = acc.getRoleName()
    if role == "table":
        table = acc.queryTable()
        found["tables"].append({
            "name": acc.name,
            "headers": [table.getColumnDescription(c) for c in range(table.nColumns)],
            "rows": [[table.getAccessibleAt(r, c).name for c in range(table.nColumns)]
                     for r in range(table.nRows)]})
        return
    if acc.name == "Depth picture":
        found["picture"] = acc.description
    if role == "label":  # its name is its text unless a name was set over it
        try:
            text = acc.queryText()
            found["labels"].append(text.getText(0, text.characterCount))
        except NotImplementedError:
            found["labels"].append(acc.name)
    for i in range(acc.childCount):
        walk(acc.getChildAtIndex(i), found)


found: dict[str, Any] = {"tables": [], "picture": None, "labels": []}
try:
    app = find_app()
    for _ in range(50 if app is not None else 0):  # until the window's widgets are there
        found = {"tables": [], "picture": None, "labels": []}
        walk(app, found)
        if found["tables"]:
            break
        time.sleep(0.1)
finally:
    json.dump(found, sys.stdout)
    open(sys.argv[1], "w").close()  # the app may quit now
