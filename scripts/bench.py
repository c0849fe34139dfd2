"""Benchmark OSA Monitor at scale and check the targets; writes benchmarks/results.md.

    python scripts/bench.py           # 200, 2,000 and 10,000 projects (about 15 minutes)
    python scripts/bench.py --quick   # 100, 300 and 600 projects (about 2 minutes)
    python scripts/bench.py --thai    # only the cost of the Thai edition at 200 projects (about 3 minutes)
    python scripts/bench.py --history # only the cost of record history at 2,000 projects (about 1 minute)
    python scripts/bench.py --cards   # only the cost of the share cards, shipped site and 2,000 projects

Exits 1 when a target is missed.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
