"""Property: any text, and any mutation of a valid file, gives valid data or one DataError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from needleguide.core.errors import DataError
from needleguide.core.loader import load_bytes, load_text
from needleguide.core.model import ReferenceData
from tests.conftest import MINIMAL

VALID = MINIMAL.read_text(encoding="utf-8")
LINES = VALID.splitlines(keepends=True)
FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


def outcome(text: str) -> ReferenceData | DataError:
    try:
        return load_text(text, "fuzz.yaml")
    except DataError as exc:
        assert all(p.file == "fuzz.yaml" and p.line >= 1 and p.col >= 1 for p in exc.problems)
        return exc


@FAST
@given(st.text(max_size=400))
def test_arbitrary_text_gives_data_or_located_error(text):
    outcome(text)


@FAST
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_data_or_located_error(raw):
    try:
        load_bytes(raw, "fuzz.yaml")
    except DataError:
        pass


@FAST
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
    outcome("".join(lines))
