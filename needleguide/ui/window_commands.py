"""The main window's commands: its actions, menus and toolbar, made as Qt Designer's setupUi
would make them, and connected to the window's public methods. No state and no rules here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPalette, QPixmap
from PySide6.QtWidgets import QMenu, QToolBar, QWidget

from needleguide.ui import action_icons

if TYPE_CHECKING:
    from needleguide.ui.main_window import MainWindow

translate = QCoreApplication.translate  # lupdate reads translate("context", "text")


def action(parent: QObject, text: str, slot: Callable[[], object] | None = None,
           keys: QKeySequence.StandardKey | str | None = None) -> QAction:
    made = QAction(text, parent)
    if isinstance(keys, QKeySequence.StandardKey):
        made.setShortcuts(keys)
    elif keys:
        made.setShortcut(QKeySequence(keys))
    if slot is not None:
        made.triggered.connect(slot)
    return made


class WindowCommands:
    """Every command of the main window, by name: ``window.commands.back`` and so on."""

    def __init__(self, window: MainWindow) -> None:
        key = QKeySequence.StandardKey
        w = window
        self.back = action(w, translate("WindowCommands", "&Back"), w.back, key.Back)
        self.forward = action(w, translate("WindowCommands", "&Forward"), w.forward,
                              key.Forward)
        self.find = action(w, translate("WindowCommands", "&Find\u2026"), w.focus_search,
                           key.Find)
        self.quit = action(w, translate("WindowCommands", "&Quit"), w.close, key.Quit)
        self.checklist = action(
            w, translate("WindowCommands", "General safety / pre-treatment &checklist"),
            w.show_checklist)
        self.checklist.setIconText(translate("WindowCommands", "Safety checklist"))
        self.after_events = action(
            w, translate("WindowCommands", "Something &went wrong\u2026 (what to do)"),
            w.show_after_events)
        self.about = action(w, translate("WindowCommands", "&About needleguide"), w.show_about)
        self.shortcuts = action(w, translate("WindowCommands", "&Keyboard shortcuts"),
                                w.show_shortcuts, key.HelpContents)
        self.study = action(w, translate("WindowCommands", "&Study mode\u2026"), w.show_study,
                            "Ctrl+T")
        self.depth = action(w, translate("WindowCommands", "&Depth check (needle length)\u2026"),
                            w.show_depth, "Ctrl+D")
        documents = w.documents
        self.print = action(w, translate("WindowCommands", "&Print safety sheet\u2026"),
                            documents.print_page, key.Print)
        self.print.setIcon(QIcon.fromTheme(QIcon.ThemeIcon.DocumentPrint))
        self.print.setIconText(translate("WindowCommands", "Print sheet"))
        self.export_pdf = action(
            w, translate("WindowCommands", "&Export safety sheet as PDF\u2026"),
            documents.export_page_pdf, "Ctrl+E")
        self.include_notes = action(
            w, translate("WindowCommands", "Include my &notes on the sheet"))
        self.include_notes.setCheckable(True)
        self.print_checklist = action(w, translate("WindowCommands", "Print the &checklist\u2026"),
                                      documents.print_checklist)
        self.export_checklist = action(
            w, translate("WindowCommands", "Export the checklist as PDF\u2026"),
            documents.export_checklist_pdf)
        self.preview = action(w, translate("WindowCommands", "Print pre&view\u2026"),
                              documents.preview_page, "Ctrl+Shift+P")
        self.export_notes = action(w, translate("WindowCommands", "Export my notes\u2026"),
                                   documents.export_notes)
        self.import_notes = action(w, translate("WindowCommands", "Import notes\u2026"),
                                   documents.import_notes)
        self.update_data = action(w, translate("WindowCommands", "&Update reference data\u2026"),
                                  documents.update_data)
        self.roll_back_data = action(
            w, translate("WindowCommands", "Roll back the reference data update"),
            documents.roll_back_data)
        self.map = action(w, translate("WindowCommands", "Body &map"), keys="Ctrl+M")
        self.map.setCheckable(True)
        self.map.setToolTip(translate("WindowCommands", "Show or hide the body map (Ctrl+M)"))
        self.map.setVisible(False)  # shown when the window is too narrow for the map
        self.next_pane = action(w, translate("WindowCommands", "Next pane"),
                                lambda: w.panes.move(1), "F6")
        self.previous_pane = action(w, translate("WindowCommands", "Previous pane"),
                                    lambda: w.panes.move(-1), "Shift+F6")
        blank = QPixmap(64, 64)  # scaled down to the toolbar's icon size, as the real ones
        blank.fill(QColor(0, 0, 0, 0))
        for each in (self.back, self.forward, self.checklist):
            each.setIcon(QIcon(blank))  # until set_style_icons, after the first paint
        self.back.setEnabled(False)
        self.forward.setEnabled(False)
        for each in (self.back, self.forward, self.find, self.next_pane, self.previous_pane):
            each.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        for each in (self.next_pane, self.previous_pane):
            w.addAction(each)
        self.find.setIcon(QIcon.fromTheme(QIcon.ThemeIcon.EditFind))
        self.view_menu = self._menus(w)
        self.toolbar = self._toolbar(w)

    def _menus(self, window: MainWindow) -> QMenu:
        menus = window.menuBar()
        file_menu = menus.addMenu(translate("WindowCommands", "&File"))
        file_menu.setObjectName("file_menu")
        for group in ((self.print, self.export_pdf, self.print_checklist,
                       self.export_checklist, self.include_notes),
                      (self.export_notes, self.import_notes),
                      (self.update_data, self.roll_back_data), (self.quit,)):
            if file_menu.actions():
                file_menu.addSeparator()
            file_menu.addActions(list(group))
        view_menu = menus.addMenu(translate("WindowCommands", "&View"))
        view_menu.addActions([self.back, self.forward])
        view_menu.addSeparator()
        view_menu.addActions([self.find, self.study, self.depth])
        help_menu = menus.addMenu(translate("WindowCommands", "&Help"))
        help_menu.addActions([self.checklist, self.after_events, self.shortcuts])
        help_menu.addSeparator()
        help_menu.addAction(self.about)
        return view_menu

    def add_preview(self) -> None:
        """Print preview ends the View menu, after the view choices."""
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.preview)

    def _toolbar(self, window: MainWindow) -> QToolBar:
        toolbar = QToolBar(translate("WindowCommands", "Navigation"), window)
        toolbar.setObjectName("navigation_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.back, self.forward, self.checklist, self.print, self.map])
        window.addToolBar(toolbar)
        for each in toolbar.actions():
            button = toolbar.widgetForAction(each)
            if button is not None:
                shortcut = each.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                name = each.text().replace("&", "")
                _name_tool_button(button, each.iconText().replace("&", ""), name)
                if each is not self.map:
                    button.setToolTip(translate("WindowCommands", "{command} ({keys})").format(
                        command=name, keys=shortcut) if shortcut else name)
        return toolbar

    def give_every_tool_an_icon(self, palette: QPalette) -> None:
        """Print sheet and Body map get a drawn icon when the icon theme has none, so no
        toolbar button stands without one beside its neighbours."""
        colour = palette.color(QPalette.ColorRole.ButtonText)
        if self.print.icon().isNull() or not QIcon.hasThemeIcon(
                QIcon.ThemeIcon.DocumentPrint):
            self.print.setIcon(action_icons.print_icon(colour))
        self.map.setIcon(action_icons.map_icon(colour))

    def set_style_icons(self, window: QWidget) -> None:
        """The style's icons for Back, Forward and the checklist. Set after the first paint:
        QStyle's Python type alone costs 7 ms. Until then a blank icon holds their place, so
        the toolbar does not shift when they arrive."""
        from PySide6.QtWidgets import QStyle

        standard = QStyle.StandardPixmap
        for each, pixmap in ((self.back, standard.SP_ArrowBack),
                             (self.forward, standard.SP_ArrowForward),
                             (self.checklist, standard.SP_DialogApplyButton)):
            each.setIcon(window.style().standardIcon(pixmap))


def _name_tool_button(button: QWidget, visible: str, full: str) -> None:
    """The name begins with what the button shows; the full command is its description."""
    button.setAccessibleName(visible)
    if full.rstrip("\u2026") != visible:
        button.setAccessibleDescription(full)
