"""``python -m framing`` runs the command line."""

import sys

from framing.cli import main

sys.exit(main())
