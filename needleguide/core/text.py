"""Text folding shared by lookups and search: case-, accent- and punctuation-insensitive."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """'Müller–Syndrome ' -> 'muller syndrome': lower case, no accents, words split by spaces."""
    if text.isascii():  # most data text: no accents to strip, so skip the per-character pass
        return _NON_WORD.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", plain).strip()
