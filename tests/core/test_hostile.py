"""Hostile data files (issue #8): each one gives a located DataError, never a crash or a hang.

The corpus lives in tests/hostile/: one small file per case, or a ``*.gen.json`` recipe that
builds the huge ones at test time (see tests/hostile/README.md). Every case first runs as
``python -m needleguide check FILE`` in its own subprocess with a timeout (several at once), so
a segfault or a hang fails that case instead of the test run. Only a file that survived that
is then loaded in-process to check the DataError itself: one subprocess per case keeps the
whole corpus at a few seconds.
"""

from __future__ import annotations

import functools
import json
import math
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from enum import Enum
from pathlib import Path
from typing import Any, Iterator, NamedTuple

import pytest
import yaml

from needleguide.core import loader, yamltree
from needleguide.core.errors import DataError
from needleguide.core.loader import load, load_bytes, load_text

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "hostile"
# Seconds per subprocess: only a hang reaches it. The slowest case (node_bomb, 1.6 million
# values) takes about 3 s of CPU; with mutation runs beside it on 2 cores it took over 20 s.
TIMEOUT = 90
MAX_COMMITTED_BYTES = 4096  # huge cases are recipes, not committed megabytes


class Expect(NamedTuple):
    """What the loader must say: a message fragment, and where when that is unambiguous."""

    message: str
    line: int | None = None
    col: int | None = None


VALID = Expect("")  # the file must load

