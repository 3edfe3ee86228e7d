"""`python -m macros`: the command line (macros/cli/)."""

import sys

from macros.cli.commands import main

if __name__ == "__main__":
    sys.exit(main())
