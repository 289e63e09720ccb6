"""Study mode: multiple-choice questions generated from the data, with a Leitner review
schedule. Keyboard: 1-4 answer, Enter starts / continues / studies again.

All text from the data is shown as plain text. The widget owns no rules: questions, schedule
and session come from ``core.study``; history goes through ``StudyStore``.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import logging
import threading
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QMenu, QProgressBar, QPushButton,
                               QScrollArea, QSpinBox, QStackedWidget, QToolButton,
                               QVBoxLayout, QWidget)

from needleguide.core import study, study_progress
from needleguide.core.model import ReferenceData
from needleguide.drawing.pages import QT_TRANSLATE_NOOP, tooltip
from needleguide.store.errors import StoreError
from needleguide.store.study import StudyStore
from needleguide.ui import settings
from needleguide.ui.settings import SettingsFactory
from needleguide.ui.announce import Group, announce, show_focus
from needleguide.ui.answer_button import AnswerButton, plain_label
from needleguide.ui.study_progress_view import StudyProgressView

log = logging.getLogger("needleguide")
Clock = Callable[[], _dt.datetime]
# A question's kind above its prompt (translated where shown, in the context "StudyView").
# The questions themselves are made by core.study from the data, and stay English.
KIND_TITLES = {study.AT_RISK: QT_TRANSLATE_NOOP("StudyView", "Structures at risk"),
               study.CONDITION: QT_TRANSLATE_NOOP("StudyView", "Conditions"),
               study.RELATION: QT_TRANSLATE_NOOP("StudyView", "Where it runs"),
               study.MAP: QT_TRANSLATE_NOOP("StudyView", "Body map"),
               study.NEEDLED_FOR: QT_TRANSLATE_NOOP("StudyView", "Conditions"),
               study.CORRECTION: QT_TRANSLATE_NOOP("StudyView", "Claims and evidence"),
               study.SAMPLE: QT_TRANSLATE_NOOP("StudyView", "Reported distances"),
               study.AFTER_EVENT: QT_TRANSLATE_NOOP("StudyView", "Something went wrong"),
               study.MUSCLE: QT_TRANSLATE_NOOP("StudyView", "Muscle cards")}
_NUMBER_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}


MapFactory = Callable[[QWidget], QWidget | None]  # None: no map, answer with the choices


def body_map_factory(data: ReferenceData, resources: Path | None = None) -> MapFactory:
    """The body map for MAP questions: a click on a region answers with its id. Its figures
    come from ``resources`` (None: the installed resources folder)."""
    def make(parent: QWidget) -> QWidget | None:
        from needleguide.ui.body_map import BodyMap
        body_map = BodyMap(parent, resources=resources)
        body_map.set_regions({r.id: r.name for r in data.regions})
        body_map.set_home_views({r.id: r.view.value for r in data.regions})
        body_map.load_figures()  # now, so that a damaged install falls back to the choices
        if not body_map.figures_loaded():
            body_map.deleteLater()
            return None
        return body_map
    return make


class StudyView(QWidget):
    """Options row, question, answer buttons, feedback, progress and a summary."""

    region_link_activated = Signal(str)   # "open this region's card"
    after_events_link_activated = Signal()  # "open Something went wrong"
    problem_reported = Signal(str)        # history could not be read or saved

    def __init__(self, data: ReferenceData, store: StudyStore,
                 clock: Clock | None = None,
                 map_factory: MapFactory | None = None,
                 parent: QWidget | None = None,
                 make_settings: SettingsFactory = settings.make_settings) -> None:
        """``make_settings`` keeps the options of the last quiz across runs."""
        super().__init__(parent)
        self._settings = make_settings
        self.setObjectName("StudyView")
        # Takes the number keys when focused, but is not a Tab stop of its own: every stop
        # is a named control with a visible focus frame.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setAccessibleName(self.tr("Study mode"))
        self._data = data
        self._store = store
        self._clock: Clock = clock or (lambda: _dt.datetime.now(_dt.timezone.utc))
        # None: the shipped body map. A factory returning None: choices only.
        self._map_factory: MapFactory | None = (map_factory if map_factory is not None
                                                 else body_map_factory(data))
        self._map: QWidget | None = None
        self._session: study.StudySession | None = None
        self._history: dict[str, study.ReviewState] = {}
        self._seed: int | None = None   # None: a different quiz each time (tests set one)
        self._remembered: tuple[str, int] | None = None   # the options last written
        # The questions are made once per data set (0.3-0.8 s at 100x the shipped data): in a
        # thread, so the window paints and answers at once; Start waits for it if need be.
        self._prepared = threading.Event()
        threading.Thread(target=self._prepare, name="study-questions", daemon=True).start()
        self._build()
        self._restore_options()
        self._load_history()
        self._show_intro()

    # -- public API ---------------------------------------------------------------------------
    def options(self) -> study.StudyOptions:
        regions = frozenset(a.data() for a in self._region_actions if a.isChecked())
        return study.StudyOptions(regions, self.count_box.value(), self._seed)

    def set_options(self, options: study.StudyOptions) -> None:
        """Regions and count as the user would set them; a seed (for tests) repeats a quiz."""
        for action in self._region_actions:
            action.setChecked(action.data() in options.regions)
        self.count_box.setValue(options.count)
        self._seed = options.seed
        self._update_region_button()

    def start(self) -> None:
        """Begin a session with the current options: due questions first."""
        self._remember_options()
        self._start(self.options())

    def _prepare(self) -> None:
        try:
            study.question_ids(self._data)
        finally:
            self._prepared.set()

    def questions_ready(self) -> bool:
        return self._prepared.is_set()

    def _start(self, options: study.StudyOptions) -> None:
        self._prepared.wait()
        questions = study.build_quiz(self._data, self._history, self._clock(), options)
        self._session = study.StudySession(questions, self._history, self._clock)
        self.stack.setCurrentWidget(self.quiz_page)
        self._show_question()

    def review_missed(self) -> None:
        """A quiz of the questions last answered wrong (for the chosen regions)."""
        self._start(dataclasses.replace(self.options(), missed_only=True))

    def current_question(self) -> study.Question | None:
        return self._session.current if self._session else None

    def answer(self, number: int) -> None:
        """Answer with choice ``number`` (1-based), as the number keys do."""
        session, question = self._session, self.current_question()
        if session is None or question is None or session.phase is not study.Phase.QUESTION:
            return
        if 1 <= number <= len(question.choices):
            self.answer_key(question.choices[number - 1].key)

    def answer_key(self, key: str) -> None:
        """Answer with a choice key, or with the region id clicked on the body map."""
        session = self._session
        if session is None or session.phase is not study.Phase.QUESTION:
            return
        result = session.answer(key)
        self._history = session.history
        self._save()
        self._show_feedback(result)

    def next_question(self) -> None:
        session = self._session
        if session is not None and session.phase is study.Phase.FEEDBACK:
            session.advance()
            self._show_question()

    def history(self) -> dict[str, study.ReviewState]:
        return dict(self._history)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "verdict_label"):
            self._apply_palette()
        super().changeEvent(event)

    # -- keyboard -----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        phase = self._session.phase if self._session else None
        on_quiz = self.stack.currentWidget() is self.quiz_page
        if key in _NUMBER_KEYS and on_quiz and phase is study.Phase.QUESTION:
            self.answer(_NUMBER_KEYS[key])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if on_quiz and phase is study.Phase.FEEDBACK:
                self.next_question()
            elif not on_quiz:
                self.start()
            else:
                return super().keyPressEvent(event)
        else:
            return super().keyPressEvent(event)
        event.accept()

    # -- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.notice = plain_label(self, "notice")
        self.notice.setFrameShape(QFrame.Shape.StyledPanel)
        self.notice.hide()
        outer.addWidget(self.notice)
        outer.addLayout(self._build_options())
        self.stack = QStackedWidget(self)
        outer.addWidget(self.stack, 1)
        self.intro_page = self._page(self._build_intro)
        self.quiz_page = self._page(self._build_quiz)
        self.summary_page = self._page(self._build_summary)
        self._apply_palette()

    def _page(self, build: Callable[[QVBoxLayout], None]) -> QScrollArea:
        scroll = QScrollArea(self.stack)
        scroll.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # its controls are the Tab stops
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget(scroll)
        layout = QVBoxLayout(inner)
        layout.setSpacing(10)
        build(layout)
        layout.addStretch(1)
        scroll.setWidget(inner)
        self.stack.addWidget(scroll)
        return scroll

    def _build_options(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.region_button = QToolButton(self)
        self.region_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.region_menu = QMenu(self.region_button)
        self.region_button.setMenu(self.region_menu)
        self._region_actions: list[QAction] = []
        self._fill_region_menu()
        self.count_box = QSpinBox(self)
        self.count_box.setRange(1, 100)
        self.count_box.setValue(10)
        self.count_box.setAccessibleName(self.tr("Questions: how many to ask"))
        self.count_box.lineEdit().setAccessibleName(self.tr("Questions: how many to ask"))
        self.start_button = QPushButton(self.tr("Start (Enter)"), self)
        self.start_button.setAccessibleName(self.tr("Start a study session"))
        self.start_button.clicked.connect(self.start)
        for text, widget in ((self.tr("Regions:"), self.region_button),
                             (self.tr("Questions:"), self.count_box)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.start_button)
        return row

    def _fill_region_menu(self) -> None:
        self.region_menu.clear()
        every = self.region_menu.addAction(self.tr("All regions"))
        every.triggered.connect(self._select_all_regions)
        self.region_menu.addSeparator()
        self._region_actions = []
        for region in self._data.regions:
            action = self.region_menu.addAction(region.name)
            action.setCheckable(True)
            action.setData(region.id)
            self._region_actions.append(action)
        # One connection for the menu, not one per region (900 at 100x the data: 26 ms)
        self.region_menu.triggered.connect(self._region_picked)
        self._update_region_button()

    def _region_picked(self, action: QAction) -> None:
        if action.isCheckable():   # a region ticked or unticked ("All regions" has its own)
            self._update_region_button()

    def _select_all_regions(self) -> None:
        for action in self._region_actions:
            action.setChecked(False)
        self._update_region_button()

    def _update_region_button(self) -> None:
        chosen = [a.text() for a in self._region_actions if a.isChecked()]
        every = self.tr("All regions")
        text = (every if not chosen else chosen[0] if len(chosen) == 1
                else self.tr("%n regions", "", len(chosen)))
        self.region_button.setText(text)
        self.region_button.setToolTip(tooltip(", ".join(chosen) or every))
        # Named by what it shows, then what it is; described in plain text (the tooltip is
        # rich text, and a screen reader would read its markup).
        self.region_button.setAccessibleName(self.tr("{shown}: regions to study").format(
            shown=text))
        self.region_button.setAccessibleDescription(", ".join(chosen) or every)
        if hasattr(self, "intro_text"):
            self._show_intro()

    def _build_intro(self, layout: QVBoxLayout) -> None:
        self.intro_text = plain_label(self, "intro_text")
        layout.addWidget(self.intro_text)
        self.missed_button = QPushButton(self)
        self.missed_button.setObjectName("missed_button")
        self.missed_button.clicked.connect(self.review_missed)
        row = QHBoxLayout()
        row.addWidget(self.missed_button)
        row.addStretch(1)
        layout.addLayout(row)
        heading = plain_label(self, "progress_heading")
        heading.setText(self.tr("Your progress: a question counts as mastered once the "
                                "scheduler expects you to remember it for a week or more "
                                "(about three right answers on different days)."))
        layout.addWidget(heading)
        self.progress_view = StudyProgressView(self)
        layout.addWidget(self.progress_view)

    def _build_quiz(self, layout: QVBoxLayout) -> None:
        top = QHBoxLayout()
        self.progress_label = plain_label(self, "progress_label", wrap=False)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumHeight(8)
        top.addWidget(self.progress_label)
        top.addWidget(self.progress_bar, 1)
        layout.addLayout(top)
        self.kind_label = plain_label(self, "kind_label")
        self.prompt_label = plain_label(self, "prompt_label")
        font = self.prompt_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.prompt_label.setFont(font)
        self.context_label = plain_label(self, "context_label")
        layout.addWidget(self.kind_label)
        layout.addWidget(self.prompt_label)
        layout.addWidget(self.context_label)
        self.map_holder = QVBoxLayout()
        layout.addLayout(self.map_holder)
        self.answer_buttons = []
        # A group a screen reader names after the question, so moving into it says what
        # the choices answer.
        self.answer_group = Group(self)
        self.answer_group.setObjectName("answer_group")
        answers = QVBoxLayout(self.answer_group)
        answers.setContentsMargins(0, 0, 0, 0)
        for number in range(1, study.MAX_CHOICES + 1):
            button = AnswerButton(number, self.answer_group)
            button.clicked.connect(lambda _=False, n=number: self.answer(n))
            self.answer_buttons.append(button)
            answers.addWidget(button)
        layout.addWidget(self.answer_group)
        self.hint_label = plain_label(self, "hint_label")
        layout.addWidget(self.hint_label)
        self.feedback = QFrame(self)
        self.feedback.setObjectName("feedback")
        self.feedback.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(self.feedback)
        self.verdict_label = plain_label(self, "verdict_label")
        verdict_font = self.verdict_label.font()
        verdict_font.setBold(True)
        verdict_font.setPointSizeF(verdict_font.pointSizeF() * 1.15)
        self.verdict_label.setFont(verdict_font)
        self.explanation_label = plain_label(self, "explanation_label")
        self.sources_label = plain_label(self, "sources_label")
        self.card_button = QPushButton(self)
        self.card_button.clicked.connect(self._open_card)
        self.next_button = QPushButton(self.tr("Next (Enter)"), self)
        self.next_button.clicked.connect(self.next_question)
        for widget in (self.verdict_label, self.explanation_label, self.sources_label):
            box.addWidget(widget)
        buttons = QHBoxLayout()
        buttons.addWidget(self.card_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        box.addLayout(buttons)
        layout.addWidget(self.feedback)

    def _build_summary(self, layout: QVBoxLayout) -> None:
        self.summary_title = plain_label(self, "summary_title")
        font = self.summary_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.summary_title.setFont(font)
        self.summary_text = plain_label(self, "summary_text")
        self.again_button = QPushButton(self.tr("Study again (Enter)"), self)
        self.again_button.clicked.connect(self.start)
        layout.addWidget(self.summary_title)
        layout.addWidget(self.summary_text)
        self.missed_cards = QHBoxLayout()   # "Open the Neck card" for each region missed
        layout.addLayout(self.missed_cards)
        row = QHBoxLayout()
        row.addWidget(self.again_button)
        row.addStretch(1)
        layout.addLayout(row)

    def _apply_palette(self) -> None:
        """Right/wrong get a colour AND a word and symbol; hues chosen for the palette."""
        base = self.palette().color(QPalette.ColorRole.Base)
        dark = base.lightness() < 128
        right, wrong = (QColor("#6fd08c"), QColor("#ff7b7b")) if dark else \
            (QColor("#1b7f3b"), QColor("#b3001b"))
        self._colours = {"right": right.name(), "wrong": wrong.name()}
        self.setStyleSheet(
            f'AnswerButton[mark="right"] {{ border: 3px solid {right.name()}; '
            f'border-radius: 4px; background: {base.name()}; }}\n'
            f'AnswerButton[mark="wrong"] {{ border: 3px dashed {wrong.name()}; '
            f'border-radius: 4px; background: {base.name()}; }}')

    # -- showing ------------------------------------------------------------------------------
    def _load_history(self) -> None:
        result = self._store.load()
        self._history = result.content
        if result.problem:
            log.warning("%s", result.problem)
            self._report(result.problem, "load")

    def _save(self) -> None:
        try:
            self._history = self._store.save(self._history)
        except StoreError as exc:
            log.error("Study progress not saved: %s", exc)
            self._report(self.tr("Your study progress could not be saved ({problem}). It is "
                                 "kept while needleguide is open and saved again after your "
                                 "next answer.").format(problem=exc), "save")
        else:
            if self.notice.property("kind") == "save":
                self.notice.hide()

    def _restore_options(self) -> None:
        """The regions and number of questions of the last quiz started."""
        store = self._settings()
        regions = store.value(settings.STUDY_REGIONS, "")
        count = store.value(settings.STUDY_COUNT, 10)
        known = {r.id for r in self._data.regions}
        chosen = frozenset(r for r in str(regions).split(",") if r in known)
        try:
            number = int(str(count))
        except ValueError:
            number = 10
        self.set_options(study.StudyOptions(chosen, max(1, min(number, 100)), self._seed))
        self._remembered = (",".join(sorted(chosen)), self.count_box.value())

    def _remember_options(self) -> None:
        """Kept for the next time study mode opens. Written after the quiz is on screen and
        only when changed: QSettings syncs its file to disk (15 ms on a busy disk)."""
        options = self.options()
        wanted = (",".join(sorted(options.regions)), options.count)
        if wanted != self._remembered:
            self._remembered = wanted
            QTimer.singleShot(0, self, lambda: self._write_options(*wanted))

    def _write_options(self, regions: str, count: int) -> None:
        store = self._settings()
        store.setValue(settings.STUDY_REGIONS, regions)
        store.setValue(settings.STUDY_COUNT, count)

    def _report(self, message: str, kind: str) -> None:
        """Show a problem with the history above the quiz; ``kind`` is "load" or "save" (a
        save notice goes when a later save succeeds)."""
        self.notice.setText(f"\u26a0 {message}")
        self.notice.setProperty("kind", kind)
        self.notice.show()
        self.problem_reported.emit(message)

    def _show_intro(self) -> None:
        if self._session is not None and self.stack.currentWidget() is not self.intro_page:
            return
        if not self._prepared.is_set():  # counted once the questions are made
            self.intro_text.setText(self.tr("Preparing the questions\u2026"))
            self.stack.setCurrentWidget(self.intro_page)
            QTimer.singleShot(20, self, self._show_intro)
            return
        now = self._clock()
        regions = self.options().regions
        ids = study.quiz_ids(self._data, regions)
        due = sum(1 for q in ids if q in self._history and self._history[q].due <= now)
        new = sum(1 for q in ids if q not in self._history)
        missed = len(study_progress.missed_ids(self._data, self._history, regions))
        self.missed_button.setText(self.tr("Review my mistakes ({count})").format(count=missed))
        self.missed_button.setEnabled(bool(missed))
        self.missed_button.setAccessibleName(self.tr(
            "Review my mistakes: %n questions last answered wrong", "", missed))
        self.progress_view.set_rows(study_progress.progress(self._data, self._history, now))
        asked = len(ids)
        self.intro_text.setText("\n\n".join((
            self.tr("Test yourself on the reference data: structures at risk, conditions, "
                    "where structures run, and where muscles are needled."),
            self.tr("%n questions for the chosen regions: {due} due for review, {new} new.\n"
                    "Questions you get wrong come back sooner.", "", asked).format(
                        due=due, new=new),
            self.tr("Press Enter or Start. Answer with the number keys 1-4; Enter continues."))))
        self.stack.setCurrentWidget(self.intro_page)

    def _show_question(self) -> None:
        session = self._session
        assert session is not None
        question = session.current
        if question is None:
            self._show_summary()
            return
        self.progress_label.setText(self._progress_text(session))
        self.progress_bar.setRange(0, session.total)
        self.progress_bar.setValue(session.index)
        kind = KIND_TITLES.get(question.kind, "")
        self.kind_label.setText(self.tr(kind) if kind else "")
        headline, _, context = question.prompt.partition("\n")
        self.prompt_label.setText(headline)
        self.answer_group.setAccessibleName(self.tr("Answers: {question}").format(
            question=headline))
        self.context_label.setText(context)
        self.context_label.setVisible(bool(context))
        self._set_map(question.kind == study.MAP)
        for button, choice in zip(self.answer_buttons, question.choices):
            button.set_choice(choice)
            button.setEnabled(True)
            button.show()
        for button in self.answer_buttons[len(question.choices):]:
            button.hide()
        count = len(question.choices)
        on_map = self._map is not None and question.kind == study.MAP
        self.hint_label.setText(
            self.tr("Click the region on the body map (Front and Back switch figures), or "
                    "press 1-{last}.").format(last=count) if on_map
            else self.tr("Press 1-{last} to answer.").format(last=count))
        self.hint_label.show()
        self.feedback.hide()
        show_focus(self.answer_buttons[0])

    def _show_feedback(self, result: study.Answer) -> None:
        question = result.question
        for button in self.answer_buttons[:len(question.choices)]:
            mark = ("right" if button.key == question.answer else
                    "wrong" if button.key == result.chosen else "")
            button.set_mark(mark)   # the others stay readable (not greyed out)
        right = question.correct_choice.text
        if result.correct:
            mark, words, colour = "\u2714", self.tr("Correct."), self._colours["right"]
        else:
            chosen = next((c.text for c in question.choices if c.key == result.chosen),
                          result.chosen)
            mark, colour = "\u2718", self._colours["wrong"]
            words = (self.tr("Not right. The right answer is marked \u201cRight answer\u201d.")
                     if len(chosen) > 80 else
                     self.tr("Not right: \u201c{chosen}\u201d is not the answer. The right "
                             "answer is \u201c{right}\u201d.").format(chosen=chosen, right=right)
                     if len(right) <= 80 else
                     self.tr("Not right: \u201c{chosen}\u201d is not the answer.").format(
                         chosen=chosen))
        verdict = f"{mark} {words}"  # the mark is a symbol, never spoken (the words say it)
        self.verdict_label.setText(verdict)
        self.verdict_label.setStyleSheet(f"color: {colour};")
        self.explanation_label.setText(question.explanation)
        heading = self.tr("Sources:") if len(question.citations) > 1 else self.tr("Source:")
        self.sources_label.setText("\n".join([heading, *(f"\u2022 {c}"
                                                         for c in question.citations)]))
        if question.region_id:
            region = self._data.region(question.region_id)
            self.card_button.setText(self._open_card_text(region.name))
        else:
            self.card_button.setText(self.tr("Open \u201cSomething went wrong\u201d"))
        self.card_button.setAccessibleName(self.card_button.text())
        if question.kind == study.MAP:
            self._set_map(True, question.answer)   # show where the right region is
        self.hint_label.hide()
        self.feedback.show()
        session = self._session
        assert session is not None
        self.progress_label.setText(self._progress_text(session))
        self.progress_bar.setValue(session.index + 1)
        self.next_button.setText(self.tr("Next (Enter)") if session.index + 1 < session.total
                                 else self.tr("See summary (Enter)"))
        show_focus(self.next_button)
        announce(self.verdict_label, self.tr("{verdict} Score {score} of {answered}.").format(
            verdict=words, score=session.score, answered=len(session.answers)))
        inner = self.quiz_page.widget()
        layout = inner.layout() if inner is not None else None
        if layout is not None:
            layout.activate()
        self.quiz_page.ensureWidgetVisible(self.feedback, 0, 0)

    def _show_summary(self) -> None:
        session = self._session
        assert session is not None
        summary = session.summary()
        if summary.total == 0:
            self.summary_title.setText(self.tr("No questions for these options"))
            self.summary_text.setText(self.tr("Choose more regions, then press Enter to try "
                                              "again."))
        else:
            percent = round(100 * summary.right / summary.total)
            self.summary_title.setText(self.tr(
                "Session complete: {right} of {total} right ({percent}%)").format(
                    right=summary.right, total=summary.total, percent=percent))
            lines = []
            if summary.missed:
                lines.append(self.tr("To review (these come back sooner):"))
                for a in summary.missed:
                    first = a.question.prompt.splitlines()[0]
                    lines.append("\u2022 " + self.tr("{question}\n   Right answer: {answer}")
                                 .format(question=first, answer=a.question.correct_choice.text))
            else:
                lines.append(self.tr("Every answer was right; these questions move to a later "
                                     "review."))
            now = self._clock()
            if summary.missed_due is not None:
                count, when = len(summary.missed), study.due_phrase(summary.missed_due, now)
                lines.append("\n" + (
                    self.tr("The question you missed comes back {when}.").format(when=when)
                    if count == 1 else
                    self.tr("The %n questions you missed come back {when}.", "", count)
                    .format(when=when)))
            if summary.next_due is not None:
                lines.append(self.tr("The ones you got right come back {when} at the earliest; "
                                     "each right answer makes the wait longer.").format(
                                         when=study.due_phrase(summary.next_due, now)))
            lines.append(self.tr("Press Enter to study again."))
            self.summary_text.setText("\n".join(lines))
        self._show_missed_cards(summary)
        self.stack.setCurrentWidget(self.summary_page)
        show_focus(self.again_button)
        announce(self.summary_title, self.summary_title.text())

    def _show_missed_cards(self, summary: study.Summary) -> None:
        while self.missed_cards.count():
            item = self.missed_cards.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        regions = dict.fromkeys(a.question.region_id for a in summary.missed
                                if a.question.region_id)
        for region_id in regions:
            name = self._data.region(region_id).name
            button = QPushButton(self._open_card_text(name), self)
            button.clicked.connect(lambda _=False, r=region_id: self.region_link_activated.emit(r))
            self.missed_cards.addWidget(button)
        self.missed_cards.addStretch(1)

    def _open_card_text(self, region: str) -> str:
        return self.tr("Open the {region} card").format(region=region)

    def _progress_text(self, session: study.StudySession) -> str:
        return self.tr("Question {number} of {total}  \u00b7  Score {score} of {answered}").format(
            number=session.index + 1, total=session.total, score=session.score,
            answered=len(session.answers))

    def map_widget(self) -> QWidget | None:
        """The body map shown for MAP questions (created on first use), or None."""
        return self._map

    def _set_map(self, wanted: bool, selected: str | None = None) -> None:
        if wanted and self._map is None and self._map_factory is not None:
            try:
                self._map = self._map_factory(self)
                if self._map is None:  # no map here (e.g. its files are missing): stop asking
                    self._map_factory = None
            except Exception:   # no map (missing figures...): the choices still work
                log.exception("the body map could not be created; using choices only")
                self._map_factory = None
            if self._map is not None:
                self._map.setObjectName("study_body_map")
                self._map.setMinimumHeight(360)
                self._map.setMaximumHeight(460)
                signal = getattr(self._map, "region_selected", None)
                if signal is not None:
                    signal.connect(self.answer_key)
                self.map_holder.addWidget(self._map)
        if self._map is not None:
            self._map.setVisible(wanted)
            set_selected = getattr(self._map, "set_selected", None)
            if wanted and set_selected is not None:
                set_selected(selected)

    def _open_card(self) -> None:
        question = self.current_question()
        if question is not None:
            if question.region_id:
                self.region_link_activated.emit(question.region_id)
            else:
                self.after_events_link_activated.emit()
