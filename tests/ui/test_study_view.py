"""The Study view as a student uses it: keyboard only, the body map, feedback with sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QPointF, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from needleguide.core import study
from needleguide.core.loader import load
from needleguide.core.model import ReferenceData
from needleguide.store.study import StudyStore
from needleguide.ui.study_view import StudyView
from tests.faults import DISK_FULL, FaultyDatabase

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "data" / "regions.yaml"
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def real_data() -> ReferenceData:
    if not SHIPPED.exists():
        pytest.skip("data/regions.yaml is not there yet")
    return load(SHIPPED)


@pytest.fixture
def make_view(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    def _make(data: ReferenceData, **kwargs: object) -> StudyView:
        kwargs.setdefault("store", StudyStore(tmp_path / "appdata"))
        view = StudyView(data, clock=lambda: NOW, **kwargs)  # type: ignore[arg-type]
        qtbot.addWidget(view)
        view.resize(900, 760)
        view.show()
        qtbot.waitExposed(view)
        qtbot.waitUntil(lambda: view.questions_ready()
                        and "Preparing" not in view.intro_text.text())
        return view
    return _make


def _no_map(parent: QWidget) -> None:
    return None


def _press(qtbot, view: StudyView, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """A key press where the user's focus is, as a real keyboard delivers it."""
    target = QApplication.focusWidget() or view.focusWidget() or view
    assert target is view or view.isAncestorOf(target), target
    qtbot.keyClick(target, key)


def test_a_ten_question_session_can_be_done_from_the_keyboard_alone(
        qtbot, make_view, real_data, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view = make_view(real_data, map_factory=_no_map)
    view.set_options(study.StudyOptions(count=10, seed=11))
    view.activateWindow()
    qtbot.waitActive(view)
    view.start_button.setFocus()
    _press(qtbot, view, Qt.Key.Key_Return)
    keys = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4]
    for k in range(10):
        question = view.current_question()
        assert question is not None
        assert view.progress_label.text().startswith(f"Question {k + 1} of 10")
        _press(qtbot, view, keys[k % len(question.choices)])
        assert view.feedback.isVisible()
        _press(qtbot, view, Qt.Key.Key_Enter if k % 2 else Qt.Key.Key_Return)
    assert view.stack.currentWidget() is view.summary_page
    assert "Session complete" in view.summary_title.text()
    assert "of 10 right" in view.summary_title.text()
    assert len(view.history()) == 10
    assert StudyStore(tmp_path / "appdata").load().content == view.history()  # saved


def test_feedback_names_the_right_answer_in_words_and_cites_its_source(
        qtbot, make_view, real_data) -> None:  # type: ignore[no-untyped-def]
    view = make_view(real_data, map_factory=_no_map)
    view.set_options(study.StudyOptions(count=5, seed=2))
    view.start()
    question = view.current_question()
    assert question is not None
    assert view.prompt_label.textFormat() == Qt.TextFormat.PlainText
    wrong = next(n for n, c in enumerate(question.choices, 1) if c.key != question.answer)
    right = next(n for n, c in enumerate(question.choices, 1) if c.key == question.answer)
    view.answer(wrong)
    assert view.verdict_label.text().startswith("✘ Not right")
    assert "Right answer" in view.answer_buttons[right - 1].text_shown()
    assert "Your answer" in view.answer_buttons[wrong - 1].text_shown()
    assert "Right answer" in view.answer_buttons[right - 1].accessibleName()
    assert question.citations[0] in view.sources_label.text()
    with qtbot.waitSignal(view.region_link_activated) as blocker:
        view.card_button.click()
    assert blocker.args == [question.region_id]


def test_a_wrong_answer_comes_back_sooner_than_a_right_one(
        make_view, real_data) -> None:  # type: ignore[no-untyped-def]
    view = make_view(real_data, map_factory=_no_map)
    view.set_options(study.StudyOptions(count=2, seed=4))
    view.start()
    first, second = (view.current_question(), None)
    assert first is not None
    view.answer_key(first.answer)
    view.next_question()
    second = view.current_question()
    assert second is not None
    view.answer_key(next(c.key for c in second.choices if c.key != second.answer))
    history = view.history()
    assert history[second.id].due < history[first.id].due


