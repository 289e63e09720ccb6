"""Study mode without Qt: questions generated from the reference data, a Leitner schedule,
the session state machine and the history's JSON form (pure functions).

Every question has exactly one choice the data supports. Distractors are taken from other
regions and filtered so that the data says they are wrong: a distractor structure is not at
risk in the region (and not named anywhere in its text), a distractor region is not needled
for the condition (and does not mention it), a distractor relation sentence belongs to another
structure in another region and does not name the structure asked about.
"""

from __future__ import annotations

import datetime as _dt
import json
import random
from dataclasses import dataclass
from enum import Enum
from typing import Callable, Iterable, Mapping

from needleguide.core.model import ReferenceData, Region, StructureKind
from needleguide.core.text import fold

AT_RISK, CONDITION, RELATION, MAP = "at-risk", "condition", "relation", "map"
KINDS = (AT_RISK, CONDITION, RELATION, MAP)
MAX_CHOICES = 4
# Leitner boxes 1..5 and the days until a question in that box is due again.
INTERVAL_DAYS = {1: 0, 2: 1, 3: 3, 4: 7, 5: 14}
HISTORY_FORMAT = "needleguide-study-history"
HISTORY_VERSION = 1
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
    kind: str
    prompt: str             # plain text
    choices: tuple[Choice, ...]
    answer: str             # key of the one correct choice (for MAP: the region id)
    region_id: str          # the region the question is about
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
    """A question before its distractors are drawn: candidates in tiers, most plausible first."""

    id: str
    kind: str
    prompt: str
    correct: Choice
    tiers: tuple[tuple[Choice, ...], ...]
    region_id: str
    explanation: str
    sources: tuple[str, ...]


def _mentions(folded_text: str, phrase: str) -> bool:
    words = fold(phrase)
    return bool(words) and f" {words} " in f" {folded_text} "


def _region_text(region: Region) -> str:
    parts = [region.name, region.summary, *region.synonyms]
    parts += [f"{m.name} {m.note}" for m in region.muscles]
    parts += [f"{s.structure.name} {s.relation}" for s in region.structures]
    parts += [f"{c.condition.name} {c.note}" for c in region.conditions]
    parts += [c.text for c in region.cautions]
    parts += [f"{c.claim} {c.evidence}" for c in region.corrections]
    parts += [d.what for d in region.distances]
    return fold(" ".join(parts))