EXPECTED: dict[str, Expect] = {
    # nesting, size and count limits
    "deep_flow_sequence.gen.json": Expect("nested more than 24 levels deep", 1, 33),
    "deep_flow_mapping.gen.json": Expect("nested more than 24 levels deep", 1, 102),
    "deep_block_mapping.gen.json": Expect("nested more than 24 levels deep", 25, 25),
    "deep_block_sequence.gen.json": Expect("nested more than 24 levels deep", 1, 49),
    "huge_string.gen.json": Expect("text of 1,000,000 characters is longer than the 20,000 "
                                   "allowed", 1, 10),
    "long_key.gen.json": Expect("YAML syntax error", 1, 2001),
    "long_comment_line.gen.json": Expect("unknown field 'bogus' in the data file", 3, 1),
    "long_flow_line.gen.json": Expect("version should be text, not a list", 1, 10),
    "huge_file.gen.json": Expect(f"reference data is at most {yamltree.MAX_BYTES:,} bytes",
                                 1, 1),
    "node_bomb.gen.json": Expect("too many values to be reference data", 1, 3_000_005),
    "many_unknown_fields.gen.json": Expect(f"stopped after {loader.MAX_PROBLEMS} problems"),
    # the file system
    "directory.gen.json": Expect("cannot read the file: it is a folder, not a regular file",
                                 1, 1),
    "fifo.gen.json": Expect("cannot read the file: it is a named pipe (FIFO), not a regular "
                            "file", 1, 1),
    "device.gen.json": Expect("cannot read the file: it is a device, not a regular file", 1, 1),
    "unreadable.gen.json": Expect("cannot read the file: permission denied", 1, 1),
    "missing.gen.json": Expect("cannot read the file: no such file or folder", 1, 1),
    # document structure
    "empty.yaml": Expect("the file is empty", 1, 1),
    "bom_only.yaml": Expect("the file is empty", 1, 1),
    "comments_only.yaml": Expect("the file is empty", 1, 1),
    "scalar_root.yaml": Expect("the data file should be a mapping of fields", 1, 1),
    "list_root.yaml": Expect("the data file should be a mapping of fields", 1, 1),
    "multiple_documents.yaml": Expect("only one YAML document is allowed", 3, 1),
    "document_end_then_garbage.yaml": Expect("YAML syntax error", 4, 1),
    "yaml_directive_1_3.yaml": Expect("YAML syntax error", 1, 1),
    "duplicate_key_top.yaml": Expect("duplicate key 'version' (first at line 1)", 3, 1),
    "duplicate_key_in_source.yaml": Expect("duplicate key 'title' (first at line 6)", 7, 5),
    "duplicate_key_in_sample.yaml": Expect("duplicate key 'n' (first at line 12)", 14, 11),
    "duplicate_key_flow.yaml": Expect("duplicate key 'a' (first at line 2)", 2, 23),
    "complex_key_sequence.yaml": Expect("a mapping key must be plain text", 1, 3),
    "complex_key_mapping.yaml": Expect("a mapping key must be plain text", 1, 3),
    "complex_key_flow.yaml": Expect("a mapping key must be plain text", 1, 2),
    "merge_key.yaml": Expect("unknown field '<<' in a source", 4, 5),
    "merge_key_alias.yaml": Expect("anchors (&base) are not allowed", 1, 7),
    "alias_bomb.yaml": Expect("anchors (&a) are not allowed", 1, 4),
    "alias_undefined.yaml": Expect("aliases (*name) are not allowed", 1, 10),
    "anchor_on_scalar.yaml": Expect("anchors (&v) are not allowed", 1, 10),
    "tag_python_apply.yaml": Expect("tags (tag:yaml.org,2002:python/object/apply:os.system) "
                                    "are not allowed", 1, 10),
    "tag_python_name.yaml": Expect("tags (tag:yaml.org,2002:python/name:os.system) are not "
                                   "allowed", 1, 10),
    "tag_python_object_map.yaml": Expect("tags (tag:yaml.org,2002:python/object:builtins.dict)"
                                         " are not allowed", 1, 10),
    "tag_binary.yaml": Expect("tags (tag:yaml.org,2002:binary) are not allowed", 1, 10),
    "tag_custom.yaml": Expect("tags (!clinical) are not allowed", 1, 10),
    "tag_set_root.yaml": Expect("tags (tag:yaml.org,2002:set) are not allowed", 1, 1),
    "tag_directive.yaml": Expect("tags (tag:evil.example,2000:run) are not allowed", 3, 10),
    "tab_indent.yaml": Expect("YAML syntax error", 3, 1),
    "unclosed_quote.yaml": Expect("YAML syntax error"),
    "unclosed_flow.yaml": Expect("YAML syntax error"),
    "cr_line_endings.yaml": Expect("unknown field 'bogus' in the data file", 3, 1),
    "crlf_line_endings.yaml": Expect("unknown field 'bogus' in the data file", 3, 1),
    # characters and encodings
    "nul_byte.yaml": Expect("control character U+0000 is not allowed", 2, 15),
    "control_escape.yaml": Expect("control character U+001B is not allowed", 2, 9),
    "control_vertical_tab.yaml": Expect("control character U+000B is not allowed", 2, 9),
    "control_delete.yaml": Expect("control character U+007F is not allowed", 2, 9),
    "control_c1_csi.yaml": Expect("control character U+009B is not allowed", 2, 9),
    "control_nel.yaml": Expect("control character U+0085 is not allowed", 2, 9),
    "line_separator.yaml": Expect("line separator U+2028 is not allowed", 2, 9),
    # Invisible format characters (category Cf): U+202E made "0.3 cm" display as "3.0 cm".
    "bidi_override.yaml": Expect("direction-changing character right-to-left override U+202E "
                                 "is not allowed", 3, 14),
    "bidi_isolate.yaml": Expect("direction-changing character right-to-left isolate U+2067 "
                                "is not allowed", 2, 8),
    "zero_width_space.yaml": Expect("zero-width space U+200B is not allowed", 2, 12),
    "soft_hyphen.yaml": Expect("soft hyphen U+00AD is not allowed", 2, 14),
    "bom_mid_file.yaml": Expect("byte order mark U+FEFF is not allowed", 2, 1),
    "bom_twice.yaml": Expect("byte order mark U+FEFF is not allowed", 1, 1),
    "utf8_lone_continuation.yaml": Expect("not valid UTF-8 (byte 0x80)", 2, 10),
    "utf8_truncated.yaml": Expect("not valid UTF-8 (byte 0xc3)", 2, 12),
    "utf8_truncated_at_eof.yaml": Expect("not valid UTF-8 (byte 0xe2)", 2, 7),
    "utf8_overlong_slash.yaml": Expect("not valid UTF-8 (byte 0xc0)", 2, 9),
    "utf8_overlong_nul.yaml": Expect("not valid UTF-8 (byte 0xc0)", 2, 10),
    "utf8_surrogate.yaml": Expect("not valid UTF-8 (byte 0xed)", 2, 9),
    "utf8_beyond_unicode.yaml": Expect("not valid UTF-8 (byte 0xf4)", 2, 9),
    "latin1.yaml": Expect("not valid UTF-8 (byte 0xe9)", 2, 12),
    "utf16le_bom.yaml": Expect("not valid UTF-8 (byte 0xff)", 1, 1),
    "utf16be_bom.yaml": Expect("not valid UTF-8 (byte 0xfe)", 1, 1),
    "utf16le_no_bom.yaml": Expect("control character U+0000 is not allowed", 1, 2),
    "utf32_bom.yaml": Expect("not valid UTF-8 (byte 0xff)", 1, 1),
    # numbers and dates: only decimal whole numbers and real YYYY-MM-DD dates
    "number_year_huge.yaml": Expect("year of source 'S1' should be a whole number from 1800 "
                                    "to 2100, not '99999999999999999999'", 7, 11),
    "number_year_underscore.yaml": Expect("not '2_020'", 7, 11),
    "number_n_1e308.yaml": Expect("whole number from 1 to 10000000, not '1e308'", 12, 21),
    "number_n_nan.yaml": Expect("whole number from 1 to 10000000, not '.nan'", 12, 21),
    "number_n_inf.yaml": Expect("whole number from 1 to 10000000, not '-.inf'", 12, 21),
    "number_n_hex.yaml": Expect("whole number from 1 to 10000000, not '0x1F'", 12, 21),
    "number_n_negative_zero.yaml": Expect("whole number from 1 to 10000000, not '-0'", 12, 21),
    "number_n_sexagesimal.yaml": Expect("whole number from 1 to 10000000, not '1:20'", 12, 21),
    "number_n_fullwidth.yaml": Expect("whole number from 1 to 10000000, not '\uff16\uff12'",
                                      12, 21),
    "date_unquoted_impossible.yaml": Expect("updated should be a real date written YYYY-MM-DD,"
                                            " not '2026-02-30'", 2, 10),
    "date_huge_year.yaml": Expect("updated should be a real date", 2, 10),
    # text that must stay literal text
    "html_in_text.yaml": VALID,
    "yaml11_text_fields.yaml": VALID,
}



