"""Study mode without Qt: questions generated from the reference data and the session state
machine (the schedule and the history's JSON form are in ``schedule``; pure functions).

Every question has exactly one choice the data supports. Distractors are taken from other
regions and filtered so that the data says they are wrong: a distractor structure is not at
risk in the region (and not named anywhere in its text), a distractor region is not needled
for the condition (and does not mention it), a distractor relation sentence belongs to another
structure in another region and does not name the structure asked about.
"""

from __future__ import annotations

import datetime as _dt
import functools
import itertools
import json
import random
import zlib
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Callable, Iterable, Iterator, Mapping, NamedTuple, Sequence, Sized, TypeVar

from needleguide.core.model import (Condition, Position, ReferenceData, Region, Structure,
                                    StructureAtRisk, StructureKind)
from needleguide.core.schedule import (History, HistoryFormatError, ReviewState,
                                       history_from_json, history_to_json, record_answer)
from needleguide.core.text import fold as _fold_uncached



class QuestionKind(StrEnum):
    """What a question asks; the value is the first part of a question's id (kept in the
    user's study history, so values never change)."""

    AT_RISK = "at-risk"           # which structure is at risk in this region
    CONDITION = "condition"       # which region is needled for this condition
    RELATION = "relation"         # where a structure lies in this region
    MAP = "map"                   # find the region on the body map
    NEEDLED_FOR = "needled-for"   # which condition is this region needled for
    MUSCLE = "muscle"             # what lies deep to / is at risk when needling a muscle
    CORRECTION = "correction"     # what the evidence says about a clinic claim
    SAMPLE = "sample"             # which study sample a reported distance comes from
    AFTER_EVENT = "after-event"   # what this guide says to do when something went wrong


AT_RISK, CONDITION, RELATION, MAP = (QuestionKind.AT_RISK, QuestionKind.CONDITION,
                                     QuestionKind.RELATION, QuestionKind.MAP)
NEEDLED_FOR, MUSCLE, CORRECTION = (QuestionKind.NEEDLED_FOR, QuestionKind.MUSCLE,
                                   QuestionKind.CORRECTION)
SAMPLE, AFTER_EVENT = QuestionKind.SAMPLE, QuestionKind.AFTER_EVENT
KINDS = (AT_RISK, CONDITION, RELATION, MAP, NEEDLED_FOR, CORRECTION, SAMPLE, AFTER_EVENT,
         MUSCLE)
MAX_CHOICES = 4
# Words too general to tell one structure from another when screening relation sentences.
_GENERIC = frozenset("nerve nerves artery arteries vessel vessels vein veins and of the branch "
                     "branches".split())
# Words that qualify a muscle's name rather than name it ('upper' trapezius, pectoralis 'major').
_QUALIFIERS = frozenset("upper lower middle major minor and of the muscle muscles common origin "
                        "deep superficial medial lateral anterior posterior superior inferior "
                        "longus brevis".split())


# -- questions ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Choice:
    """One answer offered for a question."""

    key: str   # what the choice stands for: a structure id, a region id, "region/structure"
    text: str


@dataclass(frozen=True)
class Question:
    """A multiple-choice or map question generated from the data."""

    id: str                 # stable, from content: kind:region:subject
    kind: QuestionKind
    prompt: str             # plain text
    choices: tuple[Choice, ...]
    answer: str             # key of the one correct choice (for MAP: the region id)
    region_id: str          # the region the question is about; "" for an after-event one
    explanation: str        # the fact behind the answer, shown with the feedback
    citations: tuple[str, ...]

    @property
    def correct_choice(self) -> Choice:
        return next(c for c in self.choices if c.key == self.answer)

    def is_correct(self, key: str) -> bool:
        """True if ``key`` (a choice key, or the region id clicked on the map) is right."""
        return key == self.answer


@dataclass(frozen=True)
class _Spec:
    """A question before its distractors are drawn. ``pool`` screens the candidates only when
    the question is drawn (in tiers, most plausible first): a quiz needs ten, not all."""

    id: str
    kind: QuestionKind
    prompt: str
    correct: Choice
    pool: Callable[..., tuple[tuple[Choice, ...], ...]]  # (limit=POOL) -> tiers
    region_id: str
    explanation: str
    sources: tuple[str, ...]


# At most this many candidates per tier are screened and kept for a question's distractors:
# enough for a varied draw of three, and it keeps generation linear in the size of the data.
# Mutation testing: any size from 3 up gives the same kind of draw (no observable difference).
POOL = 12  # pragma: no mutate
T = TypeVar("T")
_Tiers = tuple[tuple[Choice, ...], ...]
# Names and sentences recur across questions (and 100 times over in the 100x benchmark data).
fold = functools.lru_cache(maxsize=1 << 16)(_fold_uncached)  # pragma: no mutate (size: speed only)


