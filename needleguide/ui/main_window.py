"""The main window composes the panes and wires them to one navigation model.

Search, region list, body map and the card's links send intents to the ``Navigator``
(core/navigation.py); each of its changes reaches every pane once (``_follow``), so no pane
sets its own selection first and none needs a guard against echoes. Layout, pages, commands,
File menu, companion windows, remembered state and start-up each live in their own module;
what the window needs from outside it is given by app.py (``Collaborators``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QMainWindow, QWidget

from needleguide.core.model import MuscleCard, ReferenceData, Region
from needleguide.core.navigation import Navigator, Page, PageKind, Visit
from needleguide.core.page_regions import map_regions
from needleguide.ui import help_dialogs, messages
from needleguide.ui.card_first_layout import CardFirstLayout
from needleguide.ui.card_pages import CardPages
from needleguide.ui.card_view import CardView
from needleguide.ui.collaborators import Collaborators
from needleguide.ui.companion_windows import CompanionWindows
from needleguide.ui.document_commands import DocumentCommands
from needleguide.ui.keyboard import KeepShortcuts
from needleguide.ui.search_source import SearchSource
from needleguide.ui.start_up import StartUp
from needleguide.ui.view_choices import ViewChoices
from needleguide.ui.window_commands import WindowCommands
from needleguide.ui.window_panes import WindowPanes
from needleguide.ui.window_state import WindowState

if TYPE_CHECKING:
    from needleguide.store.notes import NotesStore
    from needleguide.store.study import StudyStore
    from needleguide.ui.about_dialog import AboutDialog
    from needleguide.ui.depth_view import DepthWindow


class MainWindow(QMainWindow):
    """Left: search and region list. Centre: the body map. Right: the card above the notes."""

    page_changed = Signal(str, str)  # (kind, item) of the page now on the card

    def __init__(self, data: ReferenceData, notes: NotesStore, study: StudyStore,
                 collaborators: Collaborators, parent: QWidget | None = None) -> None:
        """``notes`` (loaded) and ``study`` are the user's stores, ``collaborators`` the
        settings, dialogs and resources: all made by app.py."""
        super().__init__(parent)
        self._data, self._notes, self.collaborators = data, notes, collaborators
        self._warned_unsaved_notes = False
        self.setWindowTitle("needleguide")
        self.setObjectName("MainWindow")
        self.card_view = CardView(self)
        self.pages = CardPages(data, self.card_view, collaborators.settings)
        self.navigator = Navigator(self.pages.exists, self.card_view.scroll_position)
        self.panes = WindowPanes(self, data, notes, self.card_view, collaborators.resources)
        self.search_box, self.region_list = self.panes.search_box, self.panes.region_list
        self.body_map, self.notes_pane = self.panes.body_map, self.panes.notes_pane
        self.search_source = SearchSource(data, notes)
        self._reindex()
        self.companions = CompanionWindows(self, data, study, collaborators)
        self.documents = DocumentCommands(self)
        self.commands = WindowCommands(self)
        self.view_choices = ViewChoices(self.commands.view_menu, self._zoomed_widgets,
                                        self._palette_applied, self, collaborators.settings)
        self.commands.add_preview()
        self.layout_rules = CardFirstLayout(self, self.card_view, self.panes.left,
                                            self.body_map, self.panes.right, self.notes_pane,
                                            self.commands.map)
        self.data_warning = self.panes.add_status_labels(self, data)
        self.start_up = StartUp(self, collaborators.prefetch_delay_ms)
        self._wire()
        self.state = WindowState(self, collaborators.settings)
        self.resize(1100, 760)
        self.state.restore()
        if self.view_choices.text_zoom():
            self.view_choices.apply_zoom()
        self.search_box.focus_search()

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
        self.companions.region_link_activated.connect(self.show_region)
        self.companions.after_events_link_activated.connect(self.show_after_events)
        self.companions.study_made.connect(self.view_choices.apply_zoom)
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
            self.setWindowTitle(self.tr("{page} \u2014 needleguide").format(
                page=self.pages.title(page)))
            if page.kind == PageKind.REGION and self.start_up.done:
                self.pages.prefetch_neighbours(page.item)  # (else after the first paint)
            self.region_list.set_current(page.item if page.kind == PageKind.REGION else "")
            self.commands.back.setEnabled(self.navigator.can_go_back())
            self.commands.forward.setEnabled(self.navigator.can_go_forward())
            self._sync_map(page)
            self._sync_notes(page)
            self.companions.follow(page)
            self.page_changed.emit(page.kind.value, page.item)
        if note_line is not None:  # a line of the user's notes matched: select it there
            self.notes_pane.select_line(note_line)

    def _link_activated(self, kind: str, item: str) -> None:
        if kind == "notes":  # the card's "Skip to my notes" link
            self.focus_notes()
        else:
            self.navigator.go((kind, item))

    def _sync_map(self, page: Page) -> None:
        """A region is selected on the map; the regions of any other page are lit, switching
        figure if none of them is in view."""
        regions = map_regions(self._data, page)
        if regions.selected is not None:
            self.body_map.set_lit(())
            self.body_map.set_selected(regions.selected)
            return
        self.body_map.set_selected(None)
        self.body_map.set_lit(r.id for r in regions.lit)
        if regions.views and self.body_map.current_view() not in regions.views:
            self.body_map.show_view(regions.lit[0].view.value)

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
        self.search_box.set_index_builder(self.search_source.index)

    # -- other windows and dialogs ---------------------------------------------------------------

    def show_about(self) -> AboutDialog:
        """Open the About box (window-modal, not blocking) and return it."""
        return help_dialogs.open_about(self, self._data, self.collaborators)

    def show_shortcuts(self) -> QDialog:
        """Help > Keyboard shortcuts (F1), made from this window's actions."""
        return help_dialogs.open_shortcuts(self)

    def show_study(self) -> QWidget:
        """Open (or raise) the Study window; its region links open cards here."""
        return self.companions.open_study()

    def show_depth(self) -> DepthWindow:
        """Open (or raise) the depth check, on the current region when it has figures."""
        region = self.current_region()
        return self.companions.open_depth(region.id if region is not None else None)

    def needle_for_print(self) -> float | None:
        """The needle length chosen in the open depth check: the printed sheet then adds a
        page with the depth picture for it."""
        return self.companions.needle()

    def set_data_warning(self, text: str) -> None:
        """Say, for as long as the window is open, that the data is not the shipped data."""
        self.data_warning.setText(f"\u26a0 {text}" if text else "")
        self.data_warning.setAccessibleName(text)
        self.data_warning.setToolTip(text)
        self.data_warning.setVisible(bool(text))

    # -- view choices ----------------------------------------------------------------------------

    def _zoomed_widgets(self) -> list[QWidget]:
        return [self.card_view, self.notes_pane.editor, *self.companions.zoomed()]

    def _palette_applied(self) -> None:
        self.commands.give_every_tool_an_icon(self.palette())  # drawn in its colours

    def set_text_zoom(self, steps: int) -> None:
        self.view_choices.set_text_zoom(steps)

    def text_zoom(self) -> int:
        return self.view_choices.text_zoom()

    def folded_sections(self) -> frozenset[str]:
        return self.pages.folded_sections()

    def notes_folded(self) -> bool:
        return self.layout_rules.notes_folded()

    # -- closing and start-up --------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.notes_pane.flush() and not self._warned_unsaved_notes:
            # Closing now would lose what the user typed: say so once, and stay open.
            self._warned_unsaved_notes = True
            event.ignore()
            messages.show_error(
                self, self.tr("Your notes could not be saved."),
                self.tr("{status}\n\nThe window stays open so that you can copy your notes "
                        "somewhere safe or fix the problem. Close it again to quit without "
                        "saving them.").format(status=self.notes_pane.status.text()))
            return
        self.state.save()
        self.companions.close_all()
        super().closeEvent(event)

    def start_finished(self) -> bool:
        """Whether what the first paint did not wait for is done: the map's figures, the
        toolbar's style icons, the search index."""
        return self.start_up.finished()
