"""Reaping multiprocessing's resource tracker before the process ends (a private reach into the
standard library, fenced here like the others in this package).

The page audit's worker pool (macros/safety/page_audit.py) starts, beside its worker, the
resource tracker that `multiprocessing` keeps for spawned children. The tracker ends only when
the process that started it closes its end of a pipe, which Python does by exiting: so it outlives
`mkdocs serve` by a moment, is handed to PID 1, and shows as `<defunct>` until PID 1 reaps it (on
this project's CI machine, up to two seconds). Stopping it here, after the pool has shut down,
lets serve wait for it, so that no child of serve outlives serve.

Relies on: `multiprocessing.resource_tracker._resource_tracker._stop()`, which closes the pipe and
waits for the tracker (CPython 3.11.7 and later; verified on 3.11.7). Public path, taken when it is
missing: nothing is done, and the tracker ends right after the process, as before.
"""

from __future__ import annotations

import multiprocessing.resource_tracker as resource_tracker


def stop_resource_tracker() -> bool:
    """Stop and reap the resource tracker if this process started one; whether it could."""
    tracker = getattr(resource_tracker, "_resource_tracker", None)
    stop = getattr(tracker, "_stop", None)
    if stop is None:
        return False
    stop()
    return True