class _Text(NamedTuple):
    """A region's text folded once: the words for a quick screen, the text for phrases."""

    folded: str
    words: frozenset[str]

    def mentions(self, phrase: str) -> bool:
        words = fold(phrase)
        if not words or not all(w in self.words for w in words.split()):
            return False
        return f" {words} " in f" {self.folded} "


def _region_text(region: Region) -> _Text:
    parts = [region.name, region.summary, *region.synonyms]
    parts += [f"{m.name} {m.note}" for m in region.muscles]
    parts += [f"{s.structure.name} {s.relation}" for s in region.structures]
    parts += [f"{c.condition.name} {c.note}" for c in region.conditions]
    parts += [c.text for c in region.cautions]
    parts += [f"{c.claim} {c.evidence}" for c in region.corrections]
    parts += [d.what for d in region.distances]
    folded = " ".join(fold(part) for part in parts)
    return _Text(folded, frozenset(folded.split()))


def _pick(candidates: Sequence[T], fits: Callable[[T], bool], key: str, limit: int,
          label: Callable[[T], str], taken: set[str]) -> list[T]:
    """Up to ``limit`` candidates that fit and whose label is not yet ``taken`` (folded),
    screened from a stable point that depends on ``key``, so each question sees a different
    part of a long list, the same one on every run. Picked labels are added to ``taken``."""
    count = len(candidates)
    out: list[T] = []
    # A tier of limit 0 is never drawn from (_second_tier): skipping it saves work, nothing else.
    if not count or limit <= 0:  # pragma: no mutate
        return out
    first = zlib.crc32(key.encode()) % count
    for step in range(count):
        candidate = candidates[(first + step) % count]
        if fits(candidate):
            folded = fold(label(candidate))
            if folded and folded not in taken:
                taken.add(folded)
                out.append(candidate)
                if len(out) == limit:
                    break
    return out


def _second_tier(first: Sized, limit: int) -> int:
    """How many of the next tier to screen: none once the first can fill a question."""
    # How much is screened, not what is drawn: a full first tier leaves no draw to the second.
    return limit if len(first) < min(limit, MAX_CHOICES - 1) else 0  # pragma: no mutate


def _name(entry: Structure | Region | Condition) -> str:
    return entry.name


def _relation(pair: tuple[Region, StructureAtRisk]) -> str:
    return pair[1].relation


