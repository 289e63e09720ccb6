"""The one HTML path (core.safe_html): data text becomes markup only escaped.

The type does most of the work (strict mypy: a plain str is not SafeHtml). What a type cannot
see is checked here on the package's source: markup from a constant is only ever made from a
string written in the code, and nothing else makes SafeHtml or escapes HTML its own way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from needleguide.core.safe_html import (EMPTY, concat, escape, join, lines, literal,
                                        markup)

PACKAGE = Path(__file__).resolve().parents[2] / "needleguide"
HOME = PACKAGE / "core" / "safe_html.py"


def test_escape_leaves_no_tag_and_no_way_out_of_a_quoted_attribute() -> None:
    text = "<img src=file:///etc/passwd> & \"double\" 'single'"
    assert escape(text) == ("&lt;img src=file:///etc/passwd&gt; &amp; &quot;double&quot; "
                            "&#x27;single&#x27;")


def test_markup_fills_a_constant_template_with_safe_parts_and_numbers() -> None:
    page = markup('<a href="region:{}" title="{:.1f}">{}</a>', escape('x" onclick="y'), 2.25,
                  escape("<b>"))
    assert page == '<a href="region:x&quot; onclick=&quot;y" title="2.2">&lt;b&gt;</a>'


def test_join_concat_and_lines_keep_the_parts_as_they_are() -> None:
    assert join(literal(", "), [escape("<a>"), literal("<b>c</b>")]) == "&lt;a&gt;, <b>c</b>"
    assert concat(escape("&"), EMPTY, literal("<hr/>")) == "&amp;<hr/>"
    assert lines("one <b>\ntwo") == "one &lt;b&gt;<br/>two"


def _calls() -> list[tuple[Path, ast.Call, str]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Call):
                func = node.func
                name = (func.id if isinstance(func, ast.Name) else
                        func.attr if isinstance(func, ast.Attribute) else "")
                found.append((path, node, name))
    return found


CALLS = _calls()


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(PACKAGE.parent)}:{getattr(node, 'lineno', 0)}"


@pytest.mark.parametrize("function", ["literal", "markup"])
def test_constant_markup_is_only_ever_a_string_written_in_the_code(function: str) -> None:
    """literal(x) or markup(x, ...) with x a variable or an f-string would let data text in
    as markup: the first argument must be a string constant."""
    bad = [_where(path, node) for path, node, name in CALLS if name == function
           and not (node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str))]
    assert not bad, f"{function}() given something other than a string constant at {bad}"
    assert any(name == function for _, _, name in CALLS)  # the check looks at real calls


def test_nothing_but_safe_html_makes_safe_html_or_escapes_html() -> None:
    """No cast to SafeHtml, no SafeHtml(...) and no html.escape outside core/safe_html.py:
    one escape function, no side door."""
    bad = [_where(path, node) for path, node, name in CALLS if path != HOME
           and (name == "SafeHtml" or (name == "cast" and "SafeHtml" in ast.unparse(node)))]
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == HOME:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import) and any(a.name == "html" for a in node.names):
                bad.append(_where(path, node))
            if isinstance(node, ast.ImportFrom) and node.module == "html":
                bad.append(_where(path, node))
    assert not bad, f"HTML made outside core.safe_html at {bad}"