def _lower_first(name: str) -> str:
    """'Sciatic nerve' -> 'sciatic nerve', but 'TOS' and 'C5 root' keep their capitals."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def _region_phrase(region: Region) -> str:
    name = _lower_first(region.name)
    return f"the {name}" if fold(name).endswith("region") else f"the {name} region"


def _plural(name: str) -> bool:
    last = fold(name).split()[-1] if fold(name) else ""
    return " and " in f" {fold(name)} " or (last.endswith("s") and
                                            not last.endswith(("us", "ss", "is")))


def _distinct(choices: Iterable[Choice], taken: set[str]) -> tuple[Choice, ...]:
    out = []
    for choice in choices:
        folded = fold(choice.text)
        if folded and folded not in taken:
            taken.add(folded)
            out.append(choice)
    return tuple(out)


def _tiers(correct: Choice, *groups: Iterable[Choice]) -> tuple[tuple[Choice, ...], ...]:
    taken = {fold(correct.text)}
    return tuple(t for t in (_distinct(g, taken) for g in groups) if t)


def _at_risk_specs(data: ReferenceData) -> list[_Spec]:
    specs = []
    for region in data.regions:
        text = _region_text(region)
        listed = {s.structure.id for s in region.structures}
        names = {fold(n) for s in region.structures for n in (s.structure.name,
                                                               *s.structure.synonyms)}
        others = [s.structure for r in data.regions if r is not region for s in r.structures]
        pool = [s for s in dict.fromkeys(others) if s.id not in listed
                and not any(fold(n) in names or _mentions(text, n)
                            for n in (s.name, *s.synonyms))]
        muscles = "; ".join(m.name for m in region.muscles)
        for item in region.structures:
            kind = item.structure.kind
            correct = Choice(item.structure.id, item.structure.name)
            tiers = _tiers(correct, (Choice(s.id, s.name) for s in pool if s.kind is kind),
                           (Choice(s.id, s.name) for s in pool if s.kind is not kind))
            specs.append(_Spec(
                f"{AT_RISK}:{region.id}:{item.structure.id}", AT_RISK,
                f"Which of these structures does this guide list as at risk when you needle "
                f"{_region_phrase(region)}?\nMuscles needled there: {muscles}.",
                correct, tiers, region.id, f"{item.structure.name}: {item.relation}",
                item.sources))
    return specs


def _condition_specs(data: ReferenceData) -> list[_Spec]:
    specs = []
    texts = {r.id: _region_text(r) for r in data.regions}
    for cid, condition in data.conditions.items():
        needled = [r for r in data.regions if any(c.condition.id == cid for c in r.conditions)]
        words = (condition.name, *condition.synonyms)
        pool = [Choice(r.id, r.name) for r in data.regions if r not in needled
                and not any(_mentions(texts[r.id], w) for w in words)]
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
                correct, _tiers(correct, pool), region.id, note, item.sources))
    return specs


def _relation_specs(data: ReferenceData) -> list[_Spec]:
    specs = []
    everything = [(r, s) for r in data.regions for s in r.structures]
    for region, item in everything:
        structure = item.structure
        words = {w for n in (structure.name, *structure.synonyms) for w in fold(n).split()}
        words -= _GENERIC
        pool = [(r, s) for r, s in everything if r is not region
                and s.structure.id != structure.id
                and not words & set(fold(s.relation).split())]
        same = [Choice(f"{r.id}/{s.structure.id}", s.relation) for r, s in pool
                if s.structure.kind is structure.kind]
        rest = [Choice(f"{r.id}/{s.structure.id}", s.relation) for r, s in pool
                if s.structure.kind is not structure.kind]
        correct = Choice(f"{region.id}/{structure.id}", item.relation)
        also = [r.name for r, s in everything if r is not region
                and s.structure.id == structure.id]
        where = (f"Also listed as at risk in: {', '.join(also)}." if also else
                 f"This guide lists it as at risk in the {region.name} region only.")
        verb = "lie" if structure.kind in (StructureKind.ORGAN, StructureKind.CNS) else "run"
        does = "do" if _plural(structure.name) else "does"
        specs.append(_Spec(
            f"{RELATION}:{region.id}:{structure.id}", RELATION,
            f"In {_region_phrase(region)}, where {does} the "
            f"{_lower_first(structure.name)} {verb}?",
            correct, _tiers(correct, same, rest), region.id,
            f"{structure.name} ({region.name}). {where}", item.sources))
    return specs


def _map_specs(data: ReferenceData) -> list[_Spec]:
    specs = []
    texts = {r.id: _region_text(r) for r in data.regions}
    for region in data.regions:
        for muscle in region.muscles:
            elsewhere = [r for r in data.regions if r is not region
                         and _mentions(texts[r.id], muscle.name)]
            if elsewhere:
                continue   # not one region's muscle alone: the click would be ambiguous
            # A region that mentions the muscle's main word (e.g. 'trapezius' for 'Upper
            # trapezius') may well be where part of it is needled: not a clean distractor.
            words = set(fold(muscle.name).split()) - _QUALIFIERS
            pool = [Choice(r.id, r.name) for r in data.regions if r is not region
                    and not words & set(texts[r.id].split())]
            correct = Choice(region.id, region.name)
            same_view = [c for c in pool if data.region(c.key).view is region.view]
            other_view = [c for c in pool if data.region(c.key).view is not region.view]
            note = f" {muscle.note}" if muscle.note else ""
            specs.append(_Spec(
                f"{MAP}:{region.id}:{fold(muscle.name).replace(' ', '-')}", MAP,
                f"Which region of the body do you needle to reach {muscle.name}?",
                correct, _tiers(correct, same_view, other_view), region.id,
                f"This guide lists {muscle.name} among the muscles needled in the "
                f"{region.name} region.{note}", muscle.sources))
    return specs


def _specs(data: ReferenceData) -> list[_Spec]:
    specs = (_at_risk_specs(data) + _condition_specs(data) + _relation_specs(data)
             + _map_specs(data))
    return [s for s in specs if s.tiers]   # a question needs at least one distractor


def question_ids(data: ReferenceData) -> tuple[str, ...]:
    """Every question the data supports, by id (stable across runs and distractor draws)."""
    return tuple(s.id for s in _specs(data))


def _realise(spec: _Spec, data: ReferenceData, rng: random.Random) -> Question:
    distractors: list[Choice] = []
    for tier in spec.tiers:
        need = MAX_CHOICES - 1 - len(distractors)
        distractors += rng.sample(tier, min(need, len(tier)))
    choices = [spec.correct, *distractors]
    rng.shuffle(choices)
    citations = tuple(f"{data.sources[sid].citation} [{data.sources[sid].kind.label}]"
                      for sid in spec.sources if sid in data.sources)
    return Question(spec.id, spec.kind, spec.prompt, tuple(choices), spec.correct.key,
                    spec.region_id, spec.explanation, citations)


def generate_questions(data: ReferenceData, rng: random.Random,
                       regions: Iterable[str] = ()) -> tuple[Question, ...]:
    """All questions (about the given regions; all when empty), in data order."""
    wanted = set(regions)
    return tuple(_realise(s, data, rng) for s in _specs(data)
                 if not wanted or s.region_id in wanted)


# -- Leitner schedule -----------------------------------------------------------------------
@dataclass(frozen=True)
class ReviewState:
    """Where a question stands in the Leitner schedule."""

    box: int
    due: _dt.datetime
    seen: int = 0
    right: int = 0
    last: _dt.datetime | None = None


History = Mapping[str, ReviewState]


def record_answer(history: History, question_id: str, correct: bool,
                  now: _dt.datetime) -> dict[str, ReviewState]:
    """A new history: right moves the question up a box, wrong sends it back to box 1."""
    old = history.get(question_id, ReviewState(1, now))
    box = min(old.box + 1, max(INTERVAL_DAYS)) if correct else 1
    state = ReviewState(box, now + _dt.timedelta(days=INTERVAL_DAYS[box]), old.seen + 1,
                        old.right + int(correct), now)
    return {**history, question_id: state}


@dataclass(frozen=True)
class StudyOptions:
    """What a quiz covers: regions, number of questions, seed."""

    regions: frozenset[str] = frozenset()   # empty: every region
    count: int = 10
    seed: int | None = None                 # None: a different quiz each time


def _interleave(specs: list[_Spec], rng: random.Random) -> list[_Spec]:
    """Round-robin over the kinds (in a seeded order), so a session mixes question types."""
    kinds = sorted({s.kind for s in specs})
    rng.shuffle(kinds)
    queues = [[s for s in specs if s.kind == kind] for kind in kinds]
    out: list[_Spec] = []
    while any(queues):
        for queue in queues:
            if queue:
                out.append(queue.pop(0))
    return out


def build_quiz(data: ReferenceData, history: History, now: _dt.datetime,
               options: StudyOptions = StudyOptions()) -> tuple[Question, ...]:
    """Due questions first (most overdue first), then new ones, then the soonest due."""
    rng = random.Random(options.seed)
    specs = [s for s in _specs(data) if not options.regions or s.region_id in options.regions]
    rng.shuffle(specs)   # ties are broken differently per seed; sorting below is stable
    due = sorted((s for s in specs if s.id in history and history[s.id].due <= now),
                 key=lambda s: (history[s.id].due, history[s.id].box))
    new = _interleave([s for s in specs if s.id not in history], rng)
    later = sorted((s for s in specs if s.id in history and history[s.id].due > now),
                   key=lambda s: history[s.id].due)
    chosen = (due + new + later)[:max(options.count, 0)]
    return tuple(_realise(s, data, rng) for s in chosen)


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
    due_now: int        # of this session's questions, due again right away (the missed)
    next_due: _dt.datetime | None   # when the first of the others comes back


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
        now = self._clock()
        dues = [self.history[a.question.id].due for a in self.answers]
        later = [d for d in dues if d > now]
        return Summary(len(self.answers), self.score,
                       tuple(a for a in self.answers if not a.correct),
                       sum(1 for d in dues if d <= now), min(later) if later else None)


# -- history as JSON ------------------------------------------------------------------------
class HistoryFormatError(ValueError):
    """The history file is not a study history this version can read."""


def _stamp(moment: _dt.datetime) -> str:
    return moment.astimezone(_dt.timezone.utc).isoformat(timespec="seconds")


def _moment(value: object, what: str) -> _dt.datetime:
    if not isinstance(value, str):
        raise HistoryFormatError(f"{what} is not a date and time")
    try:
        moment = _dt.datetime.fromisoformat(value)
    except ValueError:
        raise HistoryFormatError(f"{what} is not a date and time: {value!r}") from None
    if moment.tzinfo is None:
        raise HistoryFormatError(f"{what} has no time zone: {value!r}")
    return moment


def _count(value: object, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise HistoryFormatError(f"{what} must be a whole number from {low} to {high}")
    return value


def history_to_json(history: History) -> str:
    questions = {}
    for qid in sorted(history):
        s = history[qid]
        entry: dict[str, object] = {"box": s.box, "due": _stamp(s.due), "seen": s.seen,
                                    "right": s.right}
        if s.last is not None:
            entry["last"] = _stamp(s.last)
        questions[qid] = entry
    doc = {"format": HISTORY_FORMAT, "version": HISTORY_VERSION, "questions": questions}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def history_from_json(text: str) -> dict[str, ReviewState]:
    """Parse a history; any damage raises HistoryFormatError (the caller keeps the file)."""
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise HistoryFormatError(f"not valid JSON ({exc})") from None
    if not isinstance(doc, dict) or doc.get("format") != HISTORY_FORMAT:
        raise HistoryFormatError("not a needleguide study history")
    if doc.get("version") != HISTORY_VERSION:
        raise HistoryFormatError(f"unsupported history version {doc.get('version')!r}")
    questions = doc.get("questions")
    if not isinstance(questions, dict):
        raise HistoryFormatError("'questions' is missing or not an object")
    history = {}
    for qid, entry in questions.items():
        what = f"question {qid!r}"
        if not isinstance(entry, dict):
            raise HistoryFormatError(f"{what} is not an object")
        seen = _count(entry.get("seen", 0), f"'seen' of {what}", 0, 10**9)
        last = entry.get("last")
        history[qid] = ReviewState(
            _count(entry.get("box"), f"'box' of {what}", 1, max(INTERVAL_DAYS)),
            _moment(entry.get("due"), f"'due' of {what}"), seen,
            _count(entry.get("right", 0), f"'right' of {what}", 0, seen),
            None if last is None else _moment(last, f"'last' of {what}"))
    return history


__all__ = ["AT_RISK", "CONDITION", "RELATION", "MAP", "KINDS", "INTERVAL_DAYS", "Choice",
           "Question", "question_ids", "generate_questions", "ReviewState", "History",
           "record_answer", "StudyOptions", "build_quiz", "Phase", "Answer",
           "Summary", "StudySession", "HistoryFormatError", "history_to_json",
           "history_from_json"]
