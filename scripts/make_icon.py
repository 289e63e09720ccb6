"""Draw the application icon: resources/icons/needleguide.svg, the PNG sizes launchers need
(hicolor 16-512 px), needleguide.ico (Windows) and needleguide.icns (macOS).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_icon.py

The picture: a shield (safety) on a deep teal tile, crossed by a fine needle whose tip stops
short of a red dot (the structure at risk). Drawn for this project; no third-party artwork.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

SVG = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <title>needleguide</title>
  <rect x="8" y="8" width="240" height="240" rx="52" fill="#0b5563"/>
  <path d="M128 36 L204 64 V124 C204 170 172 204 128 222 C84 204 52 170 52 124 V64 Z"
        fill="#ffffff"/>
  <path d="M128 56 L186 78 V124 C186 160 162 188 128 203 C94 188 70 160 70 124 V78 Z"
        fill="#e3f1f3"/>
  <circle cx="150" cy="150" r="17" fill="#c62828"/>
  <line x1="58" y1="58" x2="132" y2="132" stroke="#263238" stroke-width="7"
        stroke-linecap="round"/>
  <line x1="34" y1="34" x2="66" y2="66" stroke="#f39c12" stroke-width="20"
        stroke-linecap="round"/>
</svg>
"""


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv)
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "needleguide.svg").write_text(SVG, encoding="utf-8")
    renderer = QSvgRenderer(QByteArray(SVG.encode("utf-8")))
    if not renderer.isValid():
        print("the icon SVG does not parse", file=sys.stderr)
        return 1
    for size in SIZES:
        render(renderer, size).save(str(ICONS / f"needleguide-{size}.png"))
    render(renderer, 256).save(str(ICONS / "needleguide.ico"))
    render(renderer, 512).save(str(ICONS / "needleguide.icns"))
    print(f"wrote {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
