"""The clinical vocabulary (data/vocabulary.yaml): words people type that the data does not
use, leading to the entries that do; clinically distinct words that search must never confuse;
and topics the guide deliberately does not cover.

The vocabulary adds no clinical claim: a term only leads to entries whose text already says
``means``, and ``check`` verifies that against the data. Read with the same strict YAML reader
as the data (``yamltree``); every problem is ``FILE:LINE:COL: what is wrong``.
"""

from __future__ import annotations

import os
from typing import NamedTuple

from needleguide.core import yamltree
from needleguide.core.errors import DataError, Problem
from needleguide.core.fields import HitKind
from needleguide.core.model import ReferenceData
from needleguide.core.text import fold
from needleguide.core.yamltree import Map, Node, Scalar, Seq

TERM_KINDS = ("drug", "lay", "abbreviation", "synonym")
PAGE_KINDS = ("region", "structure", "condition", "muscle", "checklist")


class Term(NamedTuple):
    """Words (e.g. drug names) that lead to entries whose text says ``means``."""

    words: tuple[str, ...]
    means: str
    kind: str
    entries: tuple[tuple[str, str], ...]  # (page kind, id); checklist ids are section ids
    also: tuple[str, ...] = ()  # other forms of ``means`` the data uses ("anticoagulated")

    @property
    def meanings(self) -> tuple[str, ...]:
        return (self.means, *self.also)


class NotCovered(NamedTuple):
    """A topic the guide deliberately leaves out (data/OPEN-ITEMS.md)."""

    topic: str
    words: tuple[str, ...]


class Vocabulary(NamedTuple):
    terms: tuple[Term, ...] = ()
    distinct: tuple[tuple[str, str], ...] = ()
    not_covered: tuple[NotCovered, ...] = ()
    path: str = ""


