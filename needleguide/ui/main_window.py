"""The main window: composes the search box, region list, body map, card and notes pane, and
wires them. It owns no business rules and does no I/O beyond UI settings."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import (QByteArray, QEvent, QObject, QPoint, QRect, QSettings, Qt, QTimer,
                            Signal)
from PySide6.QtGui import (QAction, QCloseEvent, QColor, QIcon, QKeySequence, QPaintEvent,
                           QPixmap, QResizeEvent, QShowEvent)
from PySide6.QtWidgets import (QDialog, QLabel, QMainWindow, QSplitter, QToolBar, QToolButton,
                               QVBoxLayout, QWidget)

from needleguide.core.history import History
from needleguide.core.model import MuscleCard, ReferenceData, Region
from needleguide.core.queries import regions_for_condition, regions_for_structure
from needleguide.ui import messages, pages, settings
from needleguide.ui.card_view import Builder, CardView

# The panes are imported where the window is built (_build_rest); a card-first start that built
# them after the first paint was measured before commit de7fd8e and withdrawn there.
if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QDialog, QLabel, QSplitter

    from needleguide.ui.depth_view import DepthWindow
    from needleguide.core.search import SearchIndex
    from needleguide.core.vocabulary import Vocabulary
    from needleguide.notes_store import NotesStore
    from needleguide.ui.about_dialog import AboutDialog
    from needleguide.ui.body_map import BodyMap
    from needleguide.ui.notes_pane import NotesPane
    from needleguide.ui.region_list import RegionList
    from needleguide.ui.search_box import SearchBox
    from needleguide.ui.export_notice import ExportNotice

log = logging.getLogger("needleguide")

NOTE_LINE = "note-line-"  # a search result's anchor for line N of the region's notes
PREFETCH_DELAY_MS = 300  # start idle-time card layout well after the first paint
FINISH_START_LATEST_MS = 1000  # deferred start-up work, should no paint event come
MIN_WINDOW = (640, 480)  # no card title breaks inside a word (test_card_at_a_glance)
MAP_FOLDS_BELOW = 1100  # window width under which the body map becomes a toolbar button
CARD_MIN_WIDTH = 360
LEFT_MAX_WIDTH = 320
NOTES_OPEN_HEIGHT = 120  # the notes pane once it has text or the cursor
Page = tuple[str, str]  # ("region", "gluteal"), ("structure", id), ("condition", id),
#                         ("checklist", ""), ("after-events", "")


class MainWindow(QMainWindow):
    """Left: search and region list. Centre: the body map. Right: the card above the notes."""

    page_changed = Signal(str, str)

    def __init__(self, data: ReferenceData, notes: NotesStore | None = None,
                 parent: QWidget | None = None) -> None:
        """Without ``notes``, a default NotesStore is opened when
        first needed. (A card-first start, the last card painted before the rest of the
        window, was measured before commit de7fd8e and withdrawn there: see the README.)"""
        super().__init__(parent)
        self._data = data
        # Region lookups and list order by id: a linear scan per lookup adds up at 900 regions.
        self._regions = {region.id: region for region in data.regions}
        self._order = {region.id: row for row, region in enumerate(data.regions)}
        self._notes = notes
        self._history: History[Page] = History()
        self._scroll_at: dict[int, int] = {}  # history position -> card scroll position
        self._current: Page | None = None
        self._warned_unsaved_notes = False
        self._painted = False
        self._started = False  # _after_first_paint has run
        self._built = False  # everything besides the card exists
        self._data_warning_text = ""
        self._search_vocabulary: Vocabulary | None = None
        self._search_base: SearchIndex | None = None
        self._folded = self._load_folded()
        self.setWindowTitle("needleguide")
        self.setObjectName("MainWindow")
        self.card_view = CardView(self)
        self.card_view.link_activated.connect(self._open)
        self._build_rest()

    def _build_rest(self) -> None:
        """Everything besides the card: panes, menus, toolbar, status bar, and the wiring."""
        if self._built:
            return
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QLabel, QSplitter, QToolButton, QVBoxLayout

        from needleguide.ui.body_map import BodyMap
        from needleguide.ui.notes_pane import NotesPane
        from needleguide.ui.region_list import RegionList
        from needleguide.ui.search_box import SearchBox

        data = self._data
        self.search_box = SearchBox(self)
        self.search_box.set_index_builder(self._search_index)
        self.region_list = RegionList(self)
        self.region_list.set_regions(data.regions)
        self.notes_pane = NotesPane(self.notes, self)
        self.notes_pane.setObjectName("notes_pane")
        self.right_pane = QSplitter(Qt.Orientation.Vertical, self)
        self.right_pane.setObjectName("card_splitter")
        self.right_pane.addWidget(self.card_view)
        self.right_pane.addWidget(self.notes_pane)
        self.right_pane.setStretchFactor(0, 1)
        self.right_pane.setSizes([600, 120])

        # Left pane: the search box (its results appear under it while there is a query)
        # above the region list.
        self.left_pane = QWidget(self)
        self.left_pane.setObjectName("left_pane")
        left = QVBoxLayout(self.left_pane)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.search_box, 0)
        left.addWidget(self.region_list, 1)
        # While there is a query its results get most of the pane; the list keeps the rest.
        self.search_box.edit.textChanged.connect(
            lambda text: left.setStretch(0, 3 if text.strip() else 0))

        self.body_map = BodyMap(self)
        self.body_map.setObjectName("body_map")
        self.body_map.set_regions({r.id: r.name for r in data.regions})
        self.body_map.set_home_views({r.id: r.view.value for r in data.regions})
        self.study_window: QWidget | None = None
        self.depth_window: DepthWindow | None = None

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main_splitter")
        for pane in (self.left_pane, self.body_map, self.right_pane):
            self.splitter.addWidget(pane)
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, True)
        self.splitter.setCollapsible(2, False)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([260, 300, 640])
        self.setCentralWidget(self.splitter)
        # Tab follows the panes left to right: list, body map (regions, then its Front/Back
        # buttons), card, notes; by creation order the map would come last.
        chain = [self.region_list.view, self.body_map,
                 *self.body_map.findChildren(QToolButton), self.card_view,
                 self.notes_pane.editor]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        self._set_up_card_first_layout()
        self._set_up_view_choices()
        self._add_checklist_printing()
        self._give_every_tool_an_icon()
        version = QLabel(f"Data {data.version}, updated {data.updated.isoformat()}", self)
        version.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(version)
        self.data_warning: QLabel = QLabel(self)   # shown when the data is not the shipped data
        self.data_warning.setObjectName("data_warning")
        self.data_warning.setTextFormat(Qt.TextFormat.PlainText)
        self.data_warning.hide()
        self.statusBar().addPermanentWidget(self.data_warning)

        self.search_box.result_opened_at.connect(self._open_at)
        self.region_list.region_selected.connect(self.show_region)
        self.card_view.fold_toggled.connect(self.toggle_fold)
        self.body_map.region_selected.connect(self.show_region)
        self.page_changed.connect(self._sync_map)
        self.page_changed.connect(self._sync_notes)
        self.page_changed.connect(self._fit_notes)
        self.notes_pane.notes_changed.connect(self._reindex)
        self._install_keyboard_access()
        self._built = True
        self.set_data_warning(self._data_warning_text)
        self.resize(1100, 760)
        self.restore_state()
        self.search_box.focus_search()
        # After the first paint, lay out the region cards in idle time: switching is then
        # a matter of showing a ready page.
        QTimer.singleShot(PREFETCH_DELAY_MS, self, self._prefetch_region_cards)

    # -- public API --------------------------------------------------------------------------

    @property
    def data(self) -> ReferenceData:
        return self._data

    @property
    def notes(self) -> NotesStore:
        if self._notes is None:
            from needleguide.notes_store import NotesStore  # sqlite3: 6 ms to import

            self._notes = NotesStore()
        return self._notes

    @property
    def current_page(self) -> Page | None:
        return self._current

    def show_region(self, region_id: str) -> bool:
        return self._navigate(("region", region_id))

    def show_structure(self, structure_id: str) -> bool:
        return self._navigate(("structure", structure_id))

    def show_condition(self, condition_id: str) -> bool:
        return self._navigate(("condition", condition_id))

    def show_muscle(self, muscle_id: str) -> bool:
        return self._navigate(("muscle", muscle_id))

    def show_checklist(self) -> bool:
        return self._navigate(("checklist", ""))

    def show_after_events(self) -> bool:
        """The "Something went wrong" page: what to do after an adverse event."""
        return self._navigate(("after-events", ""))

    def back(self) -> None:
        """The previous page, at the scroll position it was left at."""
        if self._history.can_go_back():
            self._remember_scroll()
            page = self._history.back()
            if page is not None:
                self._navigate(page, record=False,
                               scroll=self._scroll_at.get(self._history.position))

    def forward(self) -> None:
        if self._history.can_go_forward():
            self._remember_scroll()
            page = self._history.forward()
            if page is not None:
                self._navigate(page, record=False,
                               scroll=self._scroll_at.get(self._history.position))

    def open_result(self, kind: str, item: str, anchor: str = "") -> bool:
        """Open a page scrolled to the entry ``anchor`` and marked (a search result)."""
        return self._navigate((kind, item), anchor=anchor)

    def focus_search(self) -> None:
        self.search_box.focus_search()

    def focus_notes(self) -> None:
        """Put the cursor in the notes of the region shown (the card's skip link)."""
        from needleguide.ui.announce import show_focus

        if self.notes_pane.isVisible() and self.notes_pane.editor.isEnabled():
            show_focus(self.notes_pane.editor)

    def _install_keyboard_access(self) -> None:
        """F6 / Shift+F6 move between panes; the PDF export shortcut also works from a text
        field, whose own Ctrl+E (end of line) would otherwise take it."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeySequence

        from needleguide.ui.keyboard import KeepShortcuts, Panes

        self.panes = Panes([(self.search_box, self.search_box.edit),
                            (self.region_list, self.region_list.view),
                            (self.body_map, self.body_map), (self.card_view, self.card_view),
                            (self.notes_pane, self.notes_pane.editor)])
        self.next_pane_action = self._action("Next pane", lambda: self.panes.move(1))
        self.next_pane_action.setShortcut(QKeySequence(Qt.Key.Key_F6))
        self.previous_pane_action = self._action("Previous pane", lambda: self.panes.move(-1))
        self.previous_pane_action.setShortcut(QKeySequence("Shift+F6"))
        for action in (self.next_pane_action, self.previous_pane_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
        keep = KeepShortcuts(self.export_pdf_action.shortcuts(), self)
        keep.watch([self.search_box.edit, self.region_list.filter_edit,
                    self.notes_pane.editor])

    def show_about(self) -> AboutDialog:
        """Open the About box (window-modal, not blocking) and return it."""
        from PySide6.QtCore import Qt

        from needleguide.ui.about_dialog import AboutDialog

        dialog = AboutDialog(self._data, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_shortcuts(self) -> QDialog:
        """Help > Keyboard shortcuts (F1), made from this window's actions."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QAction

        from needleguide.ui.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self.findChildren(QAction), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def set_data_warning(self, text: str) -> None:
        """Say, for as long as the window is open, that the data is not the shipped data."""
        self._data_warning_text = text
        if not self._built:
            return  # said when the status bar is built
        self.data_warning.setText(f"\u26a0 {text}" if text else "")
        self.data_warning.setAccessibleName(text)
        self.data_warning.setToolTip(text)
        self.data_warning.setVisible(bool(text))

    def start_finished(self) -> bool:
        """Whether what the first paint did not wait for is done: the map's figures, the
        toolbar's style icons, the search index."""
        # A map folded into its button (a narrow window) loads its figures when first shown.
        return self._started and self._built and (self.body_map.figures_loaded()
                                                  or not self.body_map.isVisibleTo(self))

    def current_region(self) -> Region | None:
        kind, item = self._current or ("", "")
        return self._regions.get(item) if kind == "region" else None

    def current_muscle(self) -> MuscleCard | None:
        kind, item = self._current or ("", "")
        return self._data.muscle(item) if kind == "muscle" else None

    def notes_for_print(self) -> str | None:
        """The current region's (or muscle's) notes if the user chose to print them."""
        region, muscle = self.current_region(), self.current_muscle()
        self.notes_pane.flush()
        key = region.id if region is not None else muscle.id if muscle is not None else ""
        if not key or not self.include_notes_action.isChecked():
            return None
        return self.notes.get(key) or None

    def print_region(self) -> bool:
        muscle = self.current_muscle()
        if muscle is not None:  # a muscle card prints as shown (ui/muscle_print.py)
            from needleguide.ui import muscle_print

            return muscle_print.print_muscle(self, self._data, muscle, self.notes_for_print())
        region = self.current_region()
        if region is None:
            self.statusBar().showMessage("Open a region or a muscle card to print it.", 5000)
            return False
        from needleguide.ui import file_actions  # on first use: not needed to paint

        return file_actions.print_sheet(self, self._data, region, self.notes_for_print(),
                                        self.needle_for_print())

    def export_region_pdf(self) -> Path | None:
        muscle = self.current_muscle()
        if muscle is not None:
            from needleguide.ui import muscle_print

            written = muscle_print.export_muscle_pdf(self, self._data, muscle,
                                                     self.notes_for_print())
            if written is not None:
                self.statusBar().showMessage(f"Saved {written}", 5000)
            return written
        region = self.current_region()
        if region is None:
            self.statusBar().showMessage("Open a region or a muscle card to export it.", 5000)
            return None
        from needleguide.ui import file_actions  # on first use: not needed to paint

        path = file_actions.export_pdf(self, self._data, region, self.notes_for_print(),
                                       self.needle_for_print())
        if path is not None:
            self._exported(path)
        return path

    def export_notes(self) -> Path | None:
        self.notes_pane.flush()
        from needleguide.ui import file_actions  # on first use: not needed to paint

        path = file_actions.export_notes(self, self.notes)
        if path is not None:
            self._exported(path)
        return path

    def import_notes(self) -> list[str]:
        self.notes_pane.flush()
        from needleguide.ui import file_actions  # on first use: not needed to paint

        imported = file_actions.import_notes(self, self.notes)
        if imported:
            self._reindex()
            self._sync_notes(*(self._current or ("", "")))
            self.statusBar().showMessage(f"Imported notes for {len(imported)} region(s).", 5000)
        return imported

    def update_data(self) -> str:
        """File > Update reference data...; the new version is used from the next start."""
        from needleguide.ui import file_actions  # on first use: not needed to paint

        version = file_actions.update_data(self, self._data)
        if version:
            self.statusBar().showMessage(
                f"Reference data {version} is ready: restart needleguide to use it. "
                "File > Roll back the reference data update undoes it.", 15000)
        return version

    def roll_back_data(self) -> bool:
        from needleguide.ui import file_actions

        now = file_actions.roll_back_data(self)
        if now is not None:
            self.statusBar().showMessage(f"Rolled back: restart needleguide to use {now}.",
                                         15000)
        return now is not None

    def show_study(self) -> QWidget:
        """Open (or raise) the Study window; its region links open cards here."""
        if self.study_window is None:
            # Imported on first use: study mode is not needed for the first paint.
            from needleguide.ui.study_window import StudyWindow

            study = StudyWindow(self._data, self)
            study.view.region_link_activated.connect(self._show_region_from_study)
            study.view.after_events_link_activated.connect(self.show_after_events)
            self.study_window = study
            self._apply_zoom()
        self.study_window.show()
        self.study_window.raise_()
        self.study_window.activateWindow()
        return self.study_window

    def needle_for_print(self) -> float | None:
        """The needle length chosen in the open depth check: the printed sheet then adds a
        page with the depth picture for it."""
        window = self.depth_window
        return window.view.needle() if window is not None and window.isVisible() else None

    def show_depth(self) -> DepthWindow:
        """Open (or raise) the depth check, on the current region when it has figures."""
        # Imported on first use, like study mode: not needed for the first paint.
        from needleguide.ui.depth_view import DepthWindow

        if self.depth_window is None:
            self.depth_window = DepthWindow(self._data, self)
            self.page_changed.connect(self._follow_in_depth)
        region = self.current_region()
        if region is not None:
            self.depth_window.view.show_region(region.id)
        self.depth_window.show()
        self.depth_window.raise_()
        self.depth_window.activateWindow()
        return self.depth_window

    def _follow_in_depth(self, kind: str, item: str) -> None:
        """The open depth check follows the region shown (when it has reported depths)."""
        if kind == "region" and self.depth_window is not None and \
                self.depth_window.isVisible():
            self.depth_window.view.show_region(item)

    # -- state -------------------------------------------------------------------------------

    def restore_state(self) -> None:
        """Reopen where the user left off: geometry, splitters and the last page."""
        store = settings.make_settings()
        geometry = store.value(settings.GEOMETRY)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        self._restore_panes(store)
        self._restore_page(store)

    def _restore_panes(self, store: QSettings) -> None:
        state = store.value(settings.SPLITTER)
        if isinstance(state, QByteArray):
            self.splitter.restoreState(state)
        state = store.value(settings.CARD_SPLITTER)
        if isinstance(state, QByteArray):
            self.right_pane.restoreState(state)
        self.include_notes_action.setChecked(
            str(store.value(settings.PRINT_NOTES, "false")).lower() == "true")

    def _restore_page(self, store: QSettings) -> None:
        kind, _, item = str(store.value(settings.PAGE, "") or "").partition(":")
        if not (kind and self._navigate((kind, item))):
            if self._data.regions:
                self.show_region(self._data.regions[0].id)
            else:
                self.show_checklist()

    def save_state(self) -> None:
        if not self._built:  # closed before the panes existed: keep what was saved before
            return
        store = settings.make_settings()
        store.setValue(settings.GEOMETRY, self.saveGeometry())
        store.setValue(settings.SPLITTER, self.splitter.saveState())
        store.setValue(settings.CARD_SPLITTER, self.right_pane.saveState())
        store.setValue(settings.PRINT_NOTES, self.include_notes_action.isChecked())
        if self._current is not None:
            store.setValue(settings.PAGE, ":".join(self._current))
        store.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._built:
            super().closeEvent(event)
            return
        if not self.notes_pane.flush() and not self._warned_unsaved_notes:
            # Closing now would lose what the user typed: say so once, and stay open.
            self._warned_unsaved_notes = True
            event.ignore()
            messages.show_error(
                self, "Your notes could not be saved.",
                f"{self.notes_pane.status.text()}\n\nThe window stays open so that you can "
                "copy your notes somewhere safe or fix the problem. Close it again to quit "
                "without saving them.")
            return
        self.save_state()
        super().closeEvent(event)

    # -- card-first layout ---------------------------------------------------------------------

    def _set_up_card_first_layout(self) -> None:
        """The card gets the room: a minimum window size; the panes around it have limits;
        below MAP_FOLDS_BELOW the body map folds into a toolbar button; an empty notes pane
        shrinks to one line until it is clicked."""
        screen = self.screen().availableGeometry()  # never larger than a small screen
        self.setMinimumSize(min(MIN_WINDOW[0], screen.width()),
                            min(MIN_WINDOW[1], screen.height()))
        self.card_view.setMinimumWidth(CARD_MIN_WIDTH)
        self.left_pane.setMaximumWidth(LEFT_MAX_WIDTH)
        self.left_pane.setMinimumWidth(220)  # the search placeholder and region names fit
        self._map_folded = False
        self.map_action = QAction("Body &map", self)
        self.map_action.setCheckable(True)
        self.map_action.setShortcut(QKeySequence("Ctrl+M"))
        self.map_action.setToolTip("Show or hide the body map (Ctrl+M)")
        self.map_action.setVisible(False)
        self.map_action.toggled.connect(self._map_button_toggled)
        self.toolbar.addAction(self.map_action)
        self._notes_folded = False
        editor = self.notes_pane.editor
        editor.setMinimumHeight(editor.fontMetrics().lineSpacing()
                                + 2 * (editor.frameWidth() + 4))
        editor.installEventFilter(self)

    def _give_every_tool_an_icon(self) -> None:
        """Print sheet and Body map get a drawn icon when the icon theme has none, so no
        toolbar button stands without one beside its neighbours."""
        from PySide6.QtGui import QPalette

        from needleguide.ui import action_icons

        colour = self.palette().color(QPalette.ColorRole.ButtonText)
        if self.print_action.icon().isNull() or not QIcon.hasThemeIcon(
                QIcon.ThemeIcon.DocumentPrint):
            self.print_action.setIcon(action_icons.print_icon(colour))
        self.map_action.setIcon(action_icons.map_icon(colour))

    def map_folded(self) -> bool:
        """Whether the window is too narrow for the map beside the card (a button shows it)."""
        return self._map_folded

    def notes_folded(self) -> bool:
        return self._notes_folded

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        folded = self.width() < MAP_FOLDS_BELOW
        if folded != self._map_folded:
            self._map_folded = folded
            self.map_action.setVisible(folded)
            self.map_action.setChecked(False)
            self.body_map.setVisible(not folded)

    def _map_button_toggled(self, shown: bool) -> None:
        if self._map_folded:
            self.body_map.setVisible(shown)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.notes_pane.editor and event.type() in (QEvent.Type.FocusIn,
                                                                   QEvent.Type.FocusOut):
            self._fit_notes()
        return super().eventFilter(watched, event)

    def _fit_notes(self, *_: str) -> None:
        """An empty notes pane takes one line until the cursor is in it."""
        editor = self.notes_pane.editor
        fold = not editor.toPlainText().strip() and not editor.hasFocus()
        if fold == self._notes_folded:
            return
        self._notes_folded = fold
        if fold:
            height = self.notes_pane.minimumSizeHint().height()
            self.notes_pane.setMaximumHeight(height)
            self.right_pane.setSizes([max(1, self.right_pane.height() - height), height])
            return
        self.notes_pane.setMaximumHeight(16777215)  # QWIDGETSIZE_MAX
        sizes = self.right_pane.sizes()
        total = sum(sizes)
        if total > 0 and sizes[-1] < NOTES_OPEN_HEIGHT:
            notes = min(NOTES_OPEN_HEIGHT, total // 3)
            self.right_pane.setSizes([total - notes, notes])

    # -- View menu: palette, text zoom, print preview; the export notice ----------------------

    def _set_up_view_choices(self) -> None:
        from PySide6.QtGui import QActionGroup
        from PySide6.QtWidgets import QApplication

        from needleguide.ui import view_options
        store = settings.make_settings()
        self._export_notice: QWidget | None = None  # made on the first export
        self._zoom_base = QApplication.font()
        stored = str(store.value(settings.ZOOM, "0") or "0")
        self._zoom = view_options.clamp_zoom(int(stored) if stored.lstrip("-").isdigit()
                                             else 0)
        menu = self.view_menu
        menu.addSeparator()
        group = QActionGroup(self)
        self.palette_actions: dict[str, QAction] = {}
        for choice, text in (("system", "&System colours"), ("light", "&Light"),
                             ("dark", "&Dark")):
            action = QAction(text, self)
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, c=choice: self.set_palette_choice(c))
            group.addAction(action)
            menu.addAction(action)
            self.palette_actions[choice] = action
        menu.addSeparator()
        key = QKeySequence.StandardKey
        self.zoom_in_action = self._action("&Larger text", lambda: self.set_text_zoom(
            self._zoom + 1), key.ZoomIn)
        self.zoom_in_action.setShortcuts([QKeySequence(key.ZoomIn), QKeySequence("Ctrl+=")])
        self.zoom_out_action = self._action("S&maller text", lambda: self.set_text_zoom(
            self._zoom - 1), key.ZoomOut)
        self.zoom_reset_action = self._action("&Normal text size",
                                              lambda: self.set_text_zoom(0))
        self.zoom_reset_action.setShortcut(QKeySequence("Ctrl+0"))
        for action in (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
            menu.addAction(action)
        menu.addSeparator()
        self.preview_action = self._action("Print pre&view…", self.preview_region)
        self.preview_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        menu.addAction(self.preview_action)
        self.set_palette_choice(str(store.value(settings.PALETTE, "system") or "system"),
                                remember=False)
        if self._zoom:
            self._apply_zoom()

    def _add_checklist_printing(self) -> None:
        """File > Print checklist / Export checklist as PDF: every item, several pages."""
        from PySide6.QtWidgets import QMenu

        file_menu = self.menuBar().findChild(QMenu, "file_menu")
        self.print_checklist_action = self._action("Print the &checklist\u2026",
                                                   self.print_checklist)
        self.export_checklist_action = self._action("Export the checklist as PDF\u2026",
                                                    self.export_checklist_pdf)
        if isinstance(file_menu, QMenu):
            file_menu.insertActions(self.include_notes_action, [
                self.print_checklist_action, self.export_checklist_action])

    def print_checklist(self) -> bool:
        from needleguide.ui import file_actions  # on first use: not needed to paint

        return file_actions.print_checklist(self, self._data)

    def export_checklist_pdf(self) -> Path | None:
        from needleguide.ui import file_actions  # on first use: not needed to paint

        path = file_actions.export_checklist_pdf(self, self._data)
        if path is not None:
            self._exported(path)
        return path

    @property
    def export_notice(self) -> ExportNotice:
        """The status-bar notice after an export (made on first use: not needed to paint)."""
        from needleguide.ui.export_notice import ExportNotice

        if not isinstance(self._export_notice, ExportNotice):
            self._export_notice = ExportNotice(self)
            self.statusBar().addWidget(self._export_notice, 1)
        return self._export_notice

    def _exported(self, path: Path) -> None:
        """After any export: the next save dialog starts in its folder; offer to open it."""
        from needleguide.ui import file_actions

        file_actions.remember_export_folder(path)
        self.export_notice.show_saved(path)

    def palette_choice(self) -> str:
        return next((c for c, a in self.palette_actions.items() if a.isChecked()), "system")

    def set_palette_choice(self, choice: str, remember: bool = True) -> None:
        """System, light or dark colours for the whole app, kept across runs."""
        from needleguide.ui import view_options

        applied = view_options.apply_palette(choice)
        self.palette_actions[applied].setChecked(True)
        if hasattr(self, "map_action"):  # drawn in the palette's colours
            self._give_every_tool_an_icon()
        if remember:
            settings.make_settings().setValue(settings.PALETTE, applied)

    def text_zoom(self) -> int:
        return self._zoom

    def set_text_zoom(self, steps: int) -> None:
        """Text size of the card, the notes and study mode, in 10% steps; 0 is normal."""
        from needleguide.ui import view_options

        self._zoom = view_options.clamp_zoom(steps)
        settings.make_settings().setValue(settings.ZOOM, self._zoom)
        self._apply_zoom()

    def _apply_zoom(self) -> None:
        from needleguide.ui import view_options

        widgets: list[QWidget] = [self.card_view, self.notes_pane.editor]
        if self.study_window is not None:
            widgets.append(self.study_window)
        view_options.apply_zoom(widgets, self._zoom_base, self._zoom)

    def preview_region(self) -> QWidget | None:
        """The sheet as it will print, before printing (File > Print prints it directly)."""
        region = self.current_region()
        if region is None:
            self.statusBar().showMessage("Open a region to preview its safety sheet.", 5000)
            return None
        from needleguide.ui import file_actions  # on first use: not needed to paint

        return file_actions.preview_sheet(self, self._data, region, self.notes_for_print())

    # -- folding sections (remembered) --------------------------------------------------------

    def folded_sections(self) -> frozenset[str]:
        return frozenset(self._folded)

    def toggle_fold(self, key: str) -> None:
        """Fold or unfold a section on every region card; the choice is kept across runs
        and the reader stays where they were on the page."""
        if key in pages.FOLDABLE:
            self._folded ^= {key}
        elif key:
            return
        store = settings.make_settings()
        store.setValue(settings.FOLDED, ",".join(sorted(self._folded)))
        if self._current is not None and self._current[0] == "region":
            build = self._builder(*self._current)
            if build is not None:
                self.card_view.show_page(build, key=self._card_key(self._current),
                                         scroll=self.card_view.scroll_position())
                if key:
                    self.card_view.scroll_to(pages.section_anchor(key))

    def _unfold_for(self, anchor: str) -> bool:
        """A search result points into a folded section: unfold it (and keep it unfolded),
        so the entry can be scrolled to and marked. True if a section was unfolded."""
        key = pages.section_of_anchor(anchor)
        if key in self._folded:
            self._folded.discard(key)
            return True
        return False

    def _load_folded(self) -> set[str]:
        text = str(settings.make_settings().value(settings.FOLDED, "") or "")
        return {key for key in text.split(",") if key in pages.FOLDABLE}

    def _card_key(self, page: Page) -> tuple[str, ...]:
        """The card view's cache key: a region card differs with the sections folded."""
        if page[0] == "region":
            return (*page, *sorted(self._folded))
        return page

    # -- internals ---------------------------------------------------------------------------

    def _show_region_from_study(self, region_id: str) -> None:
        self.show_region(region_id)
        self.raise_()
        self.activateWindow()

    def _prefetch_neighbours(self, region_id: str) -> None:
        """Flipping through the list with the arrow keys: have the next cards ready."""
        regions, at = self._data.regions, self._order[region_id]
        neighbours = [regions[i].id for i in (at + 1, at - 1) if 0 <= i < len(regions)]
        self.card_view.prefetch((self._card_key(("region", n)), build) for n in neighbours
                                if (build := self._builder("region", n)) is not None)

    def _prefetch_region_cards(self) -> None:
        pages_to_lay_out = []
        for region in self._data.regions:
            build = self._builder("region", region.id)
            if build is not None:
                pages_to_lay_out.append((self._card_key(("region", region.id)), build))
        self.card_view.prefetch(pages_to_lay_out)

    def _sync_notes(self, kind: str, item: str) -> None:
        """Notes belong to regions and muscle cards: the pane follows the card and rests on
        other pages."""
        if kind in ("region", "muscle"):  # a muscle's notes are keyed by its id
            name = self._regions[item].name if kind == "region" else self._data.muscle(item).name
            self.notes_pane.set_region(item, name)
            self.notes_pane.show()
        else:
            self.notes_pane.flush()
            self.notes_pane.hide()

    def _reindex(self, *_: str) -> None:
        self.search_box.set_index_builder(self._search_index)

    def _search_index(self) -> SearchIndex:
        from needleguide.core.search import SearchIndex

        if self._search_base is None:  # the data's part is built once; notes on each change
            self._search_base = SearchIndex(self._data, self.notes.notes(), self._vocabulary())
            return self._search_base
        return self._search_base.with_notes(self.notes.notes())

    def _vocabulary(self) -> Vocabulary | None:
        """The search vocabulary beside the data file (else the shipped one), read once. A
        broken one is logged and search carries on without it; `needleguide check` says what
        is wrong."""
        if self._search_vocabulary is None:
            from needleguide import paths
            from needleguide.core.errors import DataError
            from needleguide.core.vocabulary import Vocabulary, load_vocabulary

            try:
                self._search_vocabulary = load_vocabulary(
                    paths.vocabulary_file_for(self._data.path or paths.default_data_file()))
            except DataError as exc:
                log.error("Search vocabulary not used: %s", exc)
                self._search_vocabulary = Vocabulary()
        return self._search_vocabulary

    def _sync_map(self, kind: str, item: str) -> None:
        """One selection everywhere: a region is selected on the map; a structure or
        condition lights every region it concerns (switching figure if none is in view)."""
        if kind == "region":
            self.body_map.set_lit(())
            self.body_map.set_selected(item)
            return
        lit: tuple[Region, ...] = ()
        if kind == "structure":
            lit = regions_for_structure(self._data, item)
        elif kind == "condition":
            lit = regions_for_condition(self._data, item)
        elif kind == "muscle":  # the muscle's region(s)
            lit = tuple(r for r in self._data.regions if r.id in self._data.muscle(item).regions)
        self.body_map.set_selected(None)
        self.body_map.set_lit(r.id for r in lit)
        views = {r.view.value for r in lit}
        if views and self.body_map.current_view() not in views:
            self.body_map.show_view(lit[0].view.value)

    def _open(self, kind: str, item: str) -> None:
        if kind == "notes":  # the card's "Skip to my notes" link
            self.focus_notes()
            return
        self._navigate((kind, item))

    def _open_at(self, kind: str, item: str, anchor: str) -> None:
        self._navigate((kind, item), anchor=anchor)

    def _remember_scroll(self) -> None:
        if self._current is not None:
            self._scroll_at[self._history.position] = self.card_view.scroll_position()

    def _builder(self, kind: str, item: str) -> Builder | None:
        data = self._data
        if kind == "region":
            region = self._regions.get(item)
            if region is not None:
                folded = frozenset(self._folded)
                return lambda theme: pages.region_page(data, region, theme, folded)
        elif kind == "structure" and item in data.structures:
            return lambda theme: pages.structure_page(data, item, theme)
        elif kind == "condition" and item in data.conditions:
            return lambda theme: pages.condition_page(data, item, theme)
        elif kind == "muscle" and any(m.id == item for m in data.muscles):
            from needleguide.ui.muscle_page import muscle_page  # first use: not needed to paint

            muscle = data.muscle(item)
            return lambda theme: muscle_page(data, muscle, theme)
        elif kind == "checklist":
            return lambda theme: pages.checklist_page(data, theme)
        elif kind == "after-events":
            return lambda theme: pages.after_events_page(data, theme)
        return None

    def _title_of(self, kind: str, item: str) -> str:
        if kind == "region":
            return self._regions[item].name
        if kind == "structure":
            return self._data.structures[item].name
        if kind == "condition":
            return self._data.conditions[item].name
        if kind == "muscle":
            return self._data.muscle(item).name
        if kind == "after-events":
            return pages.AFTER_EVENTS_TITLE
        return pages.CHECKLIST_TITLE

    def _navigate(self, page: Page, record: bool = True, anchor: str = "",
                  scroll: int | None = None) -> bool:
        kind, item = page
        if kind == "region" and anchor and self._unfold_for(anchor) and page == self._current:
            self.toggle_fold("")  # (no key: only shows the page again, now unfolded)
        if page == self._current:
            if anchor:  # another entry of the page shown
                self.card_view.mark(anchor)
            return True
        build = self._builder(kind, item)
        if build is None:
            log.warning("No such page: %s:%s", kind, item)
            return False
        if record:
            self._remember_scroll()
            self._history.visit(page)
            self._scroll_at.pop(self._history.position, None)  # a new visit opens at the top
        self._current = page
        note_line = anchor.removeprefix(NOTE_LINE) if anchor.startswith(NOTE_LINE) else ""
        self.card_view.show_page(build, key=self._card_key(page),
                                 anchor="" if note_line else anchor,
                                 scroll=scroll)
        self.setWindowTitle(f"{self._title_of(kind, item)} \u2014 needleguide")
        if self._built:  # (otherwise the rest of the window follows the page once built)
            if kind == "region" and self._started:
                self._prefetch_neighbours(item)  # (before the first paint: _after_first_paint)
            self._sync_to_current()
            if note_line.isdigit():  # a line of the user's notes matched: select it there
                self._select_note_line(int(note_line))
        return True

    def _sync_to_current(self) -> None:
        """The list, map, notes and Back/Forward follow the page on the card."""
        if self._current is None:
            return
        kind, item = self._current
        self.region_list.set_current(item if kind == "region" else "")
        self.back_action.setEnabled(self._history.can_go_back())
        self.forward_action.setEnabled(self._history.can_go_forward())
        self.page_changed.emit(kind, item)

    def _select_note_line(self, number: int) -> None:
        from PySide6.QtGui import QTextCursor  # on first use: not needed to paint

        editor = self.notes_pane.editor
        block = editor.document().findBlockByNumber(number)
        if block.isValid():
            cursor = QTextCursor(block)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                                QTextCursor.MoveMode.KeepAnchor)
            editor.setTextCursor(cursor)
            editor.ensureCursorVisible()

    def _action(self, text: str, slot: Callable[[], object],
                keys: QKeySequence.StandardKey | None = None) -> QAction:
        from PySide6.QtGui import QAction

        action = QAction(text, self)
        if keys is not None:
            action.setShortcuts(keys)
        action.triggered.connect(slot)
        return action

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self._after_first_paint)  # once this paint is done

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._painted:  # should the window itself never get a paint event
            QTimer.singleShot(FINISH_START_LATEST_MS, self, self._after_first_paint)

    def _after_first_paint(self) -> None:
        """What the first paint did not wait for: style icons, the search index, the
        neighbours of the open card. Runs once."""
        if self._started:
            return
        self._started = True
        self._set_style_icons()
        self.search_box.prepare_index()
        if self._current is not None and self._current[0] == "region":
            self._prefetch_neighbours(self._current[1])

    def _set_style_icons(self) -> None:
        """The style's icons for Back, Forward and the checklist. Set after the first paint:
        QStyle's Python type alone costs 7 ms. Until then a blank icon holds their place, so
        the toolbar does not shift when they arrive."""
        from PySide6.QtWidgets import QStyle

        standard = QStyle.StandardPixmap
        for action, pixmap in ((self.back_action, standard.SP_ArrowBack),
                               (self.forward_action, standard.SP_ArrowForward),
                               (self.checklist_action, standard.SP_DialogApplyButton)):
            action.setIcon(self.style().standardIcon(pixmap))

    def _create_actions(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap

        key = QKeySequence.StandardKey
        blank = QPixmap(64, 64)  # scaled down to the toolbar's icon size, as the real ones
        blank.fill(QColor(0, 0, 0, 0))
        self.back_action = self._action("&Back", self.back, key.Back)
        self.forward_action = self._action("&Forward", self.forward, key.Forward)
        self.find_action = self._action("&Find\u2026", self.focus_search, key.Find)
        self.quit_action = self._action("&Quit", self.close, key.Quit)
        self.checklist_action = self._action("General safety / pre-treatment &checklist",
                                             self.show_checklist)
        for action in (self.back_action, self.forward_action, self.checklist_action):
            action.setIcon(QIcon(blank))  # until _set_style_icons
        self.checklist_action.setIconText("Safety checklist")
        self.after_events_action = self._action("Something &went wrong\u2026 (what to do)",
                                                self.show_after_events)
        self.about_action = self._action("&About needleguide", self.show_about)
        self.shortcuts_action = self._action("&Keyboard shortcuts", self.show_shortcuts,
                                             QKeySequence.StandardKey.HelpContents)
        self.study_action = self._action("&Study mode\u2026", self.show_study)
        self.print_action = self._action("&Print safety sheet\u2026", self.print_region,
                                         key.Print)
        self.export_pdf_action = self._action("&Export safety sheet as PDF\u2026",
                                              self.export_region_pdf)
        self.export_pdf_action.setShortcut(QKeySequence("Ctrl+E"))
        self.print_action.setIcon(QIcon.fromTheme(QIcon.ThemeIcon.DocumentPrint))
        self.print_action.setIconText("Print sheet")
        self.include_notes_action = QAction("Include my &notes on the sheet", self)
        self.include_notes_action.setCheckable(True)
        self.export_notes_action = self._action("Export my notes\u2026", self.export_notes)
        self.import_notes_action = self._action("Import notes\u2026", self.import_notes)
        self.update_data_action = self._action("&Update reference data\u2026",
                                               self.update_data)
        self.roll_back_data_action = self._action("Roll back the reference data update",
                                                  self.roll_back_data)
        self.study_action.setShortcut(QKeySequence("Ctrl+T"))
        self.depth_action = self._action("&Depth check (needle length)\u2026", self.show_depth)
        self.depth_action.setShortcut(QKeySequence("Ctrl+D"))
        self.back_action.setEnabled(False)
        self.forward_action.setEnabled(False)
        for action in (self.back_action, self.forward_action, self.find_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.find_action.setIcon(QIcon.fromTheme(QIcon.ThemeIcon.EditFind))

    def _create_menus(self) -> None:
        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        file_menu.setObjectName("file_menu")
        for action in (self.print_action, self.export_pdf_action, self.include_notes_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_notes_action)
        file_menu.addAction(self.import_notes_action)
        file_menu.addSeparator()
        file_menu.addAction(self.update_data_action)
        file_menu.addAction(self.roll_back_data_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = self.view_menu = menus.addMenu("&View")
        for action in (self.back_action, self.forward_action):
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.find_action)
        view_menu.addAction(self.study_action)
        view_menu.addAction(self.depth_action)
        help_menu = menus.addMenu("&Help")
        help_menu.addAction(self.checklist_action)
        help_menu.addAction(self.after_events_action)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def _create_toolbar(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeySequence
        from PySide6.QtWidgets import QToolBar

        toolbar = self.toolbar = QToolBar("Navigation", self)
        toolbar.setObjectName("navigation_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.back_action, self.forward_action, self.checklist_action,
                       self.print_action):
            toolbar.addAction(action)
        self.addToolBar(toolbar)
        for action in toolbar.actions():
            button = toolbar.widgetForAction(action)
            if button is not None:
                shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                name = action.text().replace("&", "")
                self._name_tool_button(button, action.iconText().replace("&", ""), name)
                button.setToolTip(f"{name} ({shortcut})" if shortcut else name)

    @staticmethod
    def _name_tool_button(button: QWidget, visible: str, full: str) -> None:
        """The name begins with what the button shows; the full command is its description."""
        button.setAccessibleName(visible)
        if full.rstrip("\u2026") != visible:
            button.setAccessibleDescription(full)
