"""The search vocabulary is strict data: every problem located, every term leading only to
entries that already say what it means, distinct pairs honoured, not-covered topics really
absent from the data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from needleguide import paths
from needleguide.core.errors import DataError
from needleguide.core.loader import load
from needleguide.core.vocabulary import load_vocabulary
from tests.conftest import MINIMAL

GOOD = """\
terms:
  - words: [probe drug, PD]
    means: danger note
    kind: drug
    entries: [region:upper-test]
distinct:
  - [median, medial]
not_covered:
  - topic: pregnancy precautions
    words: [pregnancy, pregnant]
"""


@pytest.fixture
def data():  # type: ignore[no-untyped-def]
    return load(MINIMAL)


def problems(tmp_path: Path, text: str, data) -> list[str]:  # type: ignore[no-untyped-def]
    path = tmp_path / "vocabulary.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_vocabulary(path, data)
    return [f"{p.line}:{p.col}: {p.message}" for p in caught.value.problems]


def test_shipped_vocabulary_is_valid_against_the_shipped_data():
    data = load(paths.default_data_file())
    vocabulary = load_vocabulary(paths.vocabulary_file_for(paths.default_data_file()), data)
    assert len(vocabulary.terms) >= 20 and vocabulary.not_covered
    pairs = {frozenset(p) for p in vocabulary.distinct}
    for pair in (("median", "medial"), ("femoral", "temporal"), ("long thoracic", "lung"),
                 ("ulnar", "ulna"), ("radial", "radius"), ("peroneal", "perineal")):
        assert frozenset(pair) in pairs


def test_a_valid_vocabulary_loads(tmp_path, data):
    path = tmp_path / "vocabulary.yaml"
    path.write_text(GOOD, encoding="utf-8")
    vocabulary = load_vocabulary(path, data)
    assert vocabulary.terms[0].words == ("probe drug", "PD")
    assert vocabulary.terms[0].entries == (("region", "upper-test"),)


@pytest.mark.parametrize("change, located", [
    (("region:upper-test", "region:nowhere"), "5:15: entry 'region:nowhere' is not in"),
    (("means: danger note", "means: warning note"),
     "5:15: entry 'region:upper-test' never says 'warning note'"),
    (("kind: drug", "kind: potion"), "4:11: kind of a term must be one of"),
    (("[probe drug, PD]", "[probe drug, PD, Probe Drug]"),
     "2:29: 'Probe Drug' is listed twice"),
    (("region:upper-test", "upper-test"), "5:15: entry 'upper-test' should be KIND:ID"),
    (("    words: [pregnancy, pregnant]", "    words: [pregnancy, danger]"),
     "10:24: 'danger' is listed as not covered, but the data says it"),
    (("[median, medial]", "[median, Median]"), "7:5: 'median' and 'Median' are the same"),
    (("    kind: drug", "    kind: drug\n    colour: red"), "5:5: unknown field 'colour'"),
])
def test_problems_are_located(tmp_path, data, change, located):
    found = problems(tmp_path, GOOD.replace(*change), data)
    assert any(p.startswith(located) for p in found), found


def test_broken_yaml_is_a_located_error_not_a_traceback(tmp_path, data):
    [found] = problems(tmp_path, GOOD.replace("terms:", "terms: [\n"), data)
    line, col, message = found.split(":", 2)
    assert line.isdigit() and col.isdigit() and "YAML syntax error" in message


def test_other_forms_of_a_meaning_must_be_said_by_an_entry_too(tmp_path, data):
    ok = GOOD.replace("    means: danger note\n", "    means: danger note\n    also: [danger]\n")
    path = tmp_path / "vocabulary.yaml"
    path.write_text(ok, encoding="utf-8")
    assert load_vocabulary(path, data).terms[0].meanings == ("danger note", "danger")
    found = problems(tmp_path, ok.replace("also: [danger]", "also: [peril]"), data)
    assert any(p.startswith("4:12: no entry of this term says 'peril'") for p in found), found


def test_a_term_may_not_lead_across_a_distinct_pair(tmp_path, data):
    text = GOOD.replace("[probe drug, PD]", "[median]").replace("means: danger note",
                                                                 "means: medial")
    found = problems(tmp_path, text, data)
    assert any("marks 'median' and 'medial' as distinct" in p for p in found), found


def test_check_reports_a_not_covered_topic_the_data_covers_with_exit_1(tmp_path):
    (tmp_path / "regions.yaml").write_text(MINIMAL.read_text(encoding="utf-8"),
                                           encoding="utf-8")
    vocabulary = tmp_path / "vocabulary.yaml"
    vocabulary.write_text(GOOD.replace("[pregnancy, pregnant]", "[pregnancy, warning note]"),
                          encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "needleguide", "check", "--no-map",
                             str(vocabulary)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert f"{vocabulary}:10:" in result.stdout and "listed as not covered" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


VOCAB_LINES = GOOD.splitlines(keepends=True)


@given(cut=st.integers(0, len(VOCAB_LINES)), junk=st.sampled_from(
    [b"\x00", b"\xff", b"[" * 40, b"&a ", b"*a", b"!!python/name:os.system ", b"- ", b": ",
     b"words: 7\n", b"entries: [region:]\n", b"  - [a]\n", b"~", b"\t"]), at=st.integers(0, 40))
def test_any_mutation_of_a_vocabulary_is_valid_or_one_located_error(tmp_path_factory, cut,
                                                                     junk, at):
    """A broken vocabulary can never crash check or search: a DataError or a Vocabulary."""
    data = load(MINIMAL)
    lines = list(VOCAB_LINES)
    line = lines[cut] if cut < len(lines) else ""
    lines[cut:cut + 1] = [line[:at].encode() + junk + line[at:].encode()]
    path = tmp_path_factory.mktemp("fuzz") / "vocabulary.yaml"
    path.write_bytes(b"".join(x if isinstance(x, bytes) else x.encode() for x in lines))
    try:
        load_vocabulary(path, data)
    except DataError as exc:
        assert all(p.line >= 1 and p.col >= 1 for p in exc.problems)
