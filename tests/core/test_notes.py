"""The notes rules that need no database: an import adds, never replaces; a save over the
limit is refused only for the note that is over it or that grew."""

from __future__ import annotations

import pytest

from needleguide.core.notes import (MAX_NOTE_BYTES, MAX_TOTAL_BYTES, NotesFormatError,
                                    dump_notes, merge_notes, parse_notes, refused_saves)


def test_an_import_adds_to_a_note_and_leaves_untouched_notes_out() -> None:
    current = {"neck": "mine", "gluteal": "same"}
    changed = merge_notes(current, {"neck": "theirs", "gluteal": "same", "forearm": "new"},
                          "imported")
    assert changed == {"neck": "mine\n\n\u2014 imported \u2014\ntheirs", "forearm": "new"}
    assert merge_notes({**current, **changed}, {"neck": "theirs"}, "again") == {}


def test_a_note_over_the_limit_is_refused_and_a_shrinking_one_is_not() -> None:
    big = "x" * (MAX_NOTE_BYTES + 1)
    assert set(refused_saves({"neck": big, "arm": "ok"}, {"neck", "arm"}, {})) == {"neck"}
    share = "y" * (MAX_TOTAL_BYTES // 9)
    full = {f"r{n}": share for n in range(10)}  # together over the limit
    assert set(refused_saves(full, {"r0"}, {"r0": share + "more"})) == set()  # shrank
    assert set(refused_saves(full, {"r0"}, {"r0": ""})) == {"r0"}  # grew


def test_the_export_format_reads_back_and_a_bad_file_is_a_format_error() -> None:
    notes = {"neck": "Über <b>30</b> mm"}
    assert parse_notes(dump_notes(notes), "x.json") == notes
    with pytest.raises(NotesFormatError, match="x.json is not valid JSON"):
        parse_notes(b"{", "x.json")
