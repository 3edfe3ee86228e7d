"""Children that end with the process that started them.

A build killed outright (SIGKILL, or SIGTERM before any handler is set) runs no clean-up: a child
it started would go on, an orphan, with the resource tracker multiprocessing keeps beside it.
Linux can send the child a signal when its parent dies; elsewhere nothing is set.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """In a child of `parent` (its pid), before it does anything: SIGTERM it when its parent
    dies. A parent that died before this ran (the child was still starting) ends it now."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:
        os.kill(os.getpid(), signal.SIGTERM)
