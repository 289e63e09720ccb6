"""Study mode core: questions the data supports, the Leitner schedule, sessions, history JSON."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from needleguide.core import study
from needleguide.core.loader import load, load_text
from needleguide.core.model import ReferenceData
from needleguide.core.text import fold

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "data" / "minimal.yaml"
SHIPPED = ROOT / "data" / "regions.yaml"
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone.utc)


def _dataset(name: str) -> ReferenceData:
    if name == "minimal":
        return load(MINIMAL)
    return load(SHIPPED)


@pytest.fixture(params=["minimal", "shipped"])
def data(request: pytest.FixtureRequest) -> ReferenceData:
    return _dataset(request.param)


def _names(structure) -> set[str]:  # type: ignore[no-untyped-def]
    return {fold(n) for n in (structure.name, *structure.synonyms)}


def _check_supported(data: ReferenceData, q: study.Question) -> None:
    """Re-derive from the data, independently of the generator, that exactly one choice is
    right and every other choice is wrong."""
    kind, region_id, subject = q.id.split(":")
    assert kind == q.kind
    if kind == study.AFTER_EVENT:   # no region: the middle part names the section
        _check_after_event(data, q, region_id, subject)
        return
    assert region_id == q.region_id
    region = data.region(region_id)
    assert [c.key for c in q.choices].count(q.answer) == 1, q
    assert len({c.key for c in q.choices}) == len(q.choices), q
    assert len({fold(c.text) for c in q.choices}) == len(q.choices), f"same wording: {q}"
    assert 2 <= len(q.choices) <= study.MAX_CHOICES
    assert q.citations and all(q.citations), q
    wrong = [c for c in q.choices if c.key != q.answer]
    if kind == study.AT_RISK:
        listed = {s.structure.id: s.structure for s in region.structures}
        listed_names = set().union(*(_names(s) for s in listed.values()))
        assert q.answer == subject and subject in listed
        assert q.correct_choice.text == listed[subject].name
        for c in wrong:
            assert c.key not in listed, f"{c.text} IS at risk in {region_id}"
            assert fold(c.text) not in listed_names, f"{c.text} is named at risk in {region_id}"
    elif kind == study.CONDITION:
        needled = {r.id for r in data.regions
                   if any(c.condition.id == subject for c in r.conditions)}
        assert q.answer == region_id and region_id in needled
        for c in wrong:
            assert c.key not in needled, f"{c.text} IS needled for {subject}"
    elif kind == study.RELATION:
        relation = next(s.relation for s in region.structures if s.structure.id == subject)
        assert q.correct_choice.text == relation
        for c in wrong:
            other_region, other_structure = c.key.split("/")
            assert other_region != region_id and other_structure != subject
            assert fold(c.text) != fold(relation)
            # the sentence really belongs to that other structure in that other region
            assert c.text in [s.relation for s in data.region(other_region).structures
                              if s.structure.id == other_structure]
    elif kind == study.MAP:
        muscle = next(m for m in region.muscles if fold(m.name).replace(" ", "-") == subject)
        assert q.answer == region_id and q.correct_choice.text == region.name
        for c in wrong:
            other = data.region(c.key)
            assert c.key != region_id
            assert fold(muscle.name) not in {fold(m.name) for m in other.muscles}
    elif kind == study.NEEDLED_FOR:
        needled = {c.condition.id for c in region.conditions}
        assert q.answer == subject and subject in needled
        for c in wrong:
            assert c.key not in needled, f"{region_id} IS needled for {c.text}"
    elif kind == study.MUSCLE:
        card = data.muscle(subject.split("/")[0])
        structure_id = subject.split("/")[1]
        assert q.answer == structure_id and structure_id in {s.id for s in card.at_risk}
        assert region_id in card.regions
        at_risk_there = {s.structure.id for r in card.regions
                         for s in data.region(r).structures}
        for c in wrong:
            assert c.key not in at_risk_there, f"{c.text} IS at risk around {card.name}"
            assert c.key not in {s.id for s in card.at_risk}
    elif kind == study.CORRECTION:
        index = int(subject.removeprefix("correction-"))
        correction = region.corrections[index]
        assert q.correct_choice.text == correction.evidence
        assert correction.claim in q.prompt
        for c in wrong:
            other_region, other_key = c.key.split("/")
            other_correction = data.region(other_region).corrections[
                int(other_key.removeprefix("correction-"))]
            assert other_correction.evidence == c.text and other_correction.claim != \
                correction.claim
    elif kind == study.SAMPLE:
        distance = region.distances[int(subject.removeprefix("distance-"))]
        assert q.correct_choice.text == distance.sample.describe()
        assert distance.figure in q.prompt
        for c in wrong:
            other_region, other_key = c.key.split("/")
            other_distance = data.region(other_region).distances[
                int(other_key.removeprefix("distance-"))]
            assert other_distance.sample.describe() == c.text != distance.sample.describe()
    else:
        pytest.fail(f"unknown kind {kind}")


def _check_after_event(data: ReferenceData, q: study.Question, section_id: str,
                       subject: str) -> None:
    assert q.region_id == ""
    section = next(s for s in data.after_events if s.id == section_id)
    assert section.title in q.prompt
    assert q.correct_choice.text == section.items[int(subject.removeprefix("item-"))].text
    own = {fold(item.text) for item in section.items}
    for c in q.choices:
        if c.key == q.answer:
            continue
        other_id, other = c.key.split("/")
        other_section = next(s for s in data.after_events if s.id == other_id)
        assert other_id != section_id and fold(c.text) not in own
        assert other_section.items[int(other.removeprefix("item-"))].text == c.text


@pytest.mark.parametrize("seed", [0, 1, 2, 17])
def test_every_question_has_exactly_one_answer_the_data_supports(data: ReferenceData,
                                                                 seed: int) -> None:
    questions = study.generate_questions(data, random.Random(seed))
    assert questions, "the data gives at least one question"
    assert len({q.id for q in questions}) == len(questions)
    for q in questions:
        _check_supported(data, q)


def test_real_data_gives_every_kind_of_question() -> None:
    data = _dataset("shipped")
    kinds = {q.kind for q in study.generate_questions(data, random.Random(0))}
    assert kinds == set(study.KINDS)


def test_distractor_structure_is_never_named_in_the_region() -> None:
    """'Radial nerve' must not be offered as wrong for a region whose text mentions it."""
    data = _dataset("shipped")
    for q in study.generate_questions(data, random.Random(5)):
        if q.kind == study.AT_RISK:
            region = data.region(q.region_id)
            text = fold(" ".join(s.relation for s in region.structures))
            for c in q.choices:
                if c.key != q.answer:
                    assert f" {fold(c.text)} " not in f" {text} ", (q.id, c.text)


def test_prompts_and_choices_are_plain_sentences() -> None:
    data = load(MINIMAL)
    q = next(q for q in study.generate_questions(data, random.Random(0))
             if q.kind == study.RELATION)
    assert q.prompt == "In the upper test region, where does the test lung lie?"


def test_question_ids_are_stable_and_do_not_depend_on_the_seed(data: ReferenceData) -> None:
    a = [q.id for q in study.generate_questions(data, random.Random(1))]
    b = [q.id for q in study.generate_questions(data, random.Random(99))]
    assert a == b == list(study.question_ids(data))


def test_the_same_seed_gives_the_same_quiz(data: ReferenceData) -> None:
    options = study.StudyOptions(count=10, seed=42)
    assert study.build_quiz(data, {}, NOW, options) == study.build_quiz(data, {}, NOW, options)


def test_different_seeds_give_different_quizzes() -> None:
    data = _dataset("shipped")
    quizzes = {study.build_quiz(data, {}, NOW, study.StudyOptions(count=10, seed=s))
               for s in range(5)}
    assert len(quizzes) > 1


def test_options_restrict_regions_and_count(data: ReferenceData) -> None:
    region = data.regions[0].id
    quiz = study.build_quiz(data, {}, NOW, study.StudyOptions(frozenset({region}), 3, 1))
    assert 0 < len(quiz) <= 3
    assert all(q.region_id == region for q in quiz)


def test_a_wrong_answer_comes_back_sooner_than_a_right_one() -> None:
    history = study.record_answer({}, "q", True, NOW)
    history = study.record_answer(history, "q", True, history["q"].due)   # learnt
    learnt = history["q"]
    wrong = study.record_answer(history, "q", False, learnt.due)["q"]
    right = study.record_answer(history, "q", True, learnt.due)["q"]
    assert wrong.missed and not right.missed
    assert wrong.due - learnt.due <= dt.timedelta(minutes=10)   # within the session
    assert right.due - learnt.due >= dt.timedelta(days=2)


def test_each_right_answer_makes_the_wait_longer_and_a_wrong_one_starts_again() -> None:
    """FSRS (fsrs, no fuzzing): the same answers at the same times give the same schedule."""
    history: dict[str, study.ReviewState] = {}
    when = NOW
    waits = []
    for _ in range(6):
        history = study.record_answer(history, "q", True, when)
        waits.append(history["q"].due - when)
        when = history["q"].due
    assert waits[0] <= dt.timedelta(minutes=10)   # a new question: one learning step
    assert all(later > earlier for earlier, later in zip(waits[1:], waits[2:]))
    assert waits[-1] > dt.timedelta(days=30)
    assert history["q"].mastered
    history = study.record_answer(history, "q", False, when)
    assert history["q"].missed and history["q"].due - when <= dt.timedelta(minutes=10)
    assert (history["q"].seen, history["q"].right) == (7, 6)


def test_a_leitner_history_of_the_first_version_carries_over_without_losing_a_review() -> None:
    """Version 1 saved Leitner boxes; each review is kept, due when it was due."""
    text = ('{"format": "needleguide-study-history", "version": 1, "questions": {'
            '"a": {"box": 4, "due": "2026-12-03T09:00:00+00:00", "seen": 3, "right": 3,'
            ' "last": "2026-11-26T09:00:00+00:00"},'
            '"b": {"box": 1, "due": "2026-12-01T08:00:00+00:00", "seen": 2, "right": 1}}}')
    history = study.history_from_json(text)
    a, b = history["a"], history["b"]
    assert (a.seen, a.right, a.due) == (3, 3, NOW + dt.timedelta(days=2))
    assert a.stability == 7.0 and a.mastered and not a.missed
    assert (b.seen, b.right) == (2, 1) and b.missed and not b.mastered
    again = study.record_answer(history, "a", True, a.due)["a"]   # FSRS takes it from there
    assert again.due - a.due > dt.timedelta(days=7) and again.seen == 4


def test_a_session_picks_due_questions_first() -> None:
    data = _dataset("shipped")
    ids = study.question_ids(data)
    history = {qid: study.ReviewState(NOW + dt.timedelta(days=5)) for qid in ids}
    history[ids[7]] = study.ReviewState(NOW - dt.timedelta(hours=1))
    history[ids[3]] = study.ReviewState(NOW - dt.timedelta(days=2))
    quiz = study.build_quiz(data, history, NOW, study.StudyOptions(count=5, seed=0))
    assert [q.id for q in quiz[:2]] == [ids[3], ids[7]]  # most overdue first


def test_new_questions_come_before_ones_not_yet_due() -> None:
    data = load(MINIMAL)
    ids = study.question_ids(data)
    history = {qid: study.ReviewState(NOW + dt.timedelta(days=1)) for qid in ids[1:]}
    quiz = study.build_quiz(data, history, NOW, study.StudyOptions(count=2, seed=0))
    assert quiz[0].id == ids[0]


def test_new_questions_mix_the_kinds_of_question() -> None:
    """Round-robin over the kinds: a fresh quiz as long as there are kinds asks each once."""
    data = _dataset("shipped")
    for seed in range(5):
        quiz = study.build_quiz(data, {}, NOW, study.StudyOptions(count=len(study.KINDS),
                                                                  seed=seed))
        assert sorted(q.kind for q in quiz) == sorted(study.KINDS)


def test_a_long_quiz_asks_every_question_once_and_new_ones_before_later_ones() -> None:
    data = _dataset("shipped")
    ids = study.question_ids(data)
    history = {qid: study.ReviewState(NOW + dt.timedelta(days=n % 7 + 1))
               for n, qid in enumerate(ids[::3])}
    quiz = study.build_quiz(data, history, NOW, study.StudyOptions(count=10_000, seed=4))
    asked = [q.id for q in quiz]
    assert sorted(asked) == sorted(ids)   # every question, none twice
    fresh = len(ids) - len(history)
    assert not set(asked[:fresh]) & set(history)   # new ones first...
    later = [history[q].due for q in asked[fresh:]]
    assert later == sorted(later)   # ...then the soonest due


def test_reviewing_mistakes_asks_only_what_was_last_answered_wrong() -> None:
    data = _dataset("shipped")
    ids = study.question_ids(data)
    day = dt.timedelta(days=1)
    history = {ids[0]: study.ReviewState(NOW + day, seen=1, last_right=False),
               ids[5]: study.ReviewState(NOW - day, seen=1, last_right=False),
               ids[9]: study.ReviewState(NOW - day, seen=1, last_right=True)}
    quiz = study.build_quiz(data, history, NOW,
                            study.StudyOptions(count=10, seed=1, missed_only=True))
    assert [q.id for q in quiz] == [ids[5], ids[0]]   # the due one first


def test_a_session_runs_question_feedback_and_ends_in_a_summary() -> None:
    data = load(MINIMAL)
    quiz = study.build_quiz(data, {}, NOW, study.StudyOptions(count=10, seed=3))
    session = study.StudySession(quiz, {}, lambda: NOW)
    assert (session.phase, session.total) == (study.Phase.QUESTION, len(quiz))
    first = session.current
    assert first is not None
    wrong_key = next(c.key for c in first.choices if c.key != first.answer)
    assert not session.answer(wrong_key).correct
    with pytest.raises(RuntimeError):
        session.answer(first.answer)
    session.advance()
    while session.phase is not study.Phase.FINISHED:
        q = session.current
        assert q is not None
        assert session.answer(q.answer).correct
        session.advance()
    summary = session.summary()
    assert (summary.total, summary.right) == (len(quiz), len(quiz) - 1)
    assert [a.question.id for a in summary.missed] == [first.id]
    assert summary.missed_due == session.history[first.id].due
    assert session.history[first.id].missed and not session.history[quiz[-1].id].missed
    assert NOW < session.history[first.id].due <= NOW + dt.timedelta(minutes=10)


def test_an_empty_quiz_is_finished_at_once() -> None:
    session = study.StudySession((), {}, lambda: NOW)
    assert session.phase is study.Phase.FINISHED and session.current is None


def test_history_round_trips_through_readable_json() -> None:
    history = study.record_answer({}, "at-risk:neck:lung-pleura", True, NOW)
    history = study.record_answer(history, "map:gluteal:piriformis", False, NOW)
    text = study.history_to_json(history)
    assert '"version": 2' in text and '"scheduler": "fsrs"' in text and text.endswith("\n")
    assert study.history_from_json(text) == history


@pytest.mark.parametrize("text", [
    "", "{", "[]", '{"format": "other"}',
    '{"format": "needleguide-study-history", "version": 99, "questions": {}}',
    '{"format": "needleguide-study-history", "version": 1, "questions": []}',
    '{"format": "needleguide-study-history", "version": 1, "questions": {"q": {"box": 9, '
    '"due": "2026-01-01T00:00:00+00:00"}}}',
    '{"format": "needleguide-study-history", "version": 1, "questions": {"q": {"box": 1, '
    '"due": "tomorrow"}}}',
    '{"format": "needleguide-study-history", "version": 1, "questions": {"q": {"box": 1, '
    '"due": "2026-01-01T00:00:00"}}}',
    "[" * 100_000,
])
def test_damaged_history_is_rejected_with_one_error_type(text: str) -> None:
    with pytest.raises(study.HistoryFormatError):
        study.history_from_json(text)


@pytest.mark.parametrize("region_id", [r.id for r in _dataset("shipped").regions])
def test_a_quiz_on_one_region_never_has_that_region_as_its_answer(region_id: str) -> None:
    """Limited to the neck, "which region is needled for whiplash?" answers itself."""
    data = _dataset("shipped")
    options = study.StudyOptions(frozenset({region_id}), count=1000, seed=3)
    quiz = study.build_quiz(data, {}, NOW, options)
    assert quiz, f"{region_id} gives no questions"
    for q in quiz:
        assert q.region_id == region_id
        assert q.answer != region_id and region_id not in {c.key for c in q.choices}, q.prompt
    assert len(quiz) == len(study.quiz_ids(data, options.regions))


def test_a_region_quiz_still_asks_about_its_conditions() -> None:
    data = _dataset("shipped")
    neck = data.region("neck")
    assert neck.conditions
    quiz = study.build_quiz(data, {}, NOW, study.StudyOptions(frozenset({"neck"}), 1000, 1))
    asked = {q.answer for q in quiz if q.kind == study.NEEDLED_FOR}
    assert asked == {c.condition.id for c in neck.conditions}


def test_questions_are_made_once_per_data_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """Choosing "All regions" used to regenerate every question ten times (3.6 s)."""
    data = _dataset("shipped")
    study.question_ids(data)
    made = []
    original = study._at_risk_specs

    def counted(*a):
        made.append(1)
        return original(*a)
    monkeypatch.setattr(study, "_at_risk_specs", counted)
    for regions in (frozenset(), frozenset({"neck"}), frozenset({"neck", "gluteal"})):
        study.quiz_ids(data, regions)
        study.build_quiz(data, {}, NOW, study.StudyOptions(regions, 10, 1))
    assert made == []
    study.question_ids(load(SHIPPED))   # another data set is made anew
    assert made == [1]


@pytest.mark.timeout(60)  # quadratic generation took about 5 minutes at this size
def test_question_making_stays_linear_in_the_data() -> None:
    """Made of the shipped data copied 60 times: every distractor still checked against the
    data, and the work per question does not grow with the number of regions."""
    from benchmarks.make_big_data import build
    big = load_text(build(60), "big.yaml")
    quiz = study.build_quiz(big, {}, NOW, study.StudyOptions(count=50, seed=2))
    assert len(quiz) == 50
    for q in quiz:
        _check_supported(big, q)


@pytest.mark.parametrize("hours, said", [(-1, "now"), (0, "now"), (2, "later today"),
                                         (24, "tomorrow"), (3 * 24, "in 3 days"),
                                         (14 * 24, "in 14 days")])
def test_when_a_review_falls_due_reads_as_words(hours: int, said: str) -> None:
    assert study.due_phrase(NOW + dt.timedelta(hours=hours), NOW) == said


def test_a_sample_question_never_shows_its_answer_in_the_figure() -> None:
    """'1 of 15' in the figure would give away 'n = 15'."""
    data = _dataset("shipped")
    for q in study.generate_questions(data, random.Random(0)):
        if q.kind == study.SAMPLE:
            n = q.correct_choice.text.split(",")[0].removeprefix("n = ")
            assert f"of {n}" not in q.prompt and f"n = {n}" not in q.prompt, q.prompt
