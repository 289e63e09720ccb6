"""Entry point of the bundled `needleguide` command (PyInstaller runs this file)."""

import sys

from needleguide.cli import main

sys.exit(main())
