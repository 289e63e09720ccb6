"""Text folding shared by lookups and search: case-, accent- and punctuation-insensitive."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """'Müller–Syndrome ' -> 'muller syndrome': lower case, no accents, words split by spaces."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    if not plain.isascii():  # most data text is ASCII: no accents to drop, no loop needed
        plain = "".join(c for c in plain if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", plain).strip()
