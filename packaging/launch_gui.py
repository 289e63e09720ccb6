"""Entry point of the bundled `needleguide-gui` launcher: the app, with no console window on
Windows and macOS (PyInstaller runs this file)."""

import sys

from needleguide.cli import main

sys.exit(main([]))
