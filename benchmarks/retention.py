"""Retention benchmark: simulated employees under annual, quarterly, 30-day and recall schedules.

Usage::

    python benchmarks/retention.py              # full run: 1,000 employees, 365 days
    python benchmarks/retention.py --quick      # 10 employees, under 30 s
    python benchmarks/retention.py --seed 1 --workers 2 --out docs

Prints a Markdown table, writes ``retention.csv`` and, when matplotlib is installed
(``pip install -e .[plot]``), ``retention.png`` into ``--out``. The model and its
assumptions are described in ``docs/retention.md`` and ``recall.simulation.learner``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from recall.core.deck import Deck, parse_deck
from recall.deckfiles import find_deck_files, load_decks
from recall.simulation import SimulationConfig, run_simulation, synthetic_deck_text
from recall.simulation.report import csv_text, format_table, save_chart

REPO = Path(__file__).resolve().parents[1]
QUICK_EMPLOYEES = 10


def decks_or_synthetic(folder: Path) -> tuple[list[Deck], str]:
    """The decks in ``folder``, or the synthetic deck when there is none.

    Args:
        folder: the deck folder.

    Returns:
        The decks and a sentence saying where they come from.
    """
    if folder.is_dir() and find_deck_files([folder]):
        return load_decks([folder]), f"decks from {folder}"
    return [parse_deck(synthetic_deck_text(), "<synthetic>")], (
        f"no deck in {folder}: using the synthetic 50-card deck"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark.

    Args:
        argv: command-line arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit code (0; argparse exits 2 on bad options).
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 employees (under 30 s)")
    parser.add_argument("--employees", type=int, default=None, help="default 1000")
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path("benchmark-results"))
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--decks", type=Path, default=REPO / "decks")
    args = parser.parse_args(argv)
    employees = args.employees or (QUICK_EMPLOYEES if args.quick else 1000)
    try:
        config = SimulationConfig(employees=employees, days=args.days, seed=args.seed)
    except ValueError as error:
        parser.error(str(error))
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    decks, origin = decks_or_synthetic(args.decks)
    print(origin, file=sys.stderr)

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{done}/{total} employees", end="", file=sys.stderr, flush=True)

    started = time.perf_counter()
    result = run_simulation(decks, config, workers=args.workers, progress=progress)
    print(
        f"\rsimulated {employees} employees in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    print(format_table(result))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "retention.csv").write_text(csv_text(result), encoding="utf-8")
    print(f"wrote {args.out / 'retention.csv'}", file=sys.stderr)
    if save_chart(result, args.out / "retention.png"):
        print(f"wrote {args.out / 'retention.png'}", file=sys.stderr)
    else:
        print("matplotlib is not installed: no chart (pip install -e .[plot])", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
