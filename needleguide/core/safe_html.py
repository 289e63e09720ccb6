"""The one way text becomes HTML: data text reaches a page only through ``escape``.

``SafeHtml`` is a ``NewType`` of ``str``. Strict mypy lets a ``SafeHtml`` go wherever a ``str``
goes, but never a plain ``str`` where a ``SafeHtml`` is wanted. Every HTML builder (the card's
pages, tooltips, the printed sheets) takes its parts and returns its page as ``SafeHtml``, so
a data string handed to a builder unescaped is a type error, not a page that runs markup
(Qt renders ``<img src=file:...>`` in a label or a tooltip, and follows ``file:`` links).

Markup comes from four places only:

- ``escape(text)``: any text, from the data, the user's notes, a file name;
- ``literal("<hr/>")``: markup written as a constant in the code, never a variable;
- ``markup('<a href="region:{}">{}</a>', escape(id), escape(name))``: a constant template
  filled with safe parts or numbers (``str.format``, so ``{:.1f}`` works and CSS braces are
  doubled);
- ``join`` and ``concat``: safe parts put together.

``tests/core/test_safe_html.py`` checks the rest that a type cannot: ``literal`` and
``markup`` are only ever given a string written in the code, and nothing but this module
makes a ``SafeHtml`` directly.
"""

from __future__ import annotations

import html
from typing import Iterable, LiteralString, NewType

SafeHtml = NewType("SafeHtml", str)

EMPTY = SafeHtml("")


def escape(text: str) -> SafeHtml:
    """``text`` as HTML that shows it literally: ``<``, ``>``, ``&`` and both quotes are
    escaped, so it is safe as element content and inside a quoted attribute value."""
    return SafeHtml(html.escape(text, quote=True))


def literal(constant: LiteralString) -> SafeHtml:
    """Markup written as a constant in the code (``literal("<hr/>")``). Only for constants:
    anything that comes from data goes through ``escape`` or ``markup``."""
    return SafeHtml(constant)


def markup(template: LiteralString, *args: SafeHtml | int | float) -> SafeHtml:
    """A constant ``template`` with its ``{}`` fields filled (``str.format``) by safe parts
    or numbers: ``markup('<li>{}{}</li>', escape(text), refs)``."""
    return SafeHtml(template.format(*args))


def join(separator: SafeHtml, parts: Iterable[SafeHtml]) -> SafeHtml:
    """Safe parts with a safe separator between them (``str.join``)."""
    return SafeHtml(separator.join(parts))


def concat(*parts: SafeHtml) -> SafeHtml:
    """Safe parts one after another."""
    return SafeHtml("".join(parts))


def lines(text: str) -> SafeHtml:
    """Text of several lines as escaped HTML, each line break a ``<br/>``."""
    return SafeHtml(escape(text).replace("\n", "<br/>"))