def _lower_first(name: str) -> str:
    """'Sciatic nerve' -> 'sciatic nerve', but 'TOS' and 'C5 root' keep their capitals."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def _region_phrase(region: Region) -> str:
    name = _lower_first(region.name)
    return f"the {name}" if fold(name).endswith("region") else f"the {name} region"


def _plural(name: str) -> bool:
    """'Lung and pleura', 'Iliac vessels': plural; 'Brachial plexus', 'Renal pelvis': not."""
    words = fold(name).split()
    return "and" in words or (bool(words) and words[-1].endswith("s")
                              and not words[-1].endswith(("us", "ss", "is")))


def _tiers(*groups: Iterable[Choice]) -> _Tiers:
    """The tiers that hold a distractor. ``_pick`` has screened them: each reads differently
    from the answer and from every other one."""
    return tuple(t for t in (tuple(g) for g in groups) if t)


def _at_risk_specs(data: ReferenceData, texts: dict[str, _Text]) -> list[_Spec]:
    specs = []
    structures = list({s.structure.id: s.structure for r in data.regions
                       for s in r.structures}.values())
    by_kind = {kind: [s for s in structures if s.kind is kind] for kind in StructureKind}
    for region in data.regions:
        text = texts[region.id]
        listed = frozenset(s.structure.id for s in region.structures)
        names = frozenset(fold(n) for s in region.structures for n in (s.structure.name,
                                                                        *s.structure.synonyms))

        def wrong_here(s: Structure, listed: frozenset[str] = listed,
                       names: frozenset[str] = names, text: _Text = text) -> bool:
            """The data says ``s`` is not at risk here."""
            return s.id not in listed and not any(fold(n) in names or text.mentions(n)
                                                  for n in (s.name, *s.synonyms))

        muscles = "; ".join(m.name for m in region.muscles)
        for item in region.structures:
            kind = item.structure.kind
            correct = Choice(item.structure.id, item.structure.name)

            def pool(region: Region = region, kind: StructureKind = kind,
                     correct: Choice = correct,
                     wrong_here: Callable[[Structure], bool] = wrong_here,
                     limit: int = POOL) -> _Tiers:
                taken = {fold(correct.text)}
                same = _pick(by_kind[kind], wrong_here, f"{region.id}:{kind.value}", limit,
                             _name, taken)
                other = _pick(structures, lambda s: s.kind is not kind and wrong_here(s),
                              f"{region.id}:not-{kind.value}", _second_tier(same, limit),
                              _name, taken)
                return _tiers((Choice(s.id, s.name) for s in same),
                              (Choice(s.id, s.name) for s in other))

            specs.append(_Spec(
                f"{AT_RISK}:{region.id}:{item.structure.id}", AT_RISK,
                f"Which of these structures does this guide list as at risk when you needle "
                f"{_region_phrase(region)}?\nMuscles needled there: {muscles}.",
                correct, pool, region.id, f"{item.structure.name}: {item.relation}",
                item.sources))
    return specs


def _muscle_specs(data: ReferenceData) -> list[_Spec]:
    """From muscle cards: which structure lies deep to X / is at risk when needling X. A
    distractor is a structure the data says is wrong: the card does not link or name it, and
    none of the muscle's regions lists it as at risk."""
    specs = []
    structures = list({s.structure.id: s.structure for r in data.regions
                       for s in r.structures}.values())
    by_kind = {kind: [s for s in structures if s.kind is kind] for kind in StructureKind}
    at_risk_in = {r.id: frozenset(s.structure.id for s in r.structures) for r in data.regions}
    for muscle in data.muscles:
        listed = frozenset(s.id for s in muscle.at_risk).union(
            *(at_risk_in.get(r, frozenset()) for r in muscle.regions))
        words = " ".join(fold(t) for t in (muscle.name, *muscle.synonyms,
                                            *(r.text for r in muscle.relations),
                                            *(c.text for c in muscle.cautions)))
        text = _Text(words, frozenset(words.split()))

        def wrong_here(s: Structure, listed: frozenset[str] = listed,
                       text: _Text = text) -> bool:
            return s.id not in listed and not any(text.mentions(n)
                                                  for n in (s.name, *s.synonyms))

        asked: set[str] = set()
        for relation in muscle.relations:
            structure = relation.structure
            if structure is None or structure.id in asked:
                continue
            asked.add(structure.id)
            deep = relation.position is Position.DEEP
            correct = Choice(structure.id, structure.name)

            def pool(muscle_id: str = muscle.id, kind: StructureKind = structure.kind,
                     correct: Choice = correct,
                     wrong_here: Callable[[Structure], bool] = wrong_here,
                     limit: int = POOL) -> _Tiers:
                taken = {fold(correct.text)}
                same = _pick(by_kind[kind], wrong_here, f"{muscle_id}:{kind.value}", limit,
                             _name, taken)
                other = _pick(structures, lambda s: s.kind is not kind and wrong_here(s),
                              f"{muscle_id}:not-{kind.value}", _second_tier(same, limit),
                              _name, taken)
                return _tiers((Choice(s.id, s.name) for s in same),
                              (Choice(s.id, s.name) for s in other))

            where = ("say lies deep to" if deep else "list as at risk when you needle")
            specs.append(_Spec(
                f"{MUSCLE}:{muscle.regions[0]}:{muscle.id}/{structure.id}", MUSCLE,
                f"Which of these structures does this guide {where} "
                f"{_lower_first(muscle.name)}?\nFrom its muscle card.",
                correct, pool, muscle.regions[0], f"{structure.name}: {relation.text}",
                relation.sources))
    return specs


def _condition_specs(data: ReferenceData, texts: dict[str, _Text]) -> list[_Spec]:
    specs = []
    needled_by: dict[str, list[Region]] = {}
    for region in data.regions:
        for item in region.conditions:
            needled_by.setdefault(item.condition.id, []).append(region)
    regions = list(data.regions)
    for cid, condition in data.conditions.items():
        needled = needled_by.get(cid, [])
        needled_ids = frozenset(r.id for r in needled)
        words = (condition.name, *condition.synonyms)

        def pool(correct: Choice, cid: str = cid, needled_ids: frozenset[str] = needled_ids,
                 words: tuple[str, ...] = words, limit: int = POOL) -> _Tiers:
            wrong = _pick(regions, lambda r: r.id not in needled_ids and not any(
                texts[r.id].mentions(w) for w in words), f"{CONDITION}:{cid}", limit,
                _name, {fold(correct.text)})
            return _tiers((Choice(r.id, r.name) for r in wrong))

        for region in needled:
            item = next(c for c in region.conditions if c.condition.id == cid)
            correct = Choice(region.id, region.name)
            also = ", ".join(r.name for r in needled if r is not region)
            note = f"{region.name}: {item.note}" + (f"\nAlso needled for it: {also}."
                                                     if also else "")
            specs.append(_Spec(
                f"{CONDITION}:{region.id}:{cid}", CONDITION,
                f"In this guide, which of these regions is needled for "
                f"{_lower_first(condition.name)}?",
                correct, functools.partial(pool, correct), region.id, note, item.sources))
    return specs