def test_ticking_regions_in_the_menu_updates_the_choice_and_the_count(
        make_view, real_data) -> None:  # type: ignore[no-untyped-def]
    view = make_view(real_data, map_factory=_no_map)
    by_name = {a.text(): a for a in view.region_menu.actions()}
    by_name["Neck"].trigger()
    assert view.region_button.text() == "Neck"
    neck = len(study.quiz_ids(real_data, frozenset({"neck"})))
    assert f"{neck} questions for the chosen regions" in view.intro_text.text()
    by_name["Gluteal"].trigger()
    assert view.region_button.text() == "2 regions"
    by_name["All regions"].trigger()
    assert view.region_button.text() == "All regions"
    assert f"{len(study.question_ids(real_data))} questions" in view.intro_text.text()


def test_options_restrict_the_quiz_to_chosen_regions(
        make_view, real_data) -> None:  # type: ignore[no-untyped-def]
    view = make_view(real_data, map_factory=_no_map)
    view.set_options(study.StudyOptions(frozenset({"gluteal"}), 4, 9))
    assert view.region_button.text() == "Gluteal"
    view.start()
    seen = []
    while (q := view.current_question()) is not None:
        seen.append(q.region_id)
        view.answer(1)
        view.next_question()
    assert seen and set(seen) == {"gluteal"} and len(seen) <= 4


def _map_question(view: StudyView) -> study.Question:
    while (q := view.current_question()) is not None and q.kind != study.MAP:
        view.answer(1)
        view.next_question()
    assert q is not None, "the quiz had no body-map question"
    return q


def _click_region(qtbot, body_map, region_id: str) -> None:  # type: ignore[no-untyped-def]
    view_name = next(v for v in ("front", "back")
                     if region_id in body_map.figure(v).regions())
    body_map.show_view(view_name)
    shape = next(s for s in body_map.figure().shapes if s.region == region_id)
    point = body_map.figure_transform().map(QPointF(*shape.interior_point()))
    assert body_map.region_at(point) == region_id
    qtbot.mouseClick(body_map, Qt.MouseButton.LeftButton, pos=point.toPoint())


