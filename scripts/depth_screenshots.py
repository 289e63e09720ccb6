"""Regenerate the depth-check pictures in docs/ (issue 22), offscreen: the depth window on the
neck (upper trapezius) with a 40 mm needle in a light and a dark palette, and the picture alone
at 2x.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/depth_screenshots.py [--out docs]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--region", default="neck")
    parser.add_argument("--needle", type=float, default=40)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = tempfile.mkdtemp(prefix="needleguide-shots-")

    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QApplication

    from needleguide import paths
    from needleguide.core import depth
    from needleguide.core.loader import load
    from needleguide.drawing.depth_paint import depth_image
    from needleguide.ui.depth_view import DepthWindow
    from screenshots import dark_palette

    app = QApplication(sys.argv[:1])
    data = load(paths.default_data_file())
    length = f"{depth.mm(args.needle)}mm"
    stem = "depth-upper-trapezius" if args.region == "neck" else f"depth-{args.region}"
    for suffix, palette in (("", None), ("-dark", dark_palette())):
        window = DepthWindow(data)
        if palette is not None:
            window.setPalette(palette)
        window.resize(1000, 760)
        window.view.show_region(args.region)
        window.view.set_needle(args.needle)
        window.show()
        app.processEvents()
        target = args.out / f"{stem}-{length}{suffix}.png"
        window.grab().save(str(target))
        print(f"wrote {target}")
        window.close()
    chart = depth.region_chart(data.region(args.region))
    target = args.out / f"{stem}-{length}-picture@2x.png"
    depth_image(chart, args.needle, QSize(820, 430), scale=2.0).save(str(target))
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