def _needled_for_specs(data: ReferenceData, texts: dict[str, _Text]) -> list[_Spec]:
    """The condition question turned round, so a quiz limited to one region can still ask
    about its conditions without the region being the answer."""
    specs = []
    conditions = list(data.conditions.values())
    for region in data.regions:
        listed = frozenset(c.condition.id for c in region.conditions)
        text = texts[region.id]
        for item in region.conditions:
            correct = Choice(item.condition.id, item.condition.name)

            def pool(region: Region = region, listed: frozenset[str] = listed,
                     text: _Text = text, correct: Choice = correct,
                     limit: int = POOL) -> _Tiers:
                wrong = _pick(conditions, lambda c: c.id not in listed and not any(
                    text.mentions(w) for w in (c.name, *c.synonyms)),
                    f"{NEEDLED_FOR}:{region.id}", limit, _name, {fold(correct.text)})
                return _tiers((Choice(c.id, c.name) for c in wrong))

            specs.append(_Spec(
                f"{NEEDLED_FOR}:{region.id}:{item.condition.id}", NEEDLED_FOR,
                f"In this guide, which of these conditions is {_region_phrase(region)} "
                f"needled for?", correct, pool, region.id,
                f"{region.name}: {item.condition.name}. {item.note}", item.sources))
    return specs


def _correction_specs(data: ReferenceData) -> list[_Spec]:
    """A clinic claim the data corrects: which sentence is what the evidence says? The other
    choices are what the evidence says about other claims (so, for this claim, not it)."""
    everything = [(r, i, c) for r in data.regions for i, c in enumerate(r.corrections)]
    # One candidate per wording of the evidence: a study cited in many regions would
    # otherwise be screened again for every copy (at 100x, a hundred times per question).
    candidates = list({fold(c.evidence): (r, i, c) for r, i, c in reversed(everything)}
                      .values())[::-1]
    specs = []
    for region, index, correction in everything:
        key = f"{region.id}/correction-{index}"
        correct = Choice(key, correction.evidence)

        def pool(key: str = key, correct: Choice = correct, claim: str = correction.claim,
                 limit: int = POOL) -> _Tiers:
            other = _pick(candidates, lambda e: e[2].claim != claim, key, limit,
                          lambda e: e[2].evidence, {fold(correct.text)})
            return _tiers(Choice(f"{r.id}/correction-{i}", c.evidence) for r, i, c in other)

        specs.append(_Spec(
            f"{CORRECTION}:{region.id}:correction-{index}", CORRECTION,
            f"A clinic source claims: \u201c{correction.claim}\u201d\n"
            f"Which of these is what the evidence in this guide says about it?",
            correct, pool, region.id,
            f"{region.name}: the claim is corrected by the evidence cited.",
            (correction.claimed_by, *correction.sources)))
    return specs


def _sample_specs(data: ReferenceData) -> list[_Spec]:
    """A reported distance: which study sample was it measured in? A depth is always a
    distance in a sample, never a safe depth: this asks the student to know the sample."""
    everything = [(r, i, d) for r in data.regions for i, d in enumerate(r.distances)]
    # One candidate per sample: one study reports distances in several regions.
    candidates = list({fold(d.sample.describe()): (r, i, d) for r, i, d in reversed(everything)}
                      .values())[::-1]
    specs = []
    for region, index, distance in everything:
        n = distance.sample.n
        if any(f"{say}{n}" in distance.figure for say in ("of ", "n = ", "n=")):
            continue   # the figure names its sample size: the question would answer itself
        key = f"{region.id}/distance-{index}"
        correct = Choice(key, distance.sample.describe())

        def pool(key: str = key, correct: Choice = correct, limit: int = POOL) -> _Tiers:
            other = _pick(candidates, lambda e: True, key, limit,   # any other sample
                          lambda e: e[2].sample.describe(), {fold(correct.text)})
            return _tiers(Choice(f"{r.id}/distance-{i}", d.sample.describe())
                          for r, i, d in other)

        specs.append(_Spec(
            f"{SAMPLE}:{region.id}:distance-{index}", SAMPLE,
            f"In {_region_phrase(region)}, this distance was reported: {distance.what}: "
            f"{distance.figure}\nIn which study sample was it measured?",
            correct, pool, region.id,
            f"{distance.what}: {distance.figure} (n = {distance.sample.n}, "
            f"{distance.sample.who}). A distance reported in a sample, not a safe depth for "
            "your patient.", distance.sources))
    return specs


