"""Measures loading and validating the fact base (a figure to read, not a test).

Usage: python scripts/bench_load.py [DATA_DIR] [RUNS]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from macros.facts import factbase  # installed in .venv by scripts/setup


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent.parent / "data"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    factbase.load(data)  # warm imports and caches of the file system
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fb = factbase.load(data)
        times.append(time.perf_counter() - start)
    counts = ", ".join(f"{n} {k}" for k, n in fb.counts().items())
    print(f"fact base: {counts}")
    print(
        f"load + validation over {runs} runs: median {statistics.median(times) * 1000:.1f} ms, "
        f"min {min(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