class Run(NamedTuple):
    returncode: int | None  # None: killed after TIMEOUT seconds
    stdout: str
    stderr: str


def _run(args: list[str]) -> Run:
    try:
        done = subprocess.run(args, capture_output=True, timeout=TIMEOUT, cwd=ROOT)
    except subprocess.TimeoutExpired as exc:
        out = (exc.stdout or b"").decode("utf-8", "replace")
        return Run(None, out, (exc.stderr or b"").decode("utf-8", "replace"))
    return Run(done.returncode, done.stdout.decode("utf-8", "replace"),
               done.stderr.decode("utf-8", "replace"))


def materialise(name: str, workdir: Path) -> Path:
    """The file to load for a corpus entry: the committed file, or one built from a recipe."""
    source = HOSTILE / name
    if not name.endswith(".gen.json"):
        return source
    recipe: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    target = workdir / name.replace(".gen.json", ".yaml")
    kind = recipe.get("kind")
    if kind == "directory":
        target.mkdir()
        return target
    if kind == "missing":
        return target
    if kind == "fifo":  # opening it for reading would wait forever for a writer
        os.mkfifo(target)
        return target
    if kind == "device":  # would never end
        target.symlink_to("/dev/zero")
        return target
    if kind == "unreadable":
        target.write_text('version: "1"\n', encoding="utf-8")
        target.chmod(0)
        return target
    prefix, suffix = recipe.get("prefix", ""), recipe.get("suffix", "")
    if "template" in recipe:
        body = "".join(recipe["template"].format(i=i, pad=" " * i)
                       for i in range(recipe["count"]))
    elif recipe.get("over_size_limit"):  # just over the limit, by less than one repeat
        unit = recipe["repeat"]
        body = unit * math.ceil((yamltree.MAX_BYTES + 1 - len(prefix)) / len(unit))
    else:
        body = recipe["repeat"] * recipe["times"]
    target.write_text(prefix + body + suffix, encoding="utf-8")
    return target


def _unreadable_is_testable() -> bool:
    return os.geteuid() != 0  # root reads a mode-000 file anyway


@pytest.fixture(scope="module")
def outcomes(request: pytest.FixtureRequest,
             tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Run]]:
    """Run `needleguide check` on every selected case, several at once: (path, run)."""
    wanted = sorted({str(item.callspec.params["case"]) for item in request.session.items
                     if isinstance(item, pytest.Function) and item.module is sys.modules[__name__]
                     and "case" in getattr(getattr(item, "callspec", None), "params", {})})
    workdir = tmp_path_factory.mktemp("hostile")
    paths = {case: materialise(case, workdir) for case in wanted}
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        # --no-map for the files that load: their made-up regions have no body-map shapes
        jobs = {case: pool.submit(_run, [sys.executable, "-X", "faulthandler", "-m",
                                         "needleguide", "check", str(path)]
                                  + (["--no-map"] if EXPECTED[case] is VALID else []))
                for case, path in paths.items()}
        results = {case: (paths[case], job.result()) for case, job in jobs.items()}
    for path in paths.values():
        if path.exists() and not path.is_dir():
            path.chmod(0o600)
    return results