def _after_event_specs(data: ReferenceData) -> list[_Spec]:
    """Something went wrong: which of these is this guide's advice for it? The other choices
    are its advice for other events (so, for this one, not what it says). Asked in quizzes on
    every region; the id's middle part is the section, and the question has no region."""
    everything = [(s, i, item) for s in data.after_events for i, item in enumerate(s.items)]
    specs = []
    for section in data.after_events:
        own = {fold(item.text) for item in section.items}
        for index, item in enumerate(section.items):
            key = f"{section.id}/item-{index}"
            correct = Choice(key, item.text)

            def pool(key: str = key, correct: Choice = correct, section_id: str = section.id,
                     own: set[str] = own, limit: int = POOL) -> _Tiers:
                other = _pick(everything, lambda e: e[0].id != section_id
                              and fold(e[2].text) not in own, key, limit,
                              lambda e: e[2].text, {fold(correct.text)})
                return _tiers(Choice(f"{s.id}/item-{i}", it.text) for s, i, it in other)

            specs.append(_Spec(
                f"{AFTER_EVENT}:{section.id}:item-{index}", AFTER_EVENT,
                f"Something went wrong: {section.title}.\nWhich of these is this guide's "
                "advice for it?", correct, pool, "",
                f"{section.title}: see \u201cSomething went wrong\u201d for all of it.",
                item.sources))
    return specs


def _relation_specs(data: ReferenceData) -> list[_Spec]:
    specs = []
    everything = [(r, s) for r in data.regions for s in r.structures]

    @functools.lru_cache(maxsize=None)
    def relation_words(item: StructureAtRisk) -> frozenset[str]:
        return frozenset(fold(item.relation).split())

    by_kind = {kind: [(r, s) for r, s in everything if s.structure.kind is kind]
               for kind in StructureKind}
    regions_of: dict[str, list[Region]] = {}
    for r, s in everything:
        regions_of.setdefault(s.structure.id, []).append(r)
    for region, item in everything:
        structure = item.structure
        words = {w for n in (structure.name, *structure.synonyms) for w in fold(n).split()}
        words -= _GENERIC

        def pool(region: Region = region, structure: Structure = structure,
                 words: frozenset[str] = frozenset(words),
                 relation: str = item.relation, limit: int = POOL) -> _Tiers:
            def other(pair: tuple[Region, StructureAtRisk]) -> bool:
                r, s = pair
                return (r is not region and s.structure.id != structure.id
                        and not words & relation_words(s))

            key = f"{region.id}:{structure.id}"
            taken = {fold(relation)}
            same = _pick(by_kind[structure.kind], other, key, limit, _relation, taken)
            rest = _pick(everything, lambda p: p[1].structure.kind is not structure.kind
                         and other(p), key, _second_tier(same, limit), _relation, taken)
            return _tiers(*([Choice(f"{r.id}/{s.structure.id}", s.relation) for r, s in tier]
                            for tier in (same, rest)))

        correct = Choice(f"{region.id}/{structure.id}", item.relation)
        also = [r.name for r in dict.fromkeys(regions_of[structure.id]) if r is not region]
        where = (f"Also listed as at risk in: {', '.join(also)}." if also else
                 f"This guide lists it as at risk in the {region.name} region only.")
        verb = "lie" if structure.kind in (StructureKind.ORGAN, StructureKind.CNS) else "run"
        does = "do" if _plural(structure.name) else "does"
        specs.append(_Spec(
            f"{RELATION}:{region.id}:{structure.id}", RELATION,
            f"In {_region_phrase(region)}, where {does} the "
            f"{_lower_first(structure.name)} {verb}?",
            correct, pool, region.id, f"{structure.name} ({region.name}). {where}",
            item.sources))
    return specs


