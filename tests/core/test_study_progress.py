"""Progress per region and the "review my mistakes" quiz, read off a study history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from needleguide.core import study, study_progress
from needleguide.core.loader import load

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "regions.yaml"
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone.utc)
DAY = dt.timedelta(days=1)


def _answers(*steps: tuple[str, bool, int]) -> dict[str, study.ReviewState]:
    history: dict[str, study.ReviewState] = {}
    for qid, right, day in steps:
        history = study.record_answer(history, qid, right, NOW + day * DAY)
    return history


def test_three_right_answers_on_different_days_master_a_question() -> None:
    data = load(SHIPPED)
    neck = [q for q in study.question_ids(data) if q.split(":")[1] == "neck"]
    first, second, third = neck[:3]
    history = _answers((first, True, 0), (first, True, 1), (first, True, 4),   # mastered
                       (second, True, 0),                                      # learning
                       (third, True, 0), (third, False, 1))                    # missed
    rows = {r.region_id: r for r in study_progress.progress(data, history, NOW + 2 * DAY)}
    row = rows["neck"]
    assert (row.total, row.mastered, row.learning, row.missed) == (len(neck), 1, 2, 1)
    assert row.new == len(neck) - 3
    assert row.due == 2   # the learning one (due after a day) and the missed one (at once)
    assert all(r.mastered == r.learning == 0 for k, r in rows.items() if k != "neck")
    assert sum(r.total for r in rows.values()) == sum(  # after-event questions: no region
        1 for q in study.question_ids(data) if not q.startswith(f"{study.AFTER_EVENT}:"))


def test_review_my_mistakes_asks_only_what_was_last_answered_wrong() -> None:
    data = load(SHIPPED)
    ids = study.question_ids(data)
    history = _answers((ids[0], False, 0), (ids[1], True, 0), (ids[2], False, 0),
                       (ids[2], True, 1))   # missed, then put right: not a mistake now
    assert study_progress.missed_ids(data, history) == (ids[0],)
    quiz = study.build_quiz(data, history, NOW + 5 * DAY,
                            study.StudyOptions(count=10, seed=1, missed_only=True))
    assert [q.id for q in quiz] == [ids[0]]
