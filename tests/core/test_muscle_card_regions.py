"""The regions a muscle card names: each one text, each once, each a region of the file."""

from __future__ import annotations

import pytest

from needleguide.core.errors import DataError
from needleguide.core.loader import load_text
from tests.core.test_muscles import with_card


def problems(text: str) -> list[str]:
    with pytest.raises(DataError) as info:
        load_text(text, "m.yaml")
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize("item,kind", [("[a]", "list"), ("{a: b}", "mapping")])
def test_a_region_written_as_a_list_or_mapping_is_reported_not_dropped(minimal_text, item,
                                                                       kind):
    """It used to be dropped without a word, so the card silently lost a region."""
    line = f"    regions: [upper-test, {item}]"
    text = with_card(minimal_text).replace("    regions: [upper-test]", line, 1)
    number = text.splitlines().index(line) + 1
    assert problems(text) == [f"m.yaml:{number}:27: a region of muscle 'test-muscle' should be "
                              f"text, not a {kind}"]