def _map_specs(data: ReferenceData, texts: dict[str, _Text]) -> list[_Spec]:
    specs = []
    with_word: dict[str, list[Region]] = {}   # which regions' text has a word
    for region in data.regions:
        for word in texts[region.id].words:
            with_word.setdefault(word, []).append(region)
    for region in data.regions:
        for muscle in region.muscles:
            name = fold(muscle.name)
            if any(r is not region and texts[r.id].mentions(muscle.name)
                   for r in with_word.get(name.partition(" ")[0], ())):
                continue   # not one region's muscle alone: the click would be ambiguous
            # A region that mentions the muscle's main word (e.g. 'trapezius' for 'Upper
            # trapezius') may well be where part of it is needled: not a clean distractor.
            words = set(name.split()) - _QUALIFIERS

            correct = Choice(region.id, region.name)

            def pool(region: Region = region, words: frozenset[str] = frozenset(words),
                     correct: Choice = correct, key: str = f"{region.id}:{name}",
                     limit: int = POOL) -> _Tiers:
                def clean(r: Region, view: bool) -> bool:
                    return (r is not region and (r.view is region.view) is view
                            and not words & texts[r.id].words)

                taken = {fold(correct.text)}
                same_view = [Choice(r.id, r.name) for r in _pick(
                    data.regions, lambda r: clean(r, True), key, limit, _name, taken)]
                other_view = [Choice(r.id, r.name) for r in _pick(
                    data.regions, lambda r: clean(r, False), key,
                    _second_tier(same_view, limit), _name, taken)]
                return _tiers(same_view, other_view)

            note = f" {muscle.note}" if muscle.note else ""
            specs.append(_Spec(
                f"{MAP}:{region.id}:{name.replace(' ', '-')}", MAP,
                f"Which region of the body do you needle to reach {muscle.name}?",
                correct, pool, region.id,
                f"This guide lists {muscle.name} among the muscles needled in the "
                f"{region.name} region.{note}", muscle.sources))
    return specs


class _Pool(NamedTuple):
    """The questions a quiz on some regions can ask, by kind (each in data order)."""

    ids: tuple[str, ...]
    id_set: frozenset[str]
    by_kind: dict[QuestionKind, tuple[_Spec, ...]]


class _Questions(NamedTuple):
    data: ReferenceData
    specs: tuple[_Spec, ...]
    tiers: dict[str, _Tiers]   # distractor candidates, screened when first drawn
    ids: list[tuple[str, ...]]  # the usable questions' ids, once asked for
    pools: dict[frozenset[str], _Pool]  # per region choice, made when first asked for
    by_region: dict[str, list[tuple[int, _Spec]]]  # usable questions (with their place) by region
    by_id: dict[str, _Spec]


_cache: _Questions | None = None


def _questions(data: ReferenceData) -> _Questions:
    """Every question before its draw, generated once per data set (study mode asks often).

    Making the questions is linear in the data; screening distractors waits until a question
    is drawn, so a quiz of ten costs ten screenings whatever the size of the data."""
    global _cache
    if _cache is None or _cache.data is not data:
        texts = {r.id: _region_text(r) for r in data.regions}
        specs = (_at_risk_specs(data, texts) + _condition_specs(data, texts)
                 + _relation_specs(data) + _map_specs(data, texts)
                 + _needled_for_specs(data, texts) + _correction_specs(data)
                 + _sample_specs(data) + _after_event_specs(data) + _muscle_specs(data))
        _cache = _Questions(data, tuple(specs), {}, [], {}, {}, {s.id: s for s in specs})
    return _cache


def _specs(data: ReferenceData) -> tuple[_Spec, ...]:
    return _questions(data).specs


def _tiers_of(spec: _Spec, data: ReferenceData) -> _Tiers:
    memo = _questions(data).tiers
    if spec.id not in memo:
        memo[spec.id] = spec.pool()
    return memo[spec.id]


def question_ids(data: ReferenceData) -> tuple[str, ...]:
    """Every question the data supports (one with at least one distractor), by id: stable
    across runs and draws. Screens one distractor per question, once per data set."""
    questions = _questions(data)
    if not questions.ids:
        # Any limit from 1 up tells whether a question has a distractor; 1 screens the least.
        asked = [s.id for s in questions.specs if s.pool(limit=1)]  # pragma: no mutate
        questions.ids.append(tuple(asked))
        usable = set(questions.ids[0])
        for place, spec in enumerate(questions.specs):   # for quizzes on a few regions
            if spec.id in usable:
                questions.by_region.setdefault(spec.region_id, []).append((place, spec))
        _pool(data, frozenset())   # the quiz on every region, made with the rest (in a thread)
    return questions.ids[0]


