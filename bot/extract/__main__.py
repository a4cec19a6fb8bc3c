"""``python -m bot.extract build|status``: the compiled build of this package (see native.py)."""

import sys

from bot.extract.native import main

sys.exit(main(sys.argv[1:]))
