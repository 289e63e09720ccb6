"""`~`, `null` or nothing after a field means "no value" (YAML's plain nulls), whichever
parser reads the file: a required text is reported empty and a source list cites nothing,
never loaded as the text "~" or "null".

libyaml (the parser that runs) marks a plain scalar with style '' where PyYAML's pure-Python
parser says None; only None was taken as plain, so with libyaml `title: ~` loaded as "~".
"""

from __future__ import annotations

import pytest

from needleguide.core import yamltree
from needleguide.core.errors import DataError
from needleguide.core.loader import load_text


def problems(text: str) -> list[str]:
    with pytest.raises(DataError) as info:
        load_text(text, "f.yaml")
    return [str(p) for p in info.value.problems]


def line_of(text: str, needle: str) -> int:
    return text.splitlines().index(needle) + 1


@pytest.mark.parametrize("null", ["~", "null", "Null", "NULL"])
def test_a_null_title_is_an_empty_title_not_the_word(minimal_text, null):
    text = minimal_text.replace("    title: A clinic blog post", f"    title: {null}")
    found = problems(text)
    line = line_of(text, f"    title: {null}")
    assert found[0] == (f"f.yaml:{line}:12: title of source 'BLOG1' is empty; write the text "
                        "or remove the field")


@pytest.mark.parametrize("quoted", ["'~'", '"null"'])
def test_a_quoted_null_is_text(minimal_text, quoted):
    text = minimal_text.replace("    title: A clinic blog post", f"    title: {quoted}")
    assert load_text(text).sources["BLOG1"].title == quoted[1:-1]


@pytest.mark.parametrize("null", ["", " ~", " null"])
def test_a_source_list_with_no_value_cites_no_source(minimal_text, null):
    text = minimal_text.replace("        text: An info note.\n        sources: [BLOG1]",
                                f"        text: An info note.\n        sources:{null}")
    line = line_of(text, f"        sources:{null}")
    assert problems(text) == [
        f"f.yaml:{line}:{17 if not null else 18}: a caution in region 'upper-test' cites no "
        "source; every fact needs at least one source id, e.g. sources: [BRADY2014]"]


@pytest.mark.parametrize("parser", ["the default", "the pure-Python one"])
def test_both_parsers_agree_on_what_is_plain(monkeypatch, parser):
    """libyaml's parser runs when PyYAML has it; the pure-Python one re-reads the text before
    a libyaml error. Both mark the same scalars as plain (unquoted, untagged)."""
    if parser != "the default":
        monkeypatch.setattr(yamltree, "_Parser", yamltree._PyParser)
    root = yamltree.parse("a:\nb: ~\nc: '~'\nd: \"\"\ne: x\nf: |\n  y\n", "f.yaml")
    assert isinstance(root, yamltree.Map)
    plain = {k: v.plain for k, (_, v) in root.entries.items()
             if isinstance(v, yamltree.Scalar)}
    assert plain == {"a": True, "b": True, "c": False, "d": False, "e": True, "f": False}
