"""How much of a long text a result quotes: the whole text while the match is near its start
(under 25 characters in) or the text fits one line (60 characters); else from the word
before the match, marked with an ellipsis. Quotes are cut to one line at a word boundary."""

from __future__ import annotations

from needleguide.core.fields import HitKind
from needleguide.core.search import SNIPPET_CHARS, Hit, _shorten, snippet

TAIL = " and then a long tail of words that makes the text longer than one line"


def test_a_match_24_characters_in_quotes_the_whole_text():
    text = "x" * 23 + " sciatic" + TAIL
    assert text.index("sciatic") == 24
    assert snippet(text, ["sciatic"]) == text


def test_a_match_25_characters_in_is_quoted_from_the_match():
    text = "x" * 24 + " sciatic" + TAIL
    assert text.index("sciatic") == 25
    assert snippet(text, ["sciatic"]) == "\u2026sciatic" + TAIL


def test_a_text_of_one_line_is_quoted_whole_wherever_the_match_is():
    text = "y " * 20 + "sciatic " + "z" * 12
    assert len(text) == SNIPPET_CHARS
    assert snippet(text, ["sciatic"]) == text
    longer = text + "z"
    assert snippet(longer, ["sciatic"]) != longer


def test_the_quote_starts_at_the_word_twenty_characters_before_the_match():
    text = "one two three four five six seven eight nine sciatic" + TAIL
    quoted = snippet(text, ["sciatic"])
    assert quoted == "\u2026six seven eight nine sciatic" + TAIL  # "six" begins 21 before


def test_a_match_inside_a_word_is_not_a_match():
    text = "x" * 30 + " nonsciatic then sciatic" + TAIL
    assert snippet(text, ["sciatic"]) == "\u2026sciatic" + TAIL


def test_the_first_query_word_found_is_quoted_from():
    text = "x" * 30 + " median then nerve" + TAIL
    assert snippet(text, ["absent", "median", "nerve"]) == "\u2026median then nerve" + TAIL
    assert snippet(text, ["nerve", "median"]) == "\u2026nerve" + TAIL


def test_no_query_word_quotes_from_the_start():
    text = "x" * 30 + TAIL
    assert snippet(text, []) == text and snippet(text, ["absent"]) == text


def test_a_cut_at_a_space_leaves_no_space_before_the_ellipsis():
    text = "a" * (SNIPPET_CHARS - 2) + " bbbb cccc dddd"
    assert _shorten(text) == "a" * (SNIPPET_CHARS - 2) + "\u2026"


def test_a_quote_of_exactly_one_line_is_not_cut_and_one_more_is():
    assert _shorten("q" * SNIPPET_CHARS) == "q" * SNIPPET_CHARS
    assert _shorten("q" * (SNIPPET_CHARS + 1)) == "q" * (SNIPPET_CHARS - 1) + "\u2026"


def test_a_long_sentence_hit_quotes_around_the_match_and_a_name_is_quoted_whole():
    text = "x" * 40 + " sciatic" + TAIL
    sentence = Hit(HitKind.CAUTION, "r", "R", text, 1.0, found=("sciatic",))
    from needleguide.core.search import _quoted
    assert _quoted(sentence).matched.startswith("\u2026sciatic")
    name = sentence._replace(kind=HitKind.STRUCTURE)
    assert _quoted(name).matched == text
    source = sentence._replace(kind=HitKind.SOURCE)
    assert _quoted(source).matched == text
    short = sentence._replace(matched="x" * 40 + " sciatic")
    assert _quoted(short).matched == short.matched


def test_a_note_line_indented_by_a_space_is_quoted_from_its_first_word():
    text = " " + "x" * 25 + " sciatic" + TAIL
    assert snippet(text, ["sciatic"]) == "\u2026" + text[1:]
