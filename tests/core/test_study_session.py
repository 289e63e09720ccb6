"""A study session's end and its summary, and when a review falls due in words: the summary
says when the first missed question and the first one answered right come back, and a due
time is read in the local time of the student's clock."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Callable

import pytest

from needleguide.core import study
from needleguide.core.loader import load

STUDY = Path(__file__).resolve().parents[1] / "data" / "study.yaml"
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone.utc)


def _session(count: int, clock: Callable[[], dt.datetime] = lambda: NOW
             ) -> study.StudySession:
    data = load(STUDY)
    quiz = study.build_quiz(data, {}, NOW, study.StudyOptions(count=count, seed=5))
    assert len(quiz) == count
    return study.StudySession(quiz, {}, clock)


def _wrong_key(q: study.Question) -> str:
    return next(c.key for c in q.choices if c.key != q.answer)


def test_the_summary_says_when_the_first_answered_right_comes_back() -> None:
    times = iter([NOW, NOW + dt.timedelta(days=2), NOW + dt.timedelta(days=1)])
    session = _session(3, lambda: next(times))
    for _ in range(3):
        q = session.current
        assert q is not None
        session.answer(q.answer)
        session.advance()
    summary = session.summary()
    assert (summary.total, summary.right, summary.missed, summary.missed_due) == (3, 3, (), None)
    assert summary.next_due == min(session.history[q.id].due for q in session.questions)


def test_a_session_of_wrong_answers_only_has_nothing_coming_back_right() -> None:
    session = _session(2)
    for _ in range(2):
        q = session.current
        assert q is not None
        session.answer(_wrong_key(q))
        session.advance()
    summary = session.summary()
    assert (summary.right, summary.next_due) == (0, None)
    assert summary.missed_due == min(session.history[q.id].due for q in session.questions)


def test_answering_or_moving_on_at_the_wrong_time_names_the_phase() -> None:
    session = _session(1)
    with pytest.raises(RuntimeError, match="cannot advance in phase question"):
        session.advance()
    q = session.current
    assert q is not None
    session.answer(q.answer)
    with pytest.raises(RuntimeError, match="cannot answer in phase feedback"):
        session.answer(q.answer)
    session.advance()
    assert session.phase is study.Phase.FINISHED and session.current is None
    with pytest.raises(RuntimeError, match="cannot answer in phase finished"):
        session.answer(q.answer)


@pytest.mark.parametrize("due_utc, said", [
    # 05:00 the next day at +10:00, though still the same day in UTC
    (dt.datetime(2026, 12, 1, 19, 0, tzinfo=dt.timezone.utc), "tomorrow"),
    # 23:30 the same day at +10:00
    (dt.datetime(2026, 12, 1, 13, 30, tzinfo=dt.timezone.utc), "later today"),
])
def test_a_due_time_is_read_in_the_local_time_of_the_clock(due_utc: dt.datetime,
                                                           said: str) -> None:
    sydney = dt.timezone(dt.timedelta(hours=10))
    now = dt.datetime(2026, 12, 1, 20, 0, tzinfo=sydney)   # 10:00 UTC
    assert study.due_phrase(due_utc, now) == said


def test_questions_drawn_with_a_seed_are_the_same_each_time() -> None:
    data = load(STUDY)
    first = study.generate_questions(data, random.Random(11))
    assert study.generate_questions(data, random.Random(11)) == first
