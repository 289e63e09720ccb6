import sys

from needleguide.cli import main

sys.exit(main())
