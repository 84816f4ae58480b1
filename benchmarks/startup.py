"""Start-up cost: the CPU time of importing each of recall's top-level modules, alone.

Each module is imported in a fresh interpreter (``python -c "import X"``) and timed with
the child's own CPU clock (user + system), so that a later regression in one module's
imports is visible. The interpreter's bare start is printed first for reference; the
whole-command figures of the README come from hyperfine::

    hyperfine -N -w 3 -r 20 'recall --version' 'recall status -e B1'

Run: ``python benchmarks/startup.py [--repeat 5]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

MODULES = (
    "recall",
    "recall.cli.app",
    "recall.cli.study",
    "recall.cli.staff",
    "recall.cli.report",
    "recall.cli.incident",
    "recall.cli.export",
    "recall.cli.deck",
    "recall.cli.simulate",
    "recall.service.review",
    "recall.service.reports",
    "recall.store",
    "recall.core.deck",
    "recall.core.policy",
    "recall.i18n",
    "recall.reports",
    "recall.scorm.package",
    "recall.simulation",
)

_PROBE = (
    "import resource\n"
    "def cpu():\n"
    "    r = resource.getrusage(resource.RUSAGE_SELF)\n"
    "    return r.ru_utime + r.ru_stime\n"
    "t0 = cpu()\n"
    "{stmt}\n"
    "print((cpu() - t0) * 1000)\n"
)


def cpu_ms(module: str | None) -> float:
    """CPU milliseconds spent importing ``module`` in a fresh interpreter."""
    stmt = f"import {module}" if module else "pass"
    out = subprocess.run(
        [sys.executable, "-c", _PROBE.format(stmt=stmt)], capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip())


def main() -> None:
    """Print the median import CPU time of each module."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per module (median)")
    args = parser.parse_args()
    print(f"{'module':<28} {'import CPU (ms, median)':>24}")
    for module in MODULES:
        median = statistics.median(cpu_ms(module) for _ in range(args.repeat))
        print(f"{module:<28} {median:>24.0f}")


if __name__ == "__main__":
    main()