@pytest.mark.parametrize("click", ["right", "wrong", "outside"])
def test_the_map_question_accepts_a_click_inside_the_right_region_only(
        qtbot, make_view, real_data, click: str) -> None:  # type: ignore[no-untyped-def]
    view = make_view(real_data)
    view.set_options(study.StudyOptions(count=40, seed=1))
    view.start()
    question = _map_question(view)
    body_map = view.map_widget()
    assert body_map is not None and body_map.isVisible()
    if click == "outside":
        qtbot.mouseClick(body_map, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
        assert view.current_question() == question and not view.feedback.isVisible()
        return
    target = question.answer if click == "right" else next(
        c.key for c in question.choices if c.key != question.answer)
    _click_region(qtbot, body_map, target)
    assert view.feedback.isVisible()
    assert view.verdict_label.text().startswith("✔" if click == "right" else "✘")
    assert view.history()[question.id].missed == (click != "right")


def test_a_corrupt_history_is_reported_and_kept(
        qtbot, make_view, real_data, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = StudyStore(tmp_path / "appdata")
    store.directory.mkdir(parents=True)
    store.legacy_path.write_text("not json at all", "utf-8")  # an earlier version's file
    view = make_view(real_data, store=store, map_factory=_no_map)
    assert view.notice.isVisible() and "could not be read" in view.notice.text()
    kept = [p for p in store.directory.iterdir() if "corrupt" in p.name]
    assert [p.read_text("utf-8") for p in kept] == ["not json at all"]


def test_a_failed_save_is_shown_and_the_next_answer_saves_everything(
        qtbot, make_view, real_data, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    database = FaultyDatabase(tmp_path / "appdata")
    store = StudyStore(database.directory, database=database)
    view = make_view(real_data, store=store, map_factory=_no_map)
    view.set_options(study.StudyOptions(count=3, seed=5))
    view.start()
    database.fail_writes(DISK_FULL)
    with qtbot.waitSignal(view.problem_reported):
        view.answer(1)
    assert view.notice.isVisible() and "could not be saved" in view.notice.text()
    assert "the disk is full" in view.notice.text()
    database.fail_writes(None)
    view.next_question()
    view.answer(1)
    assert not view.notice.isVisible()
    assert len(store.load().content) == 2


def test_the_minimal_data_runs_a_whole_session(make_view) -> None:  # type: ignore[no-untyped-def]
    minimal = load(ROOT / "tests" / "data" / "minimal.yaml")
    view = make_view(minimal, map_factory=_no_map)
    view.set_options(study.StudyOptions(count=10, seed=0))
    view.start()
    count = 0
    while (q := view.current_question()) is not None:
        view.answer_key(q.answer)
        view.next_question()
        count += 1
    assert count == len(study.question_ids(minimal))
    assert view.summary_title.text().startswith(f"Session complete: {count} of {count}")


def test_without_map_files_map_questions_are_answered_with_the_choices(
        qtbot, make_view, real_data, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A damaged install (no body-map SVGs) must not leave a blank map to click on."""
    from needleguide.ui.study_view import body_map_factory

    # the app's map factory, on a resources folder without the figures
    view = make_view(real_data, map_factory=body_map_factory(real_data, tmp_path))
    view.set_options(study.StudyOptions(count=40, seed=1))
    view.start()
    question = _map_question(view)
    assert view.map_widget() is None
    assert view.hint_label.text().startswith("Press 1-")
    view.answer(1)
    assert view.history()[question.id].seen == 1


def test_no_seed_control_is_on_screen(make_view, real_data) -> None:  # type: ignore[no-untyped-def]
    """A seed is for tests (set_options); students saw a "Seed" box they had no use for."""
    from PySide6.QtWidgets import QSpinBox
    view = make_view(real_data, map_factory=_no_map)
    boxes = view.findChildren(QSpinBox)
    assert [b.accessibleName() for b in boxes] == ["Questions: how many to ask"]


def test_the_last_regions_and_count_come_back_next_time(  # type: ignore[no-untyped-def]
        make_view, real_data) -> None:
    first = make_view(real_data, map_factory=_no_map)
    first.set_options(study.StudyOptions(frozenset({"gluteal", "neck"}), 7))
    first.start()
    QCoreApplication.processEvents()   # written once the quiz is on screen
    again = make_view(real_data, map_factory=_no_map)
    assert again.options().regions == {"gluteal", "neck"}
    assert again.options().count == 7
    assert again.region_button.text() == "2 regions"


def test_the_summary_says_when_questions_come_back_in_words(  # type: ignore[no-untyped-def]
        qtbot, make_view, real_data) -> None:
    view = make_view(real_data, map_factory=_no_map)
    view.set_options(study.StudyOptions(count=2, seed=4))
    view.start()
    for _ in range(2):
        question = view.current_question()
        assert question is not None
        view.answer_key(question.answer)
        view.next_question()
    text = view.summary_text.text()
    assert "come back later today at the earliest" in text
    assert "day(s)" not in text


def test_escape_closes_the_study_window(  # type: ignore[no-untyped-def]
        qtbot, real_data, tmp_path) -> None:
    from needleguide.ui.study_window import StudyWindow
    window = StudyWindow(real_data, StudyStore(tmp_path / "appdata"))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    qtbot.keyClick(window.focusWidget() or window.view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_the_summary_counts_what_was_missed_in_plain_words(  # type: ignore[no-untyped-def]
        make_view, real_data) -> None:
    view = make_view(real_data, map_factory=_no_map)
    view.set_options(study.StudyOptions(count=2, seed=4))
    view.start()
    for right in (False, True):
        question = view.current_question()
        assert question is not None
        view.answer_key(question.answer if right else
                        next(c.key for c in question.choices if c.key != question.answer))
        view.next_question()
    assert "The question you missed comes back later today." in view.summary_text.text()
    assert "(s)" not in view.summary_text.text()


def _answer_all(view: StudyView, right: bool) -> list[study.Question]:
    asked = []
    while (question := view.current_question()) is not None:
        asked.append(question)
        view.answer_key(question.answer if right else
                        next(c.key for c in question.choices if c.key != question.answer))
        view.next_question()
    return asked


def test_review_my_mistakes_is_one_click_and_asks_only_those(  # type: ignore[no-untyped-def]
        make_view, real_data, tmp_path) -> None:
    view = make_view(real_data, map_factory=_no_map)
    view.set_options(study.StudyOptions(frozenset({"gluteal"}), 3, 2))
    view.start()
    missed = _answer_all(view, right=False)
    again = make_view(real_data, map_factory=_no_map,
                      store=StudyStore(tmp_path / "appdata"))  # the first one's folder
    assert again.missed_button.isEnabled()
    assert again.missed_button.text() == "Review my mistakes (3)"
    again.missed_button.click()
    assert sorted(q.id for q in _answer_all(again, right=True)) == sorted(q.id for q in missed)


def test_the_summary_links_to_the_card_of_each_region_missed(  # type: ignore[no-untyped-def]
        qtbot, make_view, real_data) -> None:
    view = make_view(real_data, map_factory=_no_map)
    view.set_options(study.StudyOptions(frozenset({"gluteal"}), 2, 2))
    view.start()
    _answer_all(view, right=False)
    buttons = [view.missed_cards.itemAt(i).widget() for i in range(view.missed_cards.count())]
    buttons = [b for b in buttons if b is not None]
    assert [b.text() for b in buttons] == ["Open the Gluteal card"]
    with qtbot.waitSignal(view.region_link_activated) as opened:
        buttons[0].click()
    assert opened.args == ["gluteal"]


def test_progress_shows_each_region_in_words_a_screen_reader_reads(  # type: ignore[no-untyped-def]
        make_view, real_data, tmp_path) -> None:
    view = make_view(real_data, map_factory=_no_map)
    view.set_options(study.StudyOptions(frozenset({"neck"}), 2, 2))
    view.start()
    _answer_all(view, right=True)
    again = make_view(real_data, map_factory=_no_map,
                      store=StudyStore(tmp_path / "appdata"))  # the first one's folder
    table = again.progress_view
    model = table.model()
    total = sum(1 for q in study.question_ids(real_data) if q.split(":")[1] == "neck")
    # right once: learning, not yet mastered
    assert table.row_text("neck") == ["Neck", f"0 of {total} mastered",
                                      f"none due · {total - 2} new"]
    assert [model.index(row, 0).data() for row in range(model.rowCount())] == [
        r.name for r in real_data.regions]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "Region", "Mastered", "Review"]


def test_closing_study_gives_the_keyboard_back_to_the_main_window(window) -> None:  # type: ignore[no-untyped-def]
    """Seen in a real X window without a window manager: after Escape closed the study
    window, no window had the keyboard and Ctrl+T did nothing."""
    activated: list[bool] = []
    window.activateWindow = lambda: activated.append(True)
    study = window.show_study()
    study.close()
    assert activated == [True]


def test_an_after_event_question_opens_something_went_wrong(  # type: ignore[no-untyped-def]
        qtbot, make_view, real_data) -> None:
    view = make_view(real_data, map_factory=_no_map)
    view.set_options(study.StudyOptions(count=1000, seed=1))
    view.start()
    while (question := view.current_question()) is not None:
        view.answer_key(question.answer)
        if question.kind == study.AFTER_EVENT:
            break
        view.next_question()
    assert question is not None and question.kind == study.AFTER_EVENT
    assert view.card_button.text() == "Open \u201cSomething went wrong\u201d"
    with qtbot.waitSignal(view.after_events_link_activated):
        view.card_button.click()


def test_making_the_questions_does_not_hold_up_the_window(  # type: ignore[no-untyped-def]
        qtbot, monkeypatch, real_data, tmp_path) -> None:
    """At 100x the data, making the questions took 0.3-0.8 s when study mode opened, with
    the window frozen. They are made in a thread: the window paints and keeps answering."""
    import threading
    release = threading.Event()
    real = study.question_ids

    def slow(data):  # type: ignore[no-untyped-def]
        release.wait(10)
        return real(data)

    monkeypatch.setattr(study, "question_ids", slow)
    view = StudyView(real_data, store=StudyStore(tmp_path / "appdata"), clock=lambda: NOW,
                     map_factory=_no_map)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    ticks: list[int] = []
    timer = QTimer(view)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.waitUntil(lambda: len(ticks) >= 5)   # the event loop runs while questions are made
    assert view.intro_text.text() == "Preparing the questions\u2026"
    assert not view.questions_ready()
    release.set()
    qtbot.waitUntil(lambda: "questions for the chosen regions" in view.intro_text.text())
    view.set_options(study.StudyOptions(count=3, seed=1))
    view.start()
    assert view.current_question() is not None
