"""Property: any text, and any mutation of a valid file, gives valid data or one DataError.

Examples per test come from the hypothesis profile (tests/conftest.py): "ci" by default,
HYPOTHESIS_PROFILE=long for thousands (see tests/hostile/README.md).
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from needleguide.cli import EXIT_INVALID_DATA, EXIT_OK, main
from needleguide.core.errors import DataError
from needleguide.core.loader import load_bytes, load_text
from needleguide.core.model import ReferenceData
from needleguide.core.text import FORBIDDEN
from tests.conftest import MINIMAL

VALID = MINIMAL.read_text(encoding="utf-8")
LINES = VALID.splitlines(keepends=True)
RAW = VALID.encode("utf-8")
# Bytes that have broken YAML loaders: bad UTF-8, invisible characters, YAML features the
# data must not use, nesting, markup.
HOSTILE_BYTES = [b"\x00", b"\xff", b"\x80", b"\xc0\xaf", b"\xe2\x82", b"\xed\xa0\x80",
                 b"\xc2\x9b", b"\xc2\x85", "\u2028".encode(), b"\xef\xbb\xbf", b"\x1b[31m",
                 b"\t", b"\r", b"\n", b"'", b'"', b": ", b"- ", b"? ", b"&a ", b"*a", b"<<: ",
                 b"!!python/name:os.system ", b"!x ", b"---\n", b"...\n", b"%YAML 1.1\n",
                 b"[" * 40, b"{a: " * 40, b"- " * 40, b"]", b"}", b"|\n", b">-\n", b"#",
                 b"<script>alert(1)</script>", b"&lt;", b"99999999999999999999", b".nan",
                 b"0x1F", b"1:20", b"no", b"~"]


# How the loader's catch-all words an exception of ours it did not foresee (core/loader.py):
# a DataError, but a bug. A property that accepted it would pass with a loader that fails on
# every input, so none does.
INTERNAL_ERROR = "please report this"


def checked(exc: DataError) -> DataError:
    """A DataError the loader meant: every problem located, none of them a crash in disguise."""
    for p in exc.problems:
        assert INTERNAL_ERROR not in p.message, str(p)
        assert p.file == "fuzz.yaml" and p.line >= 1 and p.col >= 1, str(p)
        assert str(p).startswith(f"fuzz.yaml:{p.line}:{p.col}: "), str(p)
    return exc


def outcome(text: str) -> ReferenceData | DataError:
    try:
        return load_text(text, "fuzz.yaml")
    except DataError as exc:
        return checked(exc)


def test_the_valid_file_loads():
    assert isinstance(outcome(VALID), ReferenceData)


# Any character the data may hold (text.FORBIDDEN is the rule: Python's own Unicode tables
# can be older than it; U+13439 is a format character to Unicode 15, unassigned to 14).
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp"))
               .filter(lambda c: not FORBIDDEN.match(c)), max_size=60))
def test_a_comment_added_to_a_valid_file_changes_nothing(comment):
    """Valid inputs load (a loader that refuses everything fails here)."""
    assert outcome(VALID + "\n# " + comment + "\n") == outcome(VALID)


@given(st.text(max_size=400))
def test_arbitrary_text_gives_data_or_located_error(text):
    outcome(text)


@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_data_or_located_error(raw):
    try:
        load_bytes(raw, "fuzz.yaml")
    except DataError as exc:
        checked(exc)


@given(st.lists(st.tuples(st.integers(0, len(LINES) - 1),
                          st.sampled_from(["delete", "duplicate", "swap", "insert"]),
                          st.text(alphabet=" -:[]{}&*!#'\"abcz0\n|>", max_size=12)),
                min_size=1, max_size=4))
def test_mutated_valid_file_gives_data_or_located_error(edits):
    lines = list(LINES)
    for index, action, junk in edits:
        index %= len(lines)
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "swap":
            j = (index + 1) % len(lines)
            lines[index], lines[j] = lines[j], lines[index]
        else:
            lines.insert(index, junk + "\n")
        if not lines:
            lines = [""]
    result = outcome("".join(lines))
    if lines == LINES:  # e.g. two identical lines swapped: still the valid file
        assert isinstance(result, ReferenceData)


@pytest.fixture(scope="module")
def check_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-check")


@given(st.lists(st.tuples(st.integers(0, len(RAW)), st.integers(0, 8),
                          st.sampled_from(["insert", "replace", "delete", "truncate"]),
                          st.sampled_from(HOSTILE_BYTES) | st.binary(min_size=1, max_size=6)),
                min_size=1, max_size=4))
def test_check_command_on_mutated_bytes_reports_located_problems(check_dir, edits):
    """`needleguide check FILE` on a damaged file: exit 0 or 1, every line FILE:LINE:COL."""
    raw = RAW
    for at, span, action, junk in edits:
        at %= len(raw) + 1
        if action == "insert":
            raw = raw[:at] + junk + raw[at:]
        elif action == "replace":
            raw = raw[:at] + junk + raw[at + span:]
        elif action == "delete":
            raw = raw[:at] + raw[at + span:]
        else:
            raw = raw[:at]
    path = check_dir / "fuzz.yaml"
    path.write_bytes(raw)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["check", "--no-map", str(path)])
    report = out.getvalue()
    if status == EXIT_OK:
        assert report == f"{path}: ok\n"
        return
    assert status == EXIT_INVALID_DATA
    located = re.compile(re.escape(str(path)) + r":[1-9][0-9]*:[1-9][0-9]*: \S")
    rows = report.splitlines()
    assert rows and all(located.match(row) for row in rows), report
    assert "please report this" not in report, report


def test_every_property_fails_with_a_loader_that_crashes_on_every_input(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The properties above can fail: with a parser that raises on every input (which the
    catch-all turns into a "please report this" DataError), each of them fails."""
    from needleguide.core import yamltree

    def broken(text: str, path: str) -> yamltree.Node:
        raise RuntimeError("a bug of ours")

    monkeypatch.setattr(yamltree, "parse", broken)
    properties = [test_the_valid_file_loads, test_a_comment_added_to_a_valid_file_changes_nothing,
                  test_arbitrary_text_gives_data_or_located_error,
                  test_arbitrary_bytes_give_data_or_located_error,
                  test_mutated_valid_file_gives_data_or_located_error,
                  lambda: test_check_command_on_mutated_bytes_reports_located_problems(tmp_path)]
    for prop in properties:
        with pytest.raises(AssertionError):
            prop()