def _skip_if_untestable(case: str) -> None:
    if case == "unreadable.gen.json" and not _unreadable_is_testable():
        pytest.skip("running as root: a mode-000 file is readable")


def _survived(run: Run) -> None:
    assert run.returncode is not None, f"needleguide check hung for more than {TIMEOUT} s"
    assert run.returncode >= 0, \
        f"needleguide check crashed (signal {-run.returncode}):\n{run.stderr}"


@functools.lru_cache(maxsize=None)
def _load_in_process(path: Path) -> list[tuple[str, int, int, str]] | None:
    """The problems of loading ``path`` (None: it loaded). Any other exception escapes."""
    try:
        load(path)
    except DataError as exc:
        return [(p.file, p.line, p.col, p.message) for p in exc.problems]
    return None


CASES = sorted(EXPECTED)


def test_every_corpus_file_has_an_expectation():
    on_disk = {p.name for p in HOSTILE.iterdir() if p.name != "README.md"}
    assert on_disk == set(EXPECTED)


def test_committed_corpus_files_are_small():
    big = [p.name for p in HOSTILE.iterdir() if p.stat().st_size > MAX_COMMITTED_BYTES]
    assert not big, f"build these at test time from a .gen.json recipe instead: {big}"


@pytest.mark.parametrize("case", CASES)
def test_loader_gives_data_or_one_located_error(case, outcomes):
    _skip_if_untestable(case)
    path, run = outcomes[case]
    _survived(run)  # the same load did not crash or hang in a subprocess: safe to run here
    try:
        problems = _load_in_process(path)
    except Exception as exc:  # pragma: no cover - the failure this test exists to catch
        pytest.fail(f"{type(exc).__name__} escaped the loader: {exc}")
    expect = EXPECTED[case]
    if expect is VALID:
        assert problems is None, problems
        return
    assert problems
    for file, line, col, message in problems:
        assert file == str(path)
        assert line >= 1 and col >= 1
        assert len(message) > 10 and "please report this" not in message, message
    assert any(expect.message in message
               and expect.line in (None, line) and expect.col in (None, col)
               for _, line, col, message in problems), \
        f"expected {expect} in:\n" + "\n".join(map(str, problems[:5]))


@pytest.mark.parametrize("case", CASES)
def test_check_command_reports_it_without_a_traceback(case, outcomes):
    _skip_if_untestable(case)
    path, run = outcomes[case]
    _survived(run)
    assert "Traceback" not in run.stdout + run.stderr
    if EXPECTED[case] is VALID:
        assert run.returncode == 0 and run.stdout == f"{path}: ok\n"
        return
    assert run.returncode == 1, run.stdout + run.stderr
    problems = _load_in_process(path)
    assert problems
    assert run.stdout.splitlines() == [f"{f}:{line}:{col}: {m}" for f, line, col, m in problems]
    located = re.compile(re.escape(str(path)) + r":[1-9][0-9]*:[1-9][0-9]*: \S")
    assert all(located.match(row) for row in run.stdout.splitlines()), \
        "every line of the report must be FILE:LINE:COL: message, one problem a line"


# -- text stays literal text ------------------------------------------------------------------

ID_KEYS = {"id", "sources", "claimed_by", "structure", "condition"}  # checked as ids, not text


def _pairs(written: Any, loaded: Any) -> Iterator[tuple[str, str]]:
    """(text as written, text as loaded) for every text field: YAML and model side by side."""
    if isinstance(written, dict):
        for key, value in written.items():
            if key in ID_KEYS:
                continue
            attr = getattr(loaded, key)
            if isinstance(value, list):
                items = list(attr.values()) if isinstance(attr, dict) else list(attr)
                assert len(items) == len(value), key
                for w, got in zip(value, items):
                    yield from _pairs(w, got)
            elif isinstance(value, dict):
                yield from _pairs(value, attr)
            elif isinstance(attr, str) and not isinstance(attr, Enum):
                yield value, attr
    elif isinstance(written, str) and isinstance(loaded, str):
        yield written, loaded


def _literal_pairs(name: str) -> list[tuple[str, str]]:
    raw = (HOSTILE / name).read_bytes()
    written = yaml.load(raw, Loader=yaml.BaseLoader)  # trusted test file: every scalar a str
    data = load_bytes(raw, name)
    pairs = list(_pairs(written, data))
    assert len(pairs) >= 25
    return pairs