def _realise(spec: _Spec, data: ReferenceData, rng: random.Random) -> Question | None:
    """The question with its choices drawn, or None if the data offers no distractor."""
    distractors: list[Choice] = []
    for tier in _tiers_of(spec, data):
        need = MAX_CHOICES - 1 - len(distractors)
        distractors += rng.sample(tier, min(need, len(tier)))
    if not distractors:
        return None
    choices = [spec.correct, *distractors]
    rng.shuffle(choices)
    citations = tuple(f"{data.sources[sid].citation} [{data.sources[sid].kind.label}]"
                      for sid in spec.sources if sid in data.sources)
    return Question(spec.id, spec.kind, spec.prompt, tuple(choices), spec.correct.key,
                    spec.region_id, spec.explanation, citations)


def _draw(specs: Iterable[_Spec], data: ReferenceData, rng: random.Random,
          count: int | None = None) -> tuple[Question, ...]:
    """Realise specs in order until ``count`` questions (all when None) have distractors."""
    out: list[Question] = []
    for spec in specs:
        if count is not None and len(out) >= count:
            break
        question = _realise(spec, data, rng)
        if question is not None:
            out.append(question)
    return tuple(out)


def generate_questions(data: ReferenceData, rng: random.Random,
                       regions: Iterable[str] = ()) -> tuple[Question, ...]:
    """All questions (about the given regions; all when empty), in data order."""
    wanted = set(regions)
    return _draw((s for s in _specs(data) if not wanted or s.region_id in wanted), data, rng)


@dataclass(frozen=True)
class StudyOptions:
    """What a quiz covers: regions, number of questions, seed."""

    regions: frozenset[str] = frozenset()   # empty: every region
    count: int = 10
    seed: int | None = None                 # None: a different quiz each time
    missed_only: bool = False               # only questions whose last answer was wrong


# Region choices remembered per data set (a student changes them rarely); memory, not quizzes.
_POOLS_KEPT = 16  # pragma: no mutate


def _pool(data: ReferenceData, regions: frozenset[str]) -> _Pool:
    """The questions a quiz on ``regions`` (every region when empty) can ask: about those
    regions, and none whose answer is one of them (the choice would give it away). Made once
    per choice; a choice of a few regions costs what those regions hold, not the whole data."""
    questions = _questions(data)
    pool = questions.pools.get(regions)  # pragma: no mutate (a cache: made again, the same)
    if pool is not None:
        return pool
    if not regions:
        usable = set(question_ids(data))
        chosen = [s for s in questions.specs if s.id in usable]
    else:
        question_ids(data)   # indexes them by region too
        chosen = [spec for _place, spec in sorted(   # in data order, as question_ids
            (place, spec) for region in regions
            for place, spec in questions.by_region.get(region, ())
            if spec.correct.key not in regions)]
    by_kind: dict[QuestionKind, list[_Spec]] = {}
    for spec in chosen:
        by_kind.setdefault(spec.kind, []).append(spec)
    ids = tuple(s.id for s in chosen)
    pool = _Pool(ids, frozenset(ids), {k: tuple(v) for k, v in by_kind.items()})
    if len(questions.pools) >= _POOLS_KEPT:  # pragma: no mutate (when the cache is emptied)
        questions.pools.clear()
    questions.pools[regions] = pool  # pragma: no mutate (a cache: made again, the same)
    return pool


