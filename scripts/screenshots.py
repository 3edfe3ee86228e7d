"""Screenshots of a built site for a person to look at.

Usage: python scripts/screenshots.py SITE OUT [PAGE...]   (pages as paths: "", "nl/timeline/")
"""

from __future__ import annotations

import sys
from pathlib import Path

# Last, not first: a file at the project's root must not stand in for an installed module.
sys.path.append(str(Path(__file__).resolve().parent.parent))

from tests.chromium import chromium, screenshots, served  # noqa: E402

if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] in ("-h", "--help"):
        # A built site (./scripts/build writes site/; serve writes none) and a folder for the PNGs.
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        sys.exit(0 if sys.argv[1:2] in (["-h"], ["--help"]) else 2)
    site, out, *pages = sys.argv[1:]
    with served(Path(site)) as base, chromium() as browser:
        for path in screenshots(browser, base, pages or [""], Path(out)):
            print(path)
