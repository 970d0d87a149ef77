"""``python -m macros.checker``: the same as the pqs-check command."""

import sys

from macros.checker.cli import main

sys.exit(main())
