"""The main window composes the panes and wires them to one navigation model.

Search, region list, body map and the card's links send intents to the ``Navigator``
(core/navigation.py); each of its changes reaches every pane once (``_follow``), so no pane
sets its own selection first and none needs a guard against echoes. The pages are made by
``CardPages``, the commands by ``WindowCommands``, the File menu's work by
``DocumentCommands``, the layout by ``CardFirstLayout``; the window owns no business rules and
does no I/O beyond UI settings."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (QDialog, QLabel, QMainWindow, QSplitter, QToolButton,
                               QVBoxLayout, QWidget)

from needleguide.core.model import MuscleCard, ReferenceData, Region
from needleguide.core.navigation import Navigator, Page, PageKind, Visit
from needleguide.core.queries import regions_for_condition, regions_for_structure
from needleguide.ui import messages, settings
from needleguide.ui.body_map import BodyMap
from needleguide.ui.card_first_layout import CardFirstLayout
from needleguide.ui.card_pages import CardPages
from needleguide.ui.card_view import CardView
from needleguide.ui.document_commands import DocumentCommands
from needleguide.ui.keyboard import KeepShortcuts, Panes
from needleguide.ui.notes_pane import NotesPane
from needleguide.ui.region_list import RegionList
from needleguide.ui.search_box import SearchBox
from needleguide.ui.view_choices import ViewChoices
from needleguide.ui.window_commands import WindowCommands

if TYPE_CHECKING:
    from needleguide.core.search import SearchIndex
    from needleguide.core.vocabulary import Vocabulary
    from needleguide.store.notes import NotesStore
    from needleguide.store.study import StudyStore
    from needleguide.ui.about_dialog import AboutDialog
    from needleguide.ui.depth_view import DepthWindow

log = logging.getLogger("needleguide")

PREFETCH_DELAY_MS = 300  # start idle-time card layout well after the first paint
FINISH_START_LATEST_MS = 1000  # deferred start-up work, should no paint event come


class MainWindow(QMainWindow):
    """Left: search and region list. Centre: the body map. Right: the card above the notes."""

    page_changed = Signal(str, str)  # (kind, item) of the page now on the card

    def __init__(self, data: ReferenceData, notes: NotesStore, study: StudyStore,
                 parent: QWidget | None = None) -> None:
        """``notes`` (loaded) and ``study`` are the user's stores, made by app.py."""
        super().__init__(parent)
        self._data = data
        self._notes = notes
        self._study_store = study
        self._painted = self._started = self._warned_unsaved_notes = False
        self._search_vocabulary: Vocabulary | None = None
        self._search_base: SearchIndex | None = None
        self.study_window: QWidget | None = None
        self.depth_window: DepthWindow | None = None
        self.setWindowTitle("needleguide")
        self.setObjectName("MainWindow")

        self.card_view = CardView(self)
        self.pages = CardPages(data, self.card_view)
        self.navigator = Navigator(self.pages.exists, self.card_view.scroll_position)
        self._build_panes()
        self.documents = DocumentCommands(self)
        self.commands = WindowCommands(self)
        self.view_choices = ViewChoices(self.commands.view_menu, self._zoomed_widgets,
                                        self._palette_applied, self)
        self.commands.add_preview()
        self.layout_rules = CardFirstLayout(self, self.card_view, self.left_pane, self.body_map,
                                            self.right_pane, self.notes_pane, self.commands.map)
        self._build_status_bar()
        self._wire()
        self.resize(1100, 760)
        self.restore_state()
        if self.view_choices.text_zoom():
            self.view_choices.apply_zoom()
        self.search_box.focus_search()
        # After the first paint, lay out the region cards in idle time: switching is then
        # a matter of showing a ready page.
        QTimer.singleShot(PREFETCH_DELAY_MS, self, self.pages.prefetch_region_cards)

    def _build_panes(self) -> None:
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
        # above the region list; while there is a query its results get most of the pane.
        self.left_pane = QWidget(self)
        self.left_pane.setObjectName("left_pane")
        left = QVBoxLayout(self.left_pane)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.search_box, 0)
        left.addWidget(self.region_list, 1)
        self.search_box.edit.textChanged.connect(
            lambda text: left.setStretch(0, 3 if text.strip() else 0))
        self.body_map = BodyMap(self)
        self.body_map.setObjectName("body_map")
        self.body_map.set_regions({r.id: r.name for r in data.regions})
        self.body_map.set_home_views({r.id: r.view.value for r in data.regions})
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
        self.panes = Panes([(self.search_box, self.search_box.edit),
                            (self.region_list, self.region_list.view),
                            (self.body_map, self.body_map), (self.card_view, self.card_view),
                            (self.notes_pane, self.notes_pane.editor)])

    def _build_status_bar(self) -> None:
        data = self._data
        version = QLabel(f"Data {data.version}, updated {data.updated.isoformat()}", self)
        version.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(version)
        self.data_warning = QLabel(self)  # shown when the data is not the shipped data
        self.data_warning.setObjectName("data_warning")
        self.data_warning.setTextFormat(Qt.TextFormat.PlainText)
        self.data_warning.hide()
        self.statusBar().addPermanentWidget(self.data_warning)

    def _wire(self) -> None:
        """Every pane's intent goes to the navigator; its changes come back through _follow."""
        go = self.navigator.go
        self.search_box.result_opened_at.connect(
            lambda kind, item, anchor: go((kind, item), anchor))
        self.region_list.region_selected.connect(self.show_region)
        self.body_map.region_selected.connect(self.show_region)
        self.card_view.link_activated.connect(self._link_activated)
        self.card_view.fold_toggled.connect(self.pages.toggle_fold)
        self.notes_pane.notes_changed.connect(self._reindex)
        self.navigator.subscribe(self._follow)
        # The PDF export shortcut also works from a text field, whose own Ctrl+E (end of
        # line) would otherwise take it.
        keep = KeepShortcuts(self.commands.export_pdf.shortcuts(), self)
        keep.watch([self.search_box.edit, self.region_list.filter_edit,
                    self.notes_pane.editor])

    # -- navigation ----------------------------------------------------------------------------

    @property
    def data(self) -> ReferenceData:
        return self._data

    @property
    def notes(self) -> NotesStore:
        return self._notes

    @property
    def current_page(self) -> Page | None:
        return self.navigator.current

    def show_region(self, region_id: str) -> bool:
        return self.navigator.go(Page(PageKind.REGION, region_id))

    def show_structure(self, structure_id: str) -> bool:
        return self.navigator.go(Page(PageKind.STRUCTURE, structure_id))

    def show_condition(self, condition_id: str) -> bool:
        return self.navigator.go(Page(PageKind.CONDITION, condition_id))

    def show_muscle(self, muscle_id: str) -> bool:
        return self.navigator.go(Page(PageKind.MUSCLE, muscle_id))

    def show_checklist(self) -> bool:
        return self.navigator.go(Page(PageKind.CHECKLIST))

    def show_after_events(self) -> bool:
        """The "Something went wrong" page: what to do after an adverse event."""
        return self.navigator.go(Page(PageKind.AFTER_EVENTS))

    def back(self) -> None:
        """The previous page, at the scroll position it was left at."""
        self.navigator.back()

    def forward(self) -> None:
        self.navigator.forward()

    def open_result(self, kind: str, item: str, anchor: str = "") -> bool:
        """Open a page scrolled to the entry ``anchor`` and marked (a search result)."""
        return self.navigator.go((kind, item), anchor)

    def current_region(self) -> Region | None:
        page = self.navigator.current
        return self.pages.region(page.item) if page and page.kind == PageKind.REGION else None

    def current_muscle(self) -> MuscleCard | None:
        page = self.navigator.current
        return self._data.muscle(page.item) if page and page.kind == PageKind.MUSCLE else None

    def _follow(self, visit: Visit) -> None:
        """One change of page, followed by every pane: card, title, list, map, notes,
        Back/Forward, and the open depth check."""
        note_line = self.pages.show(visit)
        if not visit.same_page:
            page = visit.page
            self.setWindowTitle(f"{self.pages.title(page)} \u2014 needleguide")
            if page.kind == PageKind.REGION and self._started:
                self.pages.prefetch_neighbours(page.item)  # (else after the first paint)
            self.region_list.set_current(page.item if page.kind == PageKind.REGION else "")
            self.commands.back.setEnabled(self.navigator.can_go_back())
            self.commands.forward.setEnabled(self.navigator.can_go_forward())
            self._sync_map(page)
            self._sync_notes(page)
            self._follow_in_depth(page)
            self.page_changed.emit(page.kind.value, page.item)
        if note_line is not None:  # a line of the user's notes matched: select it there
            self.notes_pane.select_line(note_line)

    def _link_activated(self, kind: str, item: str) -> None:
        if kind == "notes":  # the card's "Skip to my notes" link
            self.focus_notes()
        else:
            self.navigator.go((kind, item))

    def _sync_map(self, page: Page) -> None:
        """One selection everywhere: a region is selected on the map; a structure, condition
        or muscle lights every region it concerns (switching figure if none is in view)."""
        kind, item = page
        if kind == PageKind.REGION:
            self.body_map.set_lit(())
            self.body_map.set_selected(item)
            return
        lit: tuple[Region, ...] = ()
        if kind == PageKind.STRUCTURE:
            lit = regions_for_structure(self._data, item)
        elif kind == PageKind.CONDITION:
            lit = regions_for_condition(self._data, item)
        elif kind == PageKind.MUSCLE:
            lit = tuple(r for r in self._data.regions if r.id in self._data.muscle(item).regions)
        self.body_map.set_selected(None)
        self.body_map.set_lit(r.id for r in lit)
        views = {r.view.value for r in lit}
        if views and self.body_map.current_view() not in views:
            self.body_map.show_view(lit[0].view.value)

    def _sync_notes(self, page: Page) -> None:
        """Notes belong to regions and muscle cards (a muscle's notes are keyed by its id):
        the pane follows the card and rests on other pages."""
        if page.kind in (PageKind.REGION, PageKind.MUSCLE):
            self.notes_pane.set_region(page.item, self.pages.title(page))
            self.notes_pane.show()
        else:
            self.notes_pane.flush()
            self.notes_pane.hide()
        self.layout_rules.fit_notes()

    def _follow_in_depth(self, page: Page) -> None:
        """The open depth check follows the region shown (when it has reported depths)."""
        window = self.depth_window
        if page.kind == PageKind.REGION and window is not None and window.isVisible():
            window.view.show_region(page.item)

    # -- search and notes ------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_box.focus_search()

    def focus_notes(self) -> None:
        """Put the cursor in the notes of the region shown (the card's skip link)."""
        from needleguide.ui.announce import show_focus

        if self.notes_pane.isVisible() and self.notes_pane.editor.isEnabled():
            show_focus(self.notes_pane.editor)

    def notes_imported(self) -> None:
        """Notes came in from a file: search and the notes pane show them."""
        self._reindex()
        page = self.navigator.current
        if page is not None:
            self._sync_notes(page)

    def _reindex(self, *_: str) -> None:
        self.search_box.set_index_builder(self._search_index)

    def _search_index(self) -> SearchIndex:
        from needleguide.core.search import SearchIndex

        if self._search_base is None:  # the data's part is built once; notes on each change
            self._search_base = SearchIndex(self._data, self.notes.notes(), self._vocabulary())
            return self._search_base
        return self._search_base.with_notes(self.notes.notes())

    def _vocabulary(self) -> Vocabulary:
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

    # -- other windows and dialogs ---------------------------------------------------------------

    def show_about(self) -> AboutDialog:
        """Open the About box (window-modal, not blocking) and return it."""
        from needleguide.ui.about_dialog import AboutDialog

        dialog = AboutDialog(self._data, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_shortcuts(self) -> QDialog:
        """Help > Keyboard shortcuts (F1), made from this window's actions."""
        from PySide6.QtGui import QAction

        from needleguide.ui.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self.findChildren(QAction), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_study(self) -> QWidget:
        """Open (or raise) the Study window; its region links open cards here."""
        if self.study_window is None:
            from needleguide.ui.study_window import StudyWindow  # not needed to paint

            study = StudyWindow(self._data, self._study_store, self)
            study.view.region_link_activated.connect(self._show_region_from_study)
            study.view.after_events_link_activated.connect(self.show_after_events)
            self.study_window = study
            self.view_choices.apply_zoom()
        self.study_window.show()
        self.study_window.raise_()
        self.study_window.activateWindow()
        return self.study_window

    def _show_region_from_study(self, region_id: str) -> None:
        self.show_region(region_id)
        self.raise_()
        self.activateWindow()

    def show_depth(self) -> DepthWindow:
        """Open (or raise) the depth check, on the current region when it has figures."""
        from needleguide.ui.depth_view import DepthWindow  # not needed to paint

        if self.depth_window is None:
            self.depth_window = DepthWindow(self._data, self)
        region = self.current_region()
        if region is not None:
            self.depth_window.view.show_region(region.id)
        self.depth_window.show()
        self.depth_window.raise_()
        self.depth_window.activateWindow()
        return self.depth_window

    def needle_for_print(self) -> float | None:
        """The needle length chosen in the open depth check: the printed sheet then adds a
        page with the depth picture for it."""
        window = self.depth_window
        return window.view.needle() if window is not None and window.isVisible() else None

    def set_data_warning(self, text: str) -> None:
        """Say, for as long as the window is open, that the data is not the shipped data."""
        self.data_warning.setText(f"\u26a0 {text}" if text else "")
        self.data_warning.setAccessibleName(text)
        self.data_warning.setToolTip(text)
        self.data_warning.setVisible(bool(text))

    # -- view choices ----------------------------------------------------------------------------

    def _zoomed_widgets(self) -> list[QWidget]:
        widgets: list[QWidget] = [self.card_view, self.notes_pane.editor]
        return widgets + ([self.study_window] if self.study_window is not None else [])

    def _palette_applied(self) -> None:
        self.commands.give_every_tool_an_icon(self.palette())  # drawn in its colours

    def set_text_zoom(self, steps: int) -> None:
        self.view_choices.set_text_zoom(steps)

    def text_zoom(self) -> int:
        return self.view_choices.text_zoom()

    def folded_sections(self) -> frozenset[str]:
        return self.pages.folded_sections()

    def map_folded(self) -> bool:
        return self.layout_rules.map_folded()

    def notes_folded(self) -> bool:
        return self.layout_rules.notes_folded()

    # -- state -----------------------------------------------------------------------------------

    def restore_state(self) -> None:
        """Reopen where the user left off: geometry, splitters and the last page."""
        store = settings.make_settings()
        geometry = store.value(settings.GEOMETRY)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        self._restore_panes(store)
        kind, _, item = str(store.value(settings.PAGE, "") or "").partition(":")
        if not (kind and self.navigator.go((kind, item))):
            if self._data.regions:
                self.show_region(self._data.regions[0].id)
            else:
                self.show_checklist()

    def _restore_panes(self, store: QSettings) -> None:
        for key, splitter in ((settings.SPLITTER, self.splitter),
                              (settings.CARD_SPLITTER, self.right_pane)):
            state = store.value(key)
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        self.commands.include_notes.setChecked(
            str(store.value(settings.PRINT_NOTES, "false")).lower() == "true")

    def save_state(self) -> None:
        store = settings.make_settings()
        store.setValue(settings.GEOMETRY, self.saveGeometry())
        store.setValue(settings.SPLITTER, self.splitter.saveState())
        store.setValue(settings.CARD_SPLITTER, self.right_pane.saveState())
        store.setValue(settings.PRINT_NOTES, self.commands.include_notes.isChecked())
        page = self.navigator.current
        if page is not None:
            store.setValue(settings.PAGE, f"{page.kind.value}:{page.item}")
        store.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
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

    # -- start-up --------------------------------------------------------------------------------

    def start_finished(self) -> bool:
        """Whether what the first paint did not wait for is done: the map's figures, the
        toolbar's style icons, the search index."""
        # A map folded into its button (a narrow window) loads its figures when first shown.
        return self._started and (self.body_map.figures_loaded()
                                  or not self.body_map.isVisibleTo(self))

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
        self.commands.set_style_icons(self)
        self.search_box.prepare_index()
        page = self.navigator.current
        if page is not None and page.kind == PageKind.REGION:
            self.pages.prefetch_neighbours(page.item)