def load_vocabulary(path: str | os.PathLike[str],
                    data: ReferenceData | None = None) -> Vocabulary:
    """Read and validate the vocabulary; with ``data``, also check it against the data."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            raw = handle.read(yamltree.MAX_BYTES + 1)
    except OSError as exc:
        raise DataError([Problem(name, 1, 1, f"cannot read the file: {exc.strerror or exc}")])\
            from None
    try:
        root = yamltree.parse(yamltree.decode(raw, name), name)
        return _Reader(name, data).document(root)
    except DataError:
        raise
    except Exception as exc:  # a bug of ours must still reach the user as a located error
        raise DataError([Problem(name, 1, 1, f"could not read the vocabulary "
                                             f"({type(exc).__name__}: {exc}); please report "
                                             "this")]) from exc


def _phrase_in(phrase: str, text: str) -> bool:
    """Whether the folded phrase occurs in the text as whole words."""
    return f" {phrase} " in f" {fold(text)} "


class _Reader:
    def __init__(self, path: str, data: ReferenceData | None) -> None:
        self.path = path
        self.data = data
        self.problems: list[Problem] = []
        self.seen_words: dict[str, Scalar] = {}
        self._texts: dict[tuple[str, str], list[str]] | None = None
        self._said: dict[str, str] | None = None

    def problem(self, node: Node, message: str) -> None:
        self.problems.append(Problem(self.path, node.line, node.col, message))

    def fields(self, node: Node, what: str, required: tuple[str, ...],
               optional: tuple[str, ...] = ()) -> dict[str, Node]:
        if not isinstance(node, Map):
            self.problem(node, f"{what} should be a mapping of fields "
                               f"({', '.join(required + optional)})")
            return {}
        out: dict[str, Node] = {}
        for key, (key_node, value) in node.entries.items():
            if key not in required + optional:
                self.problem(key_node, f"unknown field '{key}' in {what}; allowed: "
                                       f"{', '.join(required + optional)}")
            else:
                out[key] = value
        for key in required:
            if key not in out:
                self.problem(node, f"{what} is missing the required field '{key}'")
        return out

    def text(self, node: Node | None, what: str) -> str:
        if node is None:
            return ""
        if not isinstance(node, Scalar):
            self.problem(node, f"{what} should be text")
            return ""
        value = " ".join(node.value.split())
        if node.is_null or not value:
            self.problem(node, f"{what} is empty")
            return ""
        if not fold(value):
            self.problem(node, f"{what} '{value}' has no letters or digits to search for")
            return ""
        return value

    def seq(self, node: Node | None, what: str) -> list[Node]:
        if node is None:
            return []
        if not isinstance(node, Seq) or not node.items:
            self.problem(node, f"{what} should be a non-empty list (items starting with '- ')")
            return []
        return node.items

    def words(self, node: Node | None, what: str) -> tuple[str, ...]:
        out = []
        for item in self.seq(node, what):
            word = self.text(item, f"a word of {what}")
            if not word:
                continue
            key = fold(word)
            if key in self.seen_words:
                self.problem(item, f"'{word}' is listed twice in the vocabulary (first at line "
                                   f"{self.seen_words[key].line}); keep one")
                continue
            assert isinstance(item, Scalar)
            self.seen_words[key] = item
            out.append(word)
        return tuple(out)

    # -- document ----------------------------------------------------------------------------
    def document(self, root: Node) -> Vocabulary:
        top = self.fields(root, "the vocabulary", ("terms",), ("distinct", "not_covered"))
        distinct = tuple(p for p in (self.pair(n) for n in self.seq(top.get("distinct"),
                                                                    "distinct")) if p)
        terms = tuple(t for t in (self.term(n, distinct) for n in self.seq(top.get("terms"),
                                                                           "terms")) if t)
        not_covered = tuple(t for t in (self.not_covered(n) for n in
                                        self.seq(top.get("not_covered"), "not_covered")) if t)
        if self.problems:
            raise DataError(self.problems)
        return Vocabulary(terms, distinct, not_covered, self.path)

    def pair(self, node: Node) -> tuple[str, str] | None:
        items = self.seq(node, "a distinct pair")
        if len(items) != 2:
            if items:
                self.problem(node, "a distinct pair lists exactly two words, e.g. "
                                   "[median, medial]")
            return None
        first, second = (self.text(n, "a word of a distinct pair") for n in items)
        if first and second and fold(first) == fold(second):
            self.problem(node, f"'{first}' and '{second}' are the same word to search")
            return None
        return (first, second) if first and second else None

    def term(self, node: Node, distinct: tuple[tuple[str, str], ...]) -> Term | None:
        f = self.fields(node, "a term", ("words", "means", "kind", "entries"), ("also",))
        words = self.words(f.get("words"), "a term")
        means = self.text(f.get("means"), "means of a term")
        also = tuple(t for t in (self.text(n, "a word of also") for n in
                                 self.seq(f.get("also"), "also of a term")) if t)
        kind = self.text(f.get("kind"), "kind of a term")
        if kind and kind not in TERM_KINDS:
            self.problem(f["kind"], f"kind of a term must be one of {', '.join(TERM_KINDS)}; "
                                    f"not '{kind}'")
        entries = []
        for item in self.seq(f.get("entries"), "entries of a term"):
            ref = self.entry(item, means)
            if ref is not None:
                entries.append(ref)
        for meaning in (means, *also) if means else ():
            self.honours_distinct(f, words, meaning, distinct)
        if also and self.data is not None and entries:
            texts = [t for ref in entries for t in self.entry_texts().get(ref, [])]
            for item, meaning in zip(self.seq(f.get("also"), ""), also):
                if not any(_phrase_in(fold(meaning), t) for t in texts):
                    self.problem(item, f"no entry of this term says '{meaning}'")
        if not (words and means and kind in TERM_KINDS and entries):
            return None
        return Term(words, means, kind, tuple(entries), also)

    def honours_distinct(self, f: dict[str, Node], words: tuple[str, ...], means: str,
                         distinct: tuple[tuple[str, str], ...]) -> None:
        meant = set(fold(means).split())
        for word in words:
            for a, b in distinct:
                for one, other in ((a, b), (b, a)):
                    if set(fold(one).split()) & set(fold(word).split()) \
                            and set(fold(other).split()) <= meant \
                            and not set(fold(one).split()) <= meant:
                        self.problem(f.get("means") or f["words"],
                                     f"'{word}' leads to '{means}', but the "
                                                 f"vocabulary marks '{one}' and '{other}' as "
                                                 "distinct")

    def entry(self, node: Node, means: str) -> tuple[str, str] | None:
        ref = self.text(node, "an entry of a term")
        if not ref:
            return None
        kind, _, ident = ref.partition(":")
        if kind not in PAGE_KINDS or not ident:
            self.problem(node, f"entry '{ref}' should be KIND:ID with KIND one of "
                               f"{', '.join(PAGE_KINDS)}, e.g. checklist:screening")
            return None
        if self.data is not None:
            texts = self.entry_texts().get((kind, ident))
            if texts is None:
                self.problem(node, f"entry '{ref}' is not in the data file {self.data.path}")
                return None
            if means and not any(_phrase_in(fold(means), t) for t in texts):
                self.problem(node, f"entry '{ref}' never says '{means}'; a term may only lead "
                                   "to entries whose text says what it means")
        return kind, ident

    def entry_texts(self) -> dict[tuple[str, str], list[str]]:
        """The texts of every entry a term may point to, by (kind, id)."""
        if self._texts is None:
            from needleguide.core.fields import data_fields

            assert self.data is not None
            texts: dict[tuple[str, str], list[str]] = {}
            for field in data_fields(self.data):
                if field.kind is HitKind.SOURCE:
                    continue
                kind, ident = field.page
                if kind == "checklist":  # section-ID or item-ID-N: the section's id
                    ident = (field.anchor.removeprefix("section-")
                             if field.anchor.startswith("section-")
                             else field.anchor.removeprefix("item-").rsplit("-", 1)[0])
                texts.setdefault((kind, ident), []).append(field.text)
            self._texts = texts
        return self._texts

    def not_covered(self, node: Node) -> NotCovered | None:
        f = self.fields(node, "a not-covered topic", ("topic", "words"))
        topic = self.text(f.get("topic"), "topic of a not-covered entry")
        words = self.words(f.get("words"), f"not-covered topic '{topic}'")
        if self.data is not None:
            for item in self.seq(f.get("words"), "") if words else []:
                if isinstance(item, Scalar) and item.value.strip() in words:
                    where = self.said_in_data(item.value)
                    if where:
                        self.problem(item, f"'{item.value}' is listed as not covered, but the "
                                           f"data says it ({where}); cover it or drop it "
                                           "here, so the two agree")
        return NotCovered(topic, words) if topic and words else None

    def said_in_data(self, word: str) -> str:
        """Where the data says ``word`` (a field's kind and place), or ''."""
        if self._said is None:
            from needleguide.core.fields import data_fields

            assert self.data is not None
            said: dict[str, str] = {}  # folded text -> where, each distinct text once
            for field in data_fields(self.data):
                if field.kind is not HitKind.SOURCE:
                    said.setdefault(f" {fold(field.text)} ",
                                    f"{field.kind} in {field.where or field.label}")
            self._said = said
        phrase = f" {fold(word)} "
        return next((where for text, where in self._said.items() if phrase in text), "")
