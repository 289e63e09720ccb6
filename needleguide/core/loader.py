"""Read and validate data/regions.yaml into ReferenceData, or raise one DataError.

Every problem is located (``FILE:LINE:COL: what is wrong``) and as many as possible are
collected in one pass, so an editor can fix a file in one round. No other exception escapes.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import gc
import os
import re
from enum import Enum
from typing import Callable, TypeVar

from needleguide.core import yamltree
from needleguide.core.errors import DataError, Problem
from needleguide.core.ids import ID
from needleguide.core.figures import figures
from needleguide.core.safe_io import FileTooLargeError, describe_error, read_regular
from needleguide.core.model import (Approach, Caution, Condition, Correction, Distance,
                                    EvidenceKind, Level, Muscle, MuscleCard, MuscleRelation,
                                    Position, ReferenceData, Region, RegionCondition,
                                    SafetyItem, SafetySection, Sample, Source, Structure,
                                    StructureAtRisk, StructureKind, View)
from needleguide.core.yamltree import Map, Node, Scalar, Seq

SLUG = ID  # core.ids: the one id pattern
SOURCE_ID = re.compile(r"^[A-Z0-9]+(-[A-Z0-9]+)*$")
E = TypeVar("E", bound=Enum)
T = TypeVar("T")
MAX_PROBLEMS = 100  # a hostile file could have 100,000s; nobody fixes more than this in a round
MAX_HINT_CHOICES = 500  # difflib is slow: no "did you mean" against a huge list


def load(path: str | os.PathLike[str]) -> ReferenceData:
    """Load and validate the data file at ``path``."""
    name = os.fspath(path)
    return load_bytes(read_data_file(name), name)


def read_data_file(name: str) -> bytes:
    """The bytes of a data file, or a located DataError: only a regular file is read, never
    more than ``yamltree.MAX_BYTES`` (a FIFO or a device would hang or flood memory)."""
    try:
        return read_regular(name, yamltree.MAX_BYTES)
    except FileTooLargeError as exc:
        raise DataError([Problem(name, 1, 1, yamltree.too_large(exc.size))]) from None
    except OSError as exc:
        raise DataError([Problem(name, 1, 1, f"cannot read the file: {describe_error(exc)}")])\
            from None


def load_bytes(data: bytes, path: str = "<data>") -> ReferenceData:
    try:
        return load_text(yamltree.decode(data, path), path)
    except DataError:
        raise
    except Exception as exc:  # a bug of ours must still reach the user as a located error
        raise DataError([Problem(path, 1, 1, f"could not read the data ({type(exc).__name__}: "
                                             f"{exc}); please report this")]) from exc


def load_text(text: str, path: str = "<data>") -> ReferenceData:
    # The load makes millions of objects and frees almost none of them until it ends: the
    # cyclic collector would rescan them over and over (45 % of the time at 100x, and the
    # reason load time grew faster than the file). Off for the load, as it was before.
    collecting = gc.isenabled()
    gc.disable()
    try:
        root = yamltree.parse(text, path)
        return _Checker(path).document(root)
    except DataError:
        raise
    except Exception as exc:
        raise DataError([Problem(path, 1, 1, f"could not read the data ({type(exc).__name__}: "
                                             f"{exc}); please report this")]) from exc
    finally:
        if collecting:
            gc.enable()


def _close_match(word: str, choices: list[str]) -> str | None:
    if len(choices) > MAX_HINT_CHOICES:
        return None
    # n only caps how many matches come back, best first: any n gives the same hint[0]
    hint = difflib.get_close_matches(word, choices, n=1)  # pragma: no mutate
    return hint[0] if hint else None


def _kinds(enum: type[Enum]) -> str:
    return ", ".join(str(m.value) for m in enum)


class _Checker:
    """Walks the node tree once, building dataclasses and collecting located problems.

    A builder returns None for an entry it found a problem in. Where the value goes only into
    the tuple being built (a caution, an approach...), that None is not observable: the
    problem is reported, so ``document`` raises and the tuple is never returned. Mutants of
    those guards are equivalent and marked ``pragma: no mutate`` with a pointer here.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.sources: dict[str, Source] = {}
        self.structures: dict[str, Structure] = {}
        self.conditions: dict[str, Condition] = {}
        self.cited: set[str] = set()
        self.seen: dict[str, dict[str, Scalar]] = {}
        self.region_locations: dict[str, tuple[int, int]] = {}
        self.muscle_cards: dict[str, MuscleCard] = {}
        # (region id, node naming it) for each muscle card, checked once regions are known
        self.muscle_regions: list[tuple[str, str, Scalar]] = []
        self.region_structures: dict[str, set[str]] = {}
        self.muscle_links: list[tuple[str, str, Node]] = []  # (muscle id, region id, node)

    # -- primitives ------------------------------------------------------------------------
    def problem(self, node: Node, message: str) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.problems.append(Problem(self.path, node.line, node.col,
                                         f"stopped after {MAX_PROBLEMS} problems; fix these "
                                         "and check again"))
            raise DataError(self.problems)
        self.problems.append(Problem(self.path, node.line, node.col, message))

    def fields(self, node: Node, what: str, required: tuple[str, ...],
               optional: tuple[str, ...] = ()) -> dict[str, Node] | None:
        if not isinstance(node, Map):
            self.problem(node, f"{what} should be a mapping of fields "
                               f"({', '.join(required + optional)})")
            return None
        allowed = required + optional
        out: dict[str, Node] = {}
        for key, (key_node, value) in node.entries.items():
            if key not in allowed:
                hint = _close_match(key, list(allowed))
                fix = f"did you mean '{hint}'?" if hint else f"allowed: {', '.join(allowed)}"
                self.problem(key_node, f"unknown field '{key}' in {what}; {fix}")
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
            self.problem(node, f"{what} should be text, not a "
                               f"{'list' if isinstance(node, Seq) else 'mapping'}")
            return ""
        if node.is_null or not node.value.strip():
            self.problem(node, f"{what} is empty; write the text or remove the field")
            return ""
        return " ".join(node.value.split())

    def ident(self, node: Node | None, what: str, pattern: re.Pattern[str], style: str) -> str:
        value = self.text(node, what)
        if value and node is not None and not pattern.match(value):
            self.problem(node, f"{what} '{value}' is not a valid id; use {style}")
            return ""
        return value

    def integer(self, node: Node | None, what: str, low: int, high: int) -> int | None:
        value = self.text(node, what)
        if not value or node is None:
            return None
        if not re.fullmatch(r"[0-9]{1,9}", value) or not low <= int(value) <= high:
            self.problem(node, f"{what} should be a whole number from {low} to {high}, "
                               f"not '{value}'")
            return None
        return int(value)

    def choice(self, node: Node | None, what: str, enum: type[E]) -> E | None:
        value = self.text(node, what)
        if not value or node is None:
            return None
        try:
            return enum(value)
        except ValueError:
            self.problem(node, f"{what} must be one of {_kinds(enum)}; not '{value}'")
            return None

    def items(self, node: Node | None, what: str, build: Callable[[Node], T | None],
              allow_empty: bool = False) -> tuple[T, ...]:
        if node is None:
            return ()
        if not isinstance(node, Seq):
            self.problem(node, f"{what} should be a list (items starting with '- ')")
            return ()
        if not node.items and not allow_empty:
            self.problem(node, f"{what} needs at least one item")
        built = (build(item) for item in node.items)
        return tuple(b for b in built if b is not None)

    def text_list(self, node: Node | None, what: str) -> tuple[str, ...]:
        return self.items(node, what, lambda n: self.text(n, f"each of {what}") or None,
                          allow_empty=True)

    def source_refs(self, node: Node | None, what: str) -> tuple[str, ...]:
        if node is None:
            return ()
        if isinstance(node, Scalar) and not node.is_null:
            self.problem(node, f"sources of {what} should be a list, e.g. [{node.value}]")
            return ()
        if not isinstance(node, Seq) or not node.items:
            self.problem(node, f"{what} cites no source; every fact needs at least one "
                               "source id, e.g. sources: [BRADY2014]")
            return ()
        refs: dict[str, None] = {}  # ordered, and a fast `in` when a list cites thousands
        for item in node.items:
            sid = self.text(item, f"a source id of {what}")
            if not sid:
                continue
            if sid not in self.sources:
                if not self.defined_but_invalid("source", sid):
                    hint = _close_match(sid, list(self.sources))
                    fix = f"did you mean '{hint}'?" if hint else "add it to sources first"
                    self.problem(item, f"unknown source '{sid}' cited by {what}; {fix}")
                continue
            if sid in refs:
                self.problem(item, f"source '{sid}' is cited twice by {what}")
                continue
            refs[sid] = None
            self.cited.add(sid)
        return tuple(refs)

    def defined_but_invalid(self, what: str, ref: str) -> bool:
        """Whether ``ref`` names a ``what`` the file defines but that did not load: its own
        problems are reported, so a place citing it adds none (it is not unknown)."""
        return ref in self.seen.get(what, {})

    def unique(self, value: str, node: Node | None, what: str) -> bool:
        """Record an id; report it if it was used before in the same list."""
        if not value or not isinstance(node, Scalar):
            return False
        seen = self.seen.setdefault(what, {})
        if value in seen:
            self.problem(node, f"duplicate {what} id '{value}' (first at line "
                               f"{seen[value].line}); ids must be unique")
            return False
        seen[value] = node
        return True

    # -- document --------------------------------------------------------------------------
    def document(self, root: Node) -> ReferenceData:
        top = self.fields(root, "the data file",
                          ("version", "updated", "sources", "structures", "conditions",
                           "regions"), ("safety", "after_events", "muscles"))
        if top is None:
            raise DataError(self.problems)
        version = self.text(top.get("version"), "version")
        updated = self.date(top.get("updated"))
        # Sources, structures and conditions first, wherever they stand in the file:
        # the regions refer to them.
        self.items(top.get("sources"), "sources", self.source)
        self.items(top.get("structures"), "structures", self.structure)
        self.items(top.get("conditions"), "conditions", self.condition)
        # Muscle cards before regions (a region's muscle links to its card); the regions a
        # card names are checked once every region is known.
        muscles = self.items(top.get("muscles"), "muscles", self.muscle_card,
                             allow_empty=True)
        regions = self.items(top.get("regions"), "regions", self.region)
        self.muscle_card_links()
        safety = self.items(top.get("safety"), "safety", self.safety_section,
                            allow_empty=True)
        after_events = self.items(top.get("after_events"), "after_events",
                                  lambda n: self.safety_section(n, "after-event"),
                                  allow_empty=True)
        self.uncited(top.get("sources"))
        self.unambiguous_synonyms(top)
        if self.problems:
            raise DataError(self.problems)
        assert updated is not None
        return ReferenceData(version, updated, dict(self.sources), dict(self.structures),
                             dict(self.conditions), regions, safety, self.path,
                             self.region_locations, after_events, muscles)

    def date(self, node: Node | None) -> _dt.date | None:
        value = self.text(node, "updated")
        if not value or node is None:
            return None
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError
            return _dt.date.fromisoformat(value)
        except ValueError:
            self.problem(node, f"updated should be a real date written YYYY-MM-DD, "
                               f"not '{value}'")
            return None

    def uncited(self, node: Node | None) -> None:
        if not isinstance(node, Seq):
            return
        for item in node.items:
            if isinstance(item, Map) and "id" in item.entries:
                key, value = item.entries["id"]
                if isinstance(value, Scalar) and value.value in self.sources \
                        and value.value not in self.cited:
                    self.problem(value, f"source '{value.value}' is never cited; cite it from "
                                        "a fact or remove it")

    # -- sections --------------------------------------------------------------------------
    def source(self, node: Node) -> Source | None:
        f = self.fields(node, "a source", ("id", "kind", "title"),
                        ("authors", "published", "year", "doi", "pmid", "url", "read", "note"))
        if f is None:
            return None
        sid = self.ident(f.get("id"), "source id", SOURCE_ID,
                         "the brief's tag in capitals, e.g. BRADY2014")
        what = f"source '{sid}'"
        kind = self.choice(f.get("kind"), f"evidence kind of {what}", EvidenceKind)
        title = self.text(f.get("title"), f"title of {what}")
        opt = {k: self.text(f.get(k), f"{k} of {what}")
               for k in ("authors", "published", "doi", "pmid", "url", "read", "note")}
        year = self.integer(f.get("year"), f"year of {what}", 1800, 2100)
        if "read" not in f:
            self.problem(node, f"{what} does not say what of it was read; add read: (e.g. "
                               "read: abstract)")
        if not any(k in f for k in ("url", "doi", "pmid")):
            self.problem(node, f"{what} has no address of the copy read; add url:, doi: or "
                               "pmid:")
        if not self.unique(sid, f.get("id"), "source") or kind is None or not title:
            return None
        source = Source(sid, kind, title, year=year, **opt)
        self.sources[sid] = source
        return source

    def structure(self, node: Node) -> Structure | None:
        f = self.fields(node, "a structure", ("id", "name", "kind"), ("synonyms",))
        if f is None:
            return None
        sid = self.ident(f.get("id"), "structure id", SLUG, "lower case with hyphens")
        name = self.text(f.get("name"), f"name of structure '{sid}'")
        kind = self.choice(f.get("kind"), f"kind of structure '{sid}'", StructureKind)
        synonyms = self.text_list(f.get("synonyms"), f"synonyms of structure '{sid}'")
        if not self.unique(sid, f.get("id"), "structure") or not name or kind is None:
            return None
        self.structures[sid] = Structure(sid, name, kind, synonyms)
        return self.structures[sid]

    def condition(self, node: Node) -> Condition | None:
        f = self.fields(node, "a condition", ("id", "name"), ("synonyms",))
        if f is None:
            return None
        cid = self.ident(f.get("id"), "condition id", SLUG, "lower case with hyphens")
        name = self.text(f.get("name"), f"name of condition '{cid}'")
        synonyms = self.text_list(f.get("synonyms"), f"synonyms of condition '{cid}'")
        if not self.unique(cid, f.get("id"), "condition") or not name:
            return None
        self.conditions[cid] = Condition(cid, name, synonyms)
        return self.conditions[cid]

    def region(self, node: Node) -> Region | None:
        f = self.fields(node, "a region", ("id", "name", "view", "muscles", "structures",
                                           "conditions", "cautions"),
                        ("synonyms", "summary", "corrections", "distances"))
        if f is None:
            return None
        rid = self.ident(f.get("id"), "region id", SLUG, "lower case with hyphens, "
                                                         "e.g. upper-back")
        where = f"region '{rid}'"
        name = self.text(f.get("name"), f"name of {where}")
        view = self.choice(f.get("view"), f"view of {where}", View)
        synonyms = self.text_list(f.get("synonyms"), f"synonyms of {where}")
        summary = self.text(f.get("summary"), f"summary of {where}")
        muscles = self.items(f.get("muscles"), f"muscles of {where}",
                             lambda n: self.muscle(n, where, rid))
        structures = self.items(f.get("structures"), f"structures of {where}",
                                lambda n: self.at_risk(n, where))
        conditions = self.items(f.get("conditions"), f"conditions of {where}",
                                lambda n: self.region_condition(n, where))
        cautions = self.items(f.get("cautions"), f"cautions of {where}",
                              lambda n: self.caution(n, where))
        corrections = self.items(f.get("corrections"), f"corrections of {where}",
                                 lambda n: self.correction(n, where), allow_empty=True)
        distances = self.items(f.get("distances"), f"distances of {where}",
                               lambda n: self.distance(n, where), allow_empty=True)
        self.no_repeats(f.get("structures"), "structure", where)
        self.no_repeats(f.get("conditions"), "condition", where)
        if not self.unique(rid, f.get("id"), "region") or not name or view is None:
            return None
        id_node = f["id"]
        self.region_locations[rid] = (id_node.line, id_node.col)
        self.region_structures[rid] = {s.structure.id for s in structures}
        return Region(rid, name, view, muscles, structures, conditions, cautions, synonyms,
                      summary, corrections, distances)

    def no_repeats(self, node: Node | None, key: str, where: str) -> None:
        if not isinstance(node, Seq):
            return
        seen: set[str] = set()
        for item in node.items:
            if isinstance(item, Map) and key in item.entries:
                ref = item.entries[key][1]
                if isinstance(ref, Scalar):
                    if ref.value in seen:
                        self.problem(ref, f"{key} '{ref.value}' is listed twice in {where}; "
                                          "merge the two entries")
                    seen.add(ref.value)

    # -- region items ----------------------------------------------------------------------
    def muscle(self, node: Node, where: str, region_id: str) -> Muscle | None:
        f = self.fields(node, f"a muscle of {where}", ("name", "sources"), ("note", "muscle"))
        if f is None:
            return None
        name = self.text(f.get("name"), f"muscle name in {where}")
        what = f"muscle '{name}' in {where}"
        note = self.text(f.get("note"), f"note of {what}")
        sources = self.source_refs(f.get("sources"), what)
        card = self.text(f.get("muscle"), f"muscle card id of {what}")
        if card and card not in self.muscle_cards:
            if not self.defined_but_invalid("muscle", card):
                hint = _close_match(card, list(self.muscle_cards))
                fix = f"did you mean '{hint}'?" if hint else "define it under muscles: first"
                self.problem(f["muscle"], f"unknown muscle card '{card}' linked from {what}; "
                                          f"{fix}")
            card = ""  # pragma: no mutate (see _Checker)
        elif card:
            self.muscle_links.append((card, region_id, f["muscle"]))
        if not (name and sources):  # pragma: no mutate (see _Checker)
            return None
        return Muscle(name, sources, note, card)

    # -- muscle cards (issue 15) -----------------------------------------------------------
    def muscle_card(self, node: Node) -> MuscleCard | None:
        f = self.fields(node, "a muscle card", ("id", "name", "regions", "relations"),
                        ("synonyms", "summary", "distances", "approaches", "cautions"))
        if f is None:
            return None
        mid = self.ident(f.get("id"), "muscle id", SLUG, "lower case with hyphens, "
                                                         "e.g. upper-trapezius")
        where = f"muscle '{mid}'"
        name = self.text(f.get("name"), f"name of {where}")
        synonyms = self.text_list(f.get("synonyms"), f"synonyms of {where}")
        summary = self.text(f.get("summary"), f"summary of {where}")
        # text() first: it reports an item that is not text (a list or a mapping)
        region_nodes = self.items(f.get("regions"), f"regions of {where}",
                                  lambda n: n if self.text(n, f"a region of {where}")
                                  and isinstance(n, Scalar) else None)
        regions: list[str] = []
        for region_node in region_nodes:
            rid = " ".join(region_node.value.split())
            if rid in regions:
                self.problem(region_node, f"region '{rid}' is listed twice in {where}")
                continue
            regions.append(rid)
            self.muscle_regions.append((mid, rid, region_node))
        relations = self.items(f.get("relations"), f"relations of {where}",
                               lambda n: self.relation(n, where))
        if "relations" in f and relations and all(r.structure is None for r in relations):
            self.problem(f["relations"], f"{where} links no structure at risk; a muscle card "
                                         "needs at least one read source for a structure at "
                                         "risk (else list the muscle in OPEN-ITEMS.md as not "
                                         "covered)")
        distances = self.items(f.get("distances"), f"distances of {where}",
                               lambda n: self.distance(n, where), allow_empty=True)
        approaches = self.items(f.get("approaches"), f"approaches of {where}",
                                lambda n: self.approach(n, where), allow_empty=True)
        cautions = self.items(f.get("cautions"), f"cautions of {where}",
                              lambda n: self.caution(n, where), allow_empty=True)
        if not self.unique(mid, f.get("id"), "muscle") or not name or not regions:
            return None
        card = MuscleCard(mid, name, tuple(regions), relations, synonyms, summary, distances,
                          approaches, cautions)
        self.muscle_cards[mid] = card
        return card

    def relation(self, node: Node, where: str) -> MuscleRelation | None:
        f = self.fields(node, f"a relation of {where}", ("position", "text", "sources"),
                        ("structure",))
        if f is None:
            return None
        position = self.choice(f.get("position"), f"position of a relation of {where}",
                               Position)
        ref = self.text(f.get("structure"), f"structure id in {where}")
        structure = self.lookup(f.get("structure"), ref, self.structures, "structure")
        text = self.text(f.get("text"), f"text of a relation of {where}")
        sources = self.source_refs(f.get("sources"), f"a relation of {where}")
        if position is None or not text or not sources or (ref and structure is None):
            return None
        return MuscleRelation(position, text, sources, structure)

    def approach(self, node: Node, where: str) -> Approach | None:
        f = self.fields(node, f"an approach of {where}", ("target", "sources"),
                        ("position", "direction"))
        if f is None:
            return None
        target = self.text(f.get("target"), f"target of an approach of {where}")
        position = self.text(f.get("position"), f"position of an approach of {where}")
        direction = self.text(f.get("direction"), f"direction of an approach of {where}")
        sources = self.source_refs(f.get("sources"), f"an approach of {where}")
        if not target or not sources:  # pragma: no mutate (see _Checker)
            return None
        return Approach(target, sources, position, direction)

    def muscle_card_links(self) -> None:
        """A card's regions exist; its linked structures are at risk in one of them; a region
        links only to a card that names that region."""
        for mid, card in self.muscle_cards.items():
            if mid in self.region_locations:  # notes are keyed by region or muscle id
                self.problem(self.muscle_node(mid), f"muscle id '{mid}' is also a region id; "
                                                    "give the muscle card another id")
        for mid, rid, node in self.muscle_regions:
            if rid not in self.region_locations and not self.defined_but_invalid("region", rid):
                hint = _close_match(rid, list(self.region_locations))
                fix = f"did you mean '{hint}'?" if hint else "define it under regions: first"
                self.problem(node, f"unknown region '{rid}' in muscle '{mid}'; {fix}")
        for card in self.muscle_cards.values():
            if any(r not in self.region_locations for r in card.regions):
                continue  # a region it names is unknown or did not load: reported above
            at_risk = set().union(*(self.region_structures.get(r, set())
                                    for r in card.regions))
            for structure in card.at_risk:
                if structure.id not in at_risk:
                    self.problem(self.muscle_node(card.id), f"muscle '{card.id}' links "
                                 f"structure '{structure.id}', which none of its regions "
                                 f"({', '.join(card.regions)}) lists as at risk; add it to "
                                 "the region first")
        for mid, rid, link in self.muscle_links:
            linked = self.muscle_cards.get(mid)
            if linked is not None and rid not in linked.regions:
                self.problem(link, f"region '{rid}' links muscle card '{mid}', whose regions "
                                   f"({', '.join(linked.regions)}) do not include it")

    def muscle_node(self, mid: str) -> Node:
        return self.seen.get("muscle", {})[mid]

    def at_risk(self, node: Node, where: str) -> StructureAtRisk | None:
        f = self.fields(node, f"a structure at risk in {where}",
                        ("structure", "relation", "sources"))
        if f is None:
            return None
        ref = self.text(f.get("structure"), f"structure id in {where}")
        structure = self.lookup(f.get("structure"), ref, self.structures, "structure")
        what = f"structure '{ref}' in {where}"
        relation = self.text(f.get("relation"), f"relation of {what}")
        sources = self.source_refs(f.get("sources"), what)
        if structure is None or not relation or not sources:
            return None
        return StructureAtRisk(structure, relation, sources)

    def region_condition(self, node: Node, where: str) -> RegionCondition | None:
        f = self.fields(node, f"a condition in {where}", ("condition", "note", "sources"))
        if f is None:
            return None
        ref = self.text(f.get("condition"), f"condition id in {where}")
        condition = self.lookup(f.get("condition"), ref, self.conditions, "condition")
        what = f"condition '{ref}' in {where}"
        note = self.text(f.get("note"), f"note of {what}")
        sources = self.source_refs(f.get("sources"), what)
        if sources and all(self.sources[s].kind is EvidenceKind.CLINIC_BLOG for s in sources):
            self.problem(node, f"{what} rests only on clinic blogs; a condition needled for "
                               "needs a guideline, study or review")
        if condition is None or not note or not sources:  # pragma: no mutate (see _Checker)
            return None
        return RegionCondition(condition, note, sources)

    def caution(self, node: Node, where: str) -> Caution | None:
        f = self.fields(node, f"a caution in {where}", ("level", "text", "sources"))
        if f is None:
            return None
        level = self.choice(f.get("level"), f"level of a caution in {where}", Level)
        text = self.text(f.get("text"), f"text of a caution in {where}")
        sources = self.source_refs(f.get("sources"), f"a caution in {where}")
        self.danger_needs_evidence(node, level, sources, f"a danger caution in {where}")
        if level is None or not text or not sources:  # pragma: no mutate (see _Checker)
            return None
        return Caution(level, text, sources)

    def correction(self, node: Node, where: str) -> Correction | None:
        f = self.fields(node, f"a correction in {where}",
                        ("claim", "claimed_by", "evidence", "sources"))
        if f is None:
            return None
        claim = self.text(f.get("claim"), f"claim of a correction in {where}")
        by = self.text(f.get("claimed_by"), f"claimed_by of a correction in {where}")
        if by and by not in self.sources:
            if not self.defined_but_invalid("source", by):
                self.problem(f["claimed_by"], f"unknown source '{by}' in claimed_by; add it "
                                              "to sources first")
            by = ""  # pragma: no mutate (see _Checker)
        elif by:
            self.cited.add(by)
        evidence = self.text(f.get("evidence"), f"evidence of a correction in {where}")
        sources = self.source_refs(f.get("sources"), f"a correction in {where}")
        if not (claim and by and evidence and sources):  # pragma: no mutate (see _Checker)
            return None
        return Correction(claim, by, evidence, sources)

    def distance(self, node: Node, where: str) -> Distance | None:
        f = self.fields(node, f"a distance in {where}", ("what", "figure", "sample", "sources"),
                        ("numbers",))
        if f is None:
            return None
        what = self.text(f.get("what"), f"what of a distance in {where}")
        figure = self.text(f.get("figure"), f"figure of distance '{what}'")
        sample = self.sample(f.get("sample"), f"distance '{what}'")
        sources = self.source_refs(f.get("sources"), f"distance '{what}'")
        numbers = None
        if f.get("numbers") is not None:
            numbers = figures(self, f["numbers"], what, figure, sample)
            if numbers is None:
                return None
        if not (what and figure and sample and sources):
            return None
        return Distance(what, figure, sample, sources, numbers)

    def sample(self, node: Node | None, what: str) -> Sample | None:
        if node is None:
            return None
        f = self.fields(node, f"the sample of {what}", ("n", "who", "method"), ("position",))
        if f is None:
            return None
        n = self.integer(f.get("n"), f"n of the sample of {what}", 1, 10_000_000)
        who = self.text(f.get("who"), f"who of the sample of {what}")
        method = self.text(f.get("method"), f"method of the sample of {what}")
        position = self.text(f.get("position"), f"position of the sample of {what}")
        if n is None or not who or not method:
            return None
        return Sample(n, who, method, position)

    def safety_section(self, node: Node, kind: str = "safety") -> SafetySection | None:
        """A checklist section (``safety:``) or an after-event section (``after_events:``)."""
        f = self.fields(node, f"a {kind} section", ("id", "title", "items"))
        if f is None:
            return None
        sid = self.ident(f.get("id"), f"{kind} section id", SLUG, "lower case with hyphens")
        where = f"{kind} section '{sid}'"
        title = self.text(f.get("title"), f"title of {where}")
        items = self.items(f.get("items"), f"items of {where}",
                           lambda n: self.safety_item(n, where))
        if not self.unique(sid, f.get("id"), f"{kind} section") or not title:
            return None
        return SafetySection(sid, title, items)

    def safety_item(self, node: Node, where: str) -> SafetyItem | None:
        f = self.fields(node, f"an item of {where}", ("text", "sources"), ("level",))
        if f is None:
            return None
        text = self.text(f.get("text"), f"text of an item in {where}")
        level = (self.choice(f.get("level"), f"level of an item in {where}", Level)
                 if "level" in f else Level.INFO)
        sources = self.source_refs(f.get("sources"), f"an item in {where}")
        if level is Level.DANGER:
            self.danger_needs_evidence(node, level, sources, f"a danger item in {where}")
        elif sources and all(self.sources[s].kind is EvidenceKind.CLINIC_BLOG
                             for s in sources):
            self.problem(node, f"an item in {where} rests only on clinic blogs; every "
                               "checklist and after-event item needs a guideline, study or "
                               "review")
        if not text or not sources or level is None:  # pragma: no mutate (see _Checker)
            return None
        return SafetyItem(text, sources, level)

    def unambiguous_synonyms(self, top: dict[str, Node]) -> None:
        """A name people type (an entry's name or synonym) must lead to one entry of its list
        only: one structure, one condition, one region."""
        for section, what in (("structures", "structure"), ("conditions", "condition"),
                              ("regions", "region"), ("muscles", "muscle")):
            owners: dict[str, str] = {}
            node = top.get(section)
            if not isinstance(node, Seq):
                continue
            for item in node.items:
                if not isinstance(item, Map) or "id" not in item.entries:
                    continue
                owner_node = item.entries["id"][1]
                if not isinstance(owner_node, Scalar):
                    continue
                owner = f"{what} '{owner_node.value}'"
                names: list[Scalar] = []
                if "name" in item.entries and isinstance(item.entries["name"][1], Scalar):
                    names.append(item.entries["name"][1])  # type: ignore[arg-type]
                syn = item.entries.get("synonyms")
                if syn is not None and isinstance(syn[1], Seq):
                    names.extend(n for n in syn[1].items if isinstance(n, Scalar))
                seen_here: set[str] = set()
                for name_node in names:
                    key = " ".join(name_node.value.casefold().split())
                    if not key or key in seen_here:
                        continue
                    seen_here.add(key)
                    first = owners.setdefault(key, owner)
                    if first != owner:
                        self.problem(name_node, f"'{name_node.value}' names both {first} and "
                                                f"{owner}; a name or synonym must lead to "
                                                "one entry only")

    def danger_needs_evidence(self, node: Node, level: Level | None, sources: tuple[str, ...],
                              what: str) -> None:
        """A danger-level statement must rest on more than clinic blogs."""
        if level is Level.DANGER and sources and all(
                self.sources[s].kind is EvidenceKind.CLINIC_BLOG for s in sources):
            self.problem(node, f"{what} rests only on clinic blogs; cite a guideline, study "
                               "or anatomy reference")

    def lookup(self, node: Node | None, ref: str, table: dict[str, T], what: str) -> T | None:
        if not ref or node is None:
            return None
        if ref not in table:
            if not self.defined_but_invalid(what, ref):
                hint = _close_match(ref, list(table))
                fix = f"did you mean '{hint}'?" if hint else f"define it under {what}s first"
                self.problem(node, f"unknown {what} '{ref}'; {fix}")
            return None
        return table[ref]
