"""When each study question comes back: FSRS (the Free Spaced Repetition Scheduler, through the
maintained ``fsrs`` package, as modern flashcard apps use it), and the history's JSON form.

A right answer is rated Good, a wrong one Again. ``fsrs`` is imported when the first answer is
scheduled, so it costs nothing until study mode is used. Histories of the earlier Leitner
schedule (box 1-5) are read and carried over without losing a review: each box becomes an FSRS
review card whose stability is the box's interval. Pure functions; no Qt.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:
    import fsrs

HISTORY_FORMAT = "needleguide-study-history"
HISTORY_VERSION = 2          # 1: Leitner boxes; 2: FSRS
LEITNER_DAYS = {1: 0, 2: 1, 3: 3, 4: 7, 5: 14}   # version 1's box -> days until due
LEARNING, REVIEW, RELEARNING = 1, 2, 3          # fsrs.State values
FIRST_DIFFICULTY = 5.0       # FSRS's scale runs 1-10; a carried-over card starts mid-way
MASTERED_DAYS = 7.0          # stability of a week: mastered, for the progress chart


@dataclass(frozen=True)
class ReviewState:
    """Where a question stands (the FSRS card's fields) and how it has gone."""

    due: _dt.datetime
    seen: int = 0
    right: int = 0
    last: _dt.datetime | None = None       # when last answered
    last_right: bool = False               # whether that answer was right
    phase: int = LEARNING                  # fsrs.State: learning, review, relearning
    step: int | None = 0                   # learning step, None in review
    stability: float | None = None         # days until recall falls to 90 %
    difficulty: float | None = None        # 1-10

    @property
    def mastered(self) -> bool:
        return self.stability is not None and self.stability >= MASTERED_DAYS

    @property
    def missed(self) -> bool:
        """The last answer was wrong."""
        return self.seen > 0 and not self.last_right


History = Mapping[str, ReviewState]


def from_leitner(box: int, due: _dt.datetime, seen: int, right: int,
                 last: _dt.datetime | None) -> ReviewState:
    """A version-1 (Leitner) state as an FSRS one: box 1 is still being learnt (its last
    answer wrong if it was answered), box 2-5 a review card of the box's interval."""
    if box <= 1:
        return ReviewState(due, seen, right, last, False, LEARNING, 0)
    days = float(LEITNER_DAYS.get(box, LEITNER_DAYS[5]))
    return ReviewState(due, seen, right, last or due - _dt.timedelta(days=days), True,
                       REVIEW, None, days, FIRST_DIFFICULTY)


@functools.lru_cache(maxsize=1)
def _scheduler() -> "fsrs.Scheduler":
    import fsrs  # study mode only
    return fsrs.Scheduler(enable_fuzzing=False)  # the same answers give the same schedule


def record_answer(history: History, question_id: str, correct: bool,
                  now: _dt.datetime) -> dict[str, ReviewState]:
    """A new history with this answer scheduled: wrong comes back within minutes, right
    after a wait that grows with each right answer."""
    import fsrs
    old = history.get(question_id) or ReviewState(now)
    card = fsrs.Card(card_id=0, state=fsrs.State(old.phase), step=old.step,
                     stability=old.stability, difficulty=old.difficulty, due=old.due,
                     last_review=old.last)
    card, _ = _scheduler().review_card(card, fsrs.Rating.Good if correct else
                                       fsrs.Rating.Again, now)
    state = ReviewState(card.due, old.seen + 1, old.right + int(correct), now, correct,
                        int(card.state), card.step, card.stability, card.difficulty)
    return {**history, question_id: state}


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


def _real(value: object, what: str, low: float, high: float) -> float | None:
    if value is None:
        return None
    if (isinstance(value, bool) or not isinstance(value, (int, float))
            or not math.isfinite(value) or not low <= value <= high):
        raise HistoryFormatError(f"{what} must be a number from {low:g} to {high:g}")
    return float(value)


def history_to_json(history: History) -> str:
    questions = {}
    for qid in sorted(history):
        s = history[qid]
        entry: dict[str, object] = {"due": _stamp(s.due), "seen": s.seen, "right": s.right,
                                    "last_right": s.last_right, "phase": s.phase,
                                    "step": s.step, "stability": s.stability,
                                    "difficulty": s.difficulty}
        if s.last is not None:
            entry["last"] = _stamp(s.last)
        questions[qid] = entry
    doc = {"format": HISTORY_FORMAT, "version": HISTORY_VERSION, "scheduler": "fsrs",
           "questions": questions}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def history_from_json(text: str) -> dict[str, ReviewState]:
    """Parse a history of version 2 (FSRS) or 1 (Leitner, carried over); any damage raises
    HistoryFormatError (the caller keeps the file)."""
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise HistoryFormatError(f"not valid JSON ({exc})") from None
    if not isinstance(doc, dict) or doc.get("format") != HISTORY_FORMAT:
        raise HistoryFormatError("not a needleguide study history")
    version = doc.get("version")
    if version not in (1, HISTORY_VERSION):
        raise HistoryFormatError(f"unsupported history version {version!r}")
    questions = doc.get("questions")
    if not isinstance(questions, dict):
        raise HistoryFormatError("'questions' is missing or not an object")
    history = {}
    for qid, entry in questions.items():
        what = f"question {qid!r}"
        if not isinstance(entry, dict):
            raise HistoryFormatError(f"{what} is not an object")
        seen = _count(entry.get("seen", 0), f"'seen' of {what}", 0, 10**9)
        right = _count(entry.get("right", 0), f"'right' of {what}", 0, seen)
        due = _moment(entry.get("due"), f"'due' of {what}")
        last_value = entry.get("last")
        last = None if last_value is None else _moment(last_value, f"'last' of {what}")
        if version == 1:
            box = _count(entry.get("box"), f"'box' of {what}", 1, max(LEITNER_DAYS))
            history[qid] = from_leitner(box, due, seen, right, last)
            continue
        last_right = entry.get("last_right", False)
        if not isinstance(last_right, bool):
            raise HistoryFormatError(f"'last_right' of {what} must be true or false")
        phase = _count(entry.get("phase", LEARNING), f"'phase' of {what}", LEARNING,
                       RELEARNING)
        step = entry.get("step")
        history[qid] = ReviewState(
            due, seen, right, last, last_right, phase,
            None if step is None else _count(step, f"'step' of {what}", 0, 100),
            _real(entry.get("stability"), f"'stability' of {what}", 0.0, 1e6),
            _real(entry.get("difficulty"), f"'difficulty' of {what}", 0.0, 11.0))
    return history
