"""What every view of the guide shares: the form of an id and the disclaimer.

The form of an id, defined once: regions, structures, conditions, muscles and sections are
lower case words joined by single hyphens (``upper-trapezius``); the loader, the notes and
the body map's shape ids (``ID--part``) all check this one pattern."""

from __future__ import annotations

import re

ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ID = re.compile(rf"^{ID_PATTERN}$")

# Shown on every page, sheet, command output and the About box.
DISCLAIMER = "needleguide supports, and does not replace, clinical judgement and training."
