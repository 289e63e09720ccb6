"""View menu choices that apply to the whole app: the palette (system, light or dark) and
the text zoom of the reading panes. UI state only: kept in settings, never clinical data."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

PALETTES = ("system", "light", "dark")
ZOOM_STEP = 1.1  # each Ctrl+Plus makes text 10% larger
ZOOM_MIN, ZOOM_MAX = -3, 8

_system: QPalette | None = None  # the palette the app started with


def dark_palette() -> QPalette:
    """A dark palette with the contrast the card's danger and warning colours are tuned for."""
    role, palette = QPalette.ColorRole, QPalette()
    colours = {role.Window: "#202124", role.WindowText: "#e8eaed", role.Base: "#17181a",
               role.AlternateBase: "#26282b", role.Text: "#e8eaed", role.Button: "#2b2d30",
               role.ButtonText: "#e8eaed", role.Highlight: "#3d6fb6",
               role.HighlightedText: "#ffffff", role.Link: "#8ab4f8", role.LinkVisited: "#c58af9",
               role.Mid: "#44474a", role.Dark: "#111214", role.Light: "#3a3d40",
               role.Midlight: "#323437", role.Shadow: "#000000", role.ToolTipBase: "#2b2d30",
               role.ToolTipText: "#e8eaed", role.PlaceholderText: "#9aa0a6",
               role.BrightText: "#ffffff"}
    for which, colour in colours.items():
        palette.setColor(which, QColor(colour))
    for which in (role.Text, role.WindowText, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, which, QColor("#7f8388"))
    return palette


def apply_palette(choice: str) -> str:
    """Switch the whole app to ``choice`` (an unknown one means "system"); returns the
    choice applied. Pages re-render in the new colours (CardView follows PaletteChange)."""
    global _system
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return "system"
    choice = choice if choice in PALETTES else "system"
    if choice == "system":  # back to the palette the app had before any choice
        if _system is not None:
            app.setPalette(_system)
        return choice
    if _system is None:
        _system = QPalette(app.palette())
    app.setPalette(dark_palette() if choice == "dark" else app.style().standardPalette())
    return choice


def clamp_zoom(steps: int) -> int:
    return max(ZOOM_MIN, min(ZOOM_MAX, steps))


def zoomed_font(base: QFont, steps: int) -> QFont:
    """``base`` made ``ZOOM_STEP`` ** steps times larger."""
    font = QFont(base)
    size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
    font.setPointSizeF(round(size * ZOOM_STEP ** clamp_zoom(steps), 1))
    return font


def apply_zoom(widgets: list[QWidget], base: QFont, steps: int) -> None:
    for widget in widgets:
        widget.setFont(zoomed_font(base, steps))