def quiz_ids(data: ReferenceData, regions: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The questions a quiz on ``regions`` (every region when empty) can ask: about those
    regions, and none whose answer is one of them (the choice would give it away)."""
    if not regions:
        return question_ids(data)
    return _pool(data, regions).ids


def _random_order(items: Sequence[T], rng: random.Random) -> Iterator[T]:
    """``items`` in a random order, drawn lazily: the first k cost about k draws, so a quiz
    of ten does not shuffle every question the data holds."""
    taken: set[int] = set()
    while len(taken) < len(items) // 2:
        index = rng.randrange(len(items))
        if index not in taken:
            taken.add(index)
            yield items[index]
    rest = [item for index, item in enumerate(items) if index not in taken]
    rng.shuffle(rest)
    yield from rest


def _interleave(queues: list[Iterator[_Spec]]) -> Iterator[_Spec]:
    """Round-robin over the queues (one per kind), so a session mixes question types."""
    while queues:
        for queue in list(queues):
            spec = next(queue, None)
            if spec is None:
                queues.remove(queue)
            else:
                yield spec


def build_quiz(data: ReferenceData, history: History, now: _dt.datetime,
               options: StudyOptions = StudyOptions()) -> tuple[Question, ...]:
    """Due questions first (most overdue first), then new ones mixing the kinds of question
    in a random order, then the soonest due.

    A quiz limited to regions asks nothing whose answer is one of those regions: the student
    chose them, so the question would answer itself. The work is the questions drawn and the
    history, not the size of the data."""
    rng = random.Random(options.seed)
    pool = _pool(data, options.regions)
    specs = _questions(data).by_id
    seen = [specs[q] for q in history if q in pool.id_set
            and (not options.missed_only or history[q].missed)]
    rng.shuffle(seen)   # ties are broken differently per seed; sorting below is stable
    due = sorted((s for s in seen if history[s.id].due <= now),
                 key=lambda s: (history[s.id].due, history[s.id].stability or 0.0))

    def later() -> Iterator[_Spec]:
        yield from sorted((s for s in seen if history[s.id].due > now),
                          key=lambda s: history[s.id].due)

    new: Iterator[_Spec] = iter(())
    if not options.missed_only:
        kinds = sorted(pool.by_kind)
        rng.shuffle(kinds)
        new = _interleave([(s for s in _random_order(pool.by_kind[kind], rng)
                            if s.id not in history) for kind in kinds])
    return _draw(itertools.chain(due, new, later()), data, rng, max(options.count, 0))


def due_phrase(due: _dt.datetime, now: _dt.datetime) -> str:
    """When a review falls due, as a person says it: 'now', 'later today', 'tomorrow',
    'in 3 days' (by calendar day in the local time of ``now``)."""
    if due <= now:
        return "now"
    days = (due.astimezone(now.tzinfo).date() - now.date()).days
    return ("later today" if days <= 0 else "tomorrow" if days == 1 else f"in {days} days")


# -- session --------------------------------------------------------------------------------
class Phase(str, Enum):
    QUESTION = "question"
    FEEDBACK = "feedback"
    FINISHED = "finished"


@dataclass(frozen=True)
class Answer:
    """The user's answer to one question of a session."""

    question: Question
    chosen: str
    correct: bool


@dataclass(frozen=True)
class Summary:
    """The result of a finished study session."""

    total: int
    right: int
    missed: tuple[Answer, ...]
    missed_due: _dt.datetime | None   # when the first question missed comes back
    next_due: _dt.datetime | None     # when the first question answered right comes back


class StudySession:
    """QUESTION -(answer)-> FEEDBACK -(advance)-> QUESTION ... -> FINISHED."""

    def __init__(self, questions: Iterable[Question], history: History,
                 clock: Callable[[], _dt.datetime]) -> None:
        self.questions = tuple(questions)
        self.history: dict[str, ReviewState] = dict(history)
        self.answers: list[Answer] = []
        self._clock = clock
        self.index = 0
        self.phase = Phase.QUESTION if self.questions else Phase.FINISHED

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def score(self) -> int:
        return sum(a.correct for a in self.answers)

    @property
    def current(self) -> Question | None:
        return None if self.phase is Phase.FINISHED else self.questions[self.index]

    def answer(self, key: str) -> Answer:
        if self.phase is not Phase.QUESTION:
            raise RuntimeError(f"cannot answer in phase {self.phase.value}")
        question = self.questions[self.index]
        result = Answer(question, key, question.is_correct(key))
        self.answers.append(result)
        self.history = record_answer(self.history, question.id, result.correct, self._clock())
        self.phase = Phase.FEEDBACK
        return result

    def advance(self) -> None:
        if self.phase is not Phase.FEEDBACK:
            raise RuntimeError(f"cannot advance in phase {self.phase.value}")
        self.index += 1
        self.phase = Phase.QUESTION if self.index < self.total else Phase.FINISHED

    def summary(self) -> Summary:
        missed = tuple(a for a in self.answers if not a.correct)
        right = [self.history[a.question.id].due for a in self.answers if a.correct]
        return Summary(len(self.answers), self.score, missed,
                       min((self.history[a.question.id].due for a in missed), default=None),
                       min(right, default=None))


__all__ = ["AT_RISK", "CONDITION", "RELATION", "MAP", "NEEDLED_FOR", "CORRECTION", "SAMPLE",
           "AFTER_EVENT", "MUSCLE", "KINDS", "QuestionKind", "Choice",
           "Question", "question_ids", "quiz_ids", "due_phrase", "generate_questions",
           "ReviewState", "History", "record_answer", "StudyOptions", "build_quiz", "Phase",
           "Answer", "Summary", "StudySession", "HistoryFormatError", "history_to_json",
           "history_from_json"]