def test_html_and_script_in_text_stay_byte_identical_text():
    pairs = _literal_pairs("html_in_text.yaml")
    for written, loaded in pairs:
        folded = " ".join(written.split())  # the loader's documented whitespace folding
        assert loaded.encode("utf-8") == folded.encode("utf-8")
        assert any(s in loaded for s in ("<", "&", "javascript:", "file:", "{{", "data:")), \
            f"this field carries no payload: {loaded!r}"


def test_yaml_1_1_look_alikes_in_text_stay_as_written():
    pairs = _literal_pairs("yaml11_text_fields.yaml")
    assert all(loaded == written for written, loaded in pairs)
    data = load(HOSTILE / "yaml11_text_fields.yaml")
    assert data.version == "1.10"
    assert data.sources["GUIDE1"].title == "no"
    assert data.sources["GUIDE1"].note == "1:20"
    assert data.structures["test-nerve"].synonyms == ("y", "n", "Y", "N", "True", "FALSE")
    assert data.regions[0].cautions[0].text == "99999999999999999999"


# -- regressions for loader fixes found with this corpus --------------------------------------

def test_libyaml_parser_is_used():
    """`from yaml import CParser` never worked, so the pure-Python parser (20x slower) ran."""
    if yaml.__with_libyaml__:
        assert yamltree.uses_libyaml()


@pytest.mark.parametrize("char,name", [("\x9b", "control character U+009B"),
                                       ("\x85", "control character U+0085"),
                                       ("\u2028", "line separator U+2028"),
                                       ("\ufeff", "byte order mark U+FEFF"),
                                       ("\ud800", "unpaired surrogate U+D800"),
                                       ("\x00", "control character U+0000"),
                                       ("\u202e", "right-to-left override U+202E"),
                                       ("\u2066", "left-to-right isolate U+2066"),
                                       ("\u200d", "zero-width joiner U+200D"),
                                       ("\U000e0041", "invisible format character tag"),
                                       ("\u061c", "arabic letter mark U+061C")])
def test_invisible_characters_are_located_from_text_too(char, name):
    """C1 controls used to reach libyaml and come back as a ReaderError at 1:1; load_text
    skipped the character check altogether."""
    with pytest.raises(DataError) as info:
        load_text(f'version: "1"\nupdated: "a{char}b"\n', "t.yaml")
    assert (info.value.first.line, info.value.first.col) == (2, 12)
    assert name in info.value.first.message


def test_every_invisible_format_character_is_refused():
    """Every character of Unicode category Cf (and every control but tab, LF, CR) is in the
    loader's forbidden set, so none can reorder or hide what a card or a sheet shows."""
    import unicodedata

    from needleguide.core.text import FORBIDDEN

    allowed = [hex(c) for c in range(sys.maxunicode + 1)
               if unicodedata.category(chr(c)) in ("Cf", "Cc", "Cs") and c not in (9, 10, 13)
               and not FORBIDDEN.match(chr(c))]
    assert allowed == []


def test_a_leading_bom_is_still_fine():
    with pytest.raises(DataError) as info:
        load_bytes(b"\xef\xbb\xbfbogus: 1\n", "b.yaml")
    assert "unknown field 'bogus'" in str(info.value) and info.value.first.col == 1


def test_problems_stop_at_a_cap_with_a_located_note():
    text = "{" + ", ".join(f"k{i}: v" for i in range(loader.MAX_PROBLEMS * 3)) + "}"
    with pytest.raises(DataError) as info:
        load_text(text, "many.yaml")
    problems = info.value.problems
    assert len(problems) == loader.MAX_PROBLEMS + 1
    assert "stopped after" in problems[-1].message and problems[-1].col > 1


@pytest.mark.timeout(60)  # quadratic checking took minutes here; linear takes well under 1 s
def test_citing_thousands_of_sources_is_fast(minimal_text):
    """A list citing n sources was checked in O(n^2); unknown ids ran difflib over every id."""
    n = 20_000
    sources = "".join(f"  - {{id: S{i}, kind: rct, title: t, read: r, pmid: '{i}'}}\n"
                      for i in range(n))
    text = minimal_text.replace("sources:\n", "sources:\n" + sources, 1).replace(
        "sources: [BLOG1]", "sources: [" + ", ".join(f"S{i}" for i in range(n)) + "]", 1)
    text = text.replace("sources: [GUIDE1]", "sources: [" + ", ".join(
        f"X{i}" for i in range(200)) + "]", 1)
    with pytest.raises(DataError) as info:
        load_text(text, "refs.yaml")
    assert "unknown source 'X0' cited by" in str(info.value)

