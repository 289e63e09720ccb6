"""Text rules shared by the loader, the data cache, lookups and search: which characters
reference data may not contain, and folding (case-, accent- and punctuation-insensitive)."""

from __future__ import annotations

import re
import unicodedata

# Anything that is not a letter or digit of any script separates words: a Greek, Cyrillic or
# Polish note keeps its letters, only marks and punctuation go.
_NON_WORD = re.compile(r"[\W_]+")

# Letters that carry their "accent" inside the letter, so NFKD leaves them whole: a clinician
# types "lodz" for "Łódź" and "orsted" for "Ørsted". (casefold already makes ß and ẞ "ss".)
UNDECOMPOSED = {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ŧ": "t", "ı": "i",
                "ƀ": "b", "ɨ": "i", "ƶ": "z", "ǥ": "g", "æ": "ae", "œ": "oe", "þ": "th"}


class _FoldTable(dict[int, "str | None"]):
    """The table str.translate folds with: combining marks go, UNDECOMPOSED letters become
    their plain letters, everything else stays. Filled on first sight of each character
    (a character costs one unicodedata lookup once; then the lookup runs in C)."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        value = None if unicodedata.combining(char) else UNDECOMPOSED.get(char, char)
        self[code] = value
        return value


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """'Müller–Syndrome ' -> 'muller syndrome': lower case, no accents, words split by spaces;
    letters of every script are kept ('Плечо' -> 'плечо', 'Ωμος' -> 'ωμοσ') and letters with a
    built-in accent lose it ('Łódź' -> 'lodz')."""
    plain = text.casefold()
    if not plain.isascii():  # most data text is ASCII: no accents to drop, nothing to map
        plain = unicodedata.normalize("NFKD", plain).translate(_TABLE)
    return _NON_WORD.sub(" ", plain).strip()


# Characters reference data may not contain, anywhere (checked before YAML sees the text, and
# again on every string the data cache rebuilds):
# - C0/C1 controls (YAML rejects most C1 ones with no line number; NEL would count as a line
#   break), lone surrogates, non-characters, U+2028/U+2029 (line breaks to YAML, not to
#   editors, so every later line number would be off);
# - every invisible format character (Unicode category Cf): bidi controls such as U+202E
#   reorder what is displayed ("0.3 cm" shown as "3.0 cm"), zero-width spaces and joiners,
#   soft hyphens, the byte order mark after the start, tag characters. No language of the
#   data needs one. (tests/core/test_loader.py checks this list against unicodedata.)
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029"
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]")
_NAMES = {"\u2028": "line separator", "\u2029": "paragraph separator",
          "\ufeff": "byte order mark", "\u00ad": "soft hyphen", "\u200b": "zero-width space",
          "\u200c": "zero-width non-joiner", "\u200d": "zero-width joiner",
          "\u2060": "word joiner"}


def describe_character(char: str) -> str:
    """What a forbidden character is, for a person: 'right-to-left override U+202E'."""
    code = ord(char)
    if char in _NAMES:
        what = _NAMES[char]
    elif 0xD800 <= code <= 0xDFFF:
        what = "unpaired surrogate"
    elif unicodedata.category(char) == "Cf":
        name = unicodedata.name(char, "")
        name = name.lower()
        bidi = any(w in name for w in ("right-to-left", "left-to-right", "isolate",
                                       "directional", "letter mark"))
        what = (f"invisible direction-changing character {name}" if bidi
                else f"invisible format character {name}".rstrip())
    elif unicodedata.category(char) == "Cc":
        what = "control character"
    elif code in (0xFFFE, 0xFFFF):
        what = "non-character"
    else:  # a format character newer than this Python's Unicode tables (U+13439: Unicode 15)
        what = "invisible format character"
    return f"{what} U+{code:04X}"
