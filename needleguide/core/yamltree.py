"""Strict, bounded YAML reading: text in, a tree of located plain nodes out.

PyYAML's own loaders keep the last of two duplicate keys, expand aliases, construct objects from
tags and recurse (libyaml segfaults on very deep nesting). We read the *event* stream instead,
which is produced without recursion, and build the tree ourselves, so every limit is checked
before it can hurt: depth, node count, anchors/aliases, tags and duplicate keys. Every scalar
stays text; the schema decides what is a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Union

import yaml

from needleguide.core.errors import DataError, Problem
from needleguide.core.text import FORBIDDEN, describe_character

from yaml.parser import Parser as _ParserBase
from yaml.reader import Reader
from yaml.scanner import Scanner


class _PyParser(Reader, Scanner, _ParserBase):
    """PyYAML's pure-Python parser: slow, but it has no nesting limit of its own."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        _ParserBase.__init__(self)


try:  # libyaml's parser is much faster; fall back to pure Python where it is missing
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _Parser = _PyParser  # type: ignore[misc,assignment]


MAX_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 24
MAX_SCALAR_CHARS = 20_000
MAX_NODES = 1_500_000  # shipped ~5,400; the 100x benchmark file ~540,000
# After a libyaml error, the text before it is read again by the pure-Python parser (about 25x
# slower) when it is at most this long, so our own limits speak first whatever libyaml's own
# limits are (libyaml 0.2.6 stops deep flow nesting itself, before the events reach us).
RECHECK_CHARS = 1_000_000
@dataclass(frozen=True)
class Scalar:
    value: str
    line: int
    col: int
    plain: bool  # unquoted: an empty plain scalar, `~` or `null` means "no value"

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in ("", "~", "null", "Null", "NULL")


@dataclass(frozen=True)
class Seq:
    items: list["Node"]
    line: int
    col: int


@dataclass(frozen=True)
class Map:
    # key text -> (key scalar, value node); dicts keep document order
    entries: dict[str, tuple[Scalar, "Node"]] = field(default_factory=dict)
    line: int = 0
    col: int = 0


Node = Union[Scalar, Seq, Map]


class _LimitError(DataError):
    """A bound of ours (depth, count, length) was broken: reported whatever the parser says."""


def _fail(path: str, line: int, col: int, message: str) -> DataError:
    return DataError([Problem(path, line, col, message)])


def _limit(path: str, line: int, col: int, message: str) -> DataError:
    return _LimitError([Problem(path, line, col, message)])


def too_large(size: int) -> str:
    return (f"file is {size:,} bytes; reference data is at most {MAX_BYTES:,} bytes. "
            "Is this the right file?")


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 strictly, pointing at the first bad byte (``parse`` checks characters)."""
    if len(data) > MAX_BYTES:
        raise _fail(path, 1, 1, too_large(len(data)))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise _fail(path, line, col, f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); "
                                     "save the file as UTF-8") from None
    return text


def _check_characters(text: str, path: str) -> None:
    """Reject control and invisible format characters (``text.FORBIDDEN``) before YAML sees
    them, pointing at the first one."""
    bad = FORBIDDEN.search(text)
    if bad:
        index = bad.start()
        line = text.count("\n", 0, index) + 1
        col = index - (text.rfind("\n", 0, index) + 1) + 1
        raise _fail(path, line, col, f"{describe_character(bad.group())} is not allowed in "
                                     "data text; delete it")


def parse(text: str, path: str) -> Node:
    """Parse one YAML document into located nodes, or raise DataError."""
    if text.startswith("\ufeff"):
        text = text[1:]
    _check_characters(text, path)
    try:
        try:
            return _build(_Parser(text), path)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            if _Parser is not _PyParser and mark is not None and mark.index <= RECHECK_CHARS:
                _build_prefix(text[: mark.index], path)  # raises if our limit came first
            raise
    except DataError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        raise _fail(path, line, col, f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as exc:  # ReaderError and friends
        raise _fail(path, 1, 1, f"YAML error: {exc}") from None
    except (RecursionError, MemoryError):  # pragma: no cover - guarded by MAX_DEPTH
        raise _fail(path, 1, 1, "document is too deeply nested to be reference data") from None


def _build_prefix(prefix: str, path: str) -> None:
    """Raise our own DataError if the text before a libyaml error breaks one of our limits.

    The prefix usually ends mid-document, so any YAML error of its own is not news: the caller
    reports libyaml's error instead.
    """
    try:
        _build(_PyParser(prefix), path)
    except yaml.YAMLError:
        pass
    except _LimitError:
        raise
    except DataError:  # e.g. "the file is empty" of a prefix cut short
        pass
    except (RecursionError, MemoryError):  # pragma: no cover - guarded by MAX_DEPTH
        pass


def uses_libyaml() -> bool:
    """Whether files are parsed by libyaml (C) rather than PyYAML's Python parser, 20x slower."""
    return _Parser is not _PyParser


def _build(parser: "_Parser", path: str) -> Node:
    stack: list[tuple[Union[Seq, Map], list[Scalar]]] = []  # open collection, pending key
    root: Node | None = None
    documents = 0
    nodes = 0

    def attach(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent, pending = stack[-1]
        if isinstance(parent, Seq):
            parent.items.append(node)
        elif not pending:
            if not isinstance(node, Scalar):
                raise _fail(path, node.line, node.col,
                            "a mapping key must be plain text, not a list or mapping")
            if node.value in parent.entries:
                first = parent.entries[node.value][0]
                raise _fail(path, node.line, node.col,
                            f"duplicate key '{node.value}' (first at line {first.line}); "
                            "remove one of them")
            pending.append(node)
        else:
            key = pending.pop()
            parent.entries[key.value] = (key, node)

    while True:
        event = parser.get_event()
        if event is None:
            break
        mark = event.start_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if isinstance(event, yaml.AliasEvent):
            raise _fail(path, line, col, "aliases (*name) are not allowed in reference data; "
                                         "write the value out")
        if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if event.anchor is not None:
                raise _fail(path, line, col, f"anchors (&{event.anchor}) are not allowed in "
                                             "reference data; remove it")
            tag = event.tag
            if tag is not None and tag not in ("!", "tag:yaml.org,2002:str"):
                raise _fail(path, line, col, f"tags ({tag}) are not allowed in reference "
                                             "data; remove it")
            nodes += 1
            if nodes > MAX_NODES:
                raise _limit(path, line, col, "too many values to be reference data")
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _fail(path, line, col, "only one YAML document is allowed; remove '---'")
        elif isinstance(event, yaml.ScalarEvent):
            if len(event.value) > MAX_SCALAR_CHARS:
                raise _limit(path, line, col, f"text of {len(event.value):,} characters is "
                                             f"longer than the {MAX_SCALAR_CHARS:,} allowed")
            # a plain scalar has no style: None from PyYAML's parser, '' from libyaml's
            plain = not event.style and event.implicit[0]
            attach(Scalar(event.value, line, col, plain))
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if len(stack) >= MAX_DEPTH:
                raise _limit(path, line, col, f"nested more than {MAX_DEPTH} levels deep; "
                                             "reference data is much flatter")
            collection: Union[Seq, Map] = (Seq([], line, col)
                                           if isinstance(event, yaml.SequenceStartEvent)
                                           else Map({}, line, col))
            attach(collection)
            stack.append((collection, []))
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            stack.pop()
    if root is None:
        raise _fail(path, 1, 1, "the file is empty; it should be a mapping with "
                                "version, updated, sources, structures, conditions and regions")
    return root
