"""Retention benchmark: fixed cycles, recall and an oracle on simulated employees.

Usage::

    python benchmarks/retention.py              # full run: 200 employees, 365 days
    python benchmarks/retention.py --quick      # 10 employees, under a minute
    python benchmarks/retention.py --employees 200 --workers 2 --out docs
    python benchmarks/retention.py --employees 100 --model spacing --only "recall (0.90)"

Runs the simulation under both learner models (``spacing`` and ``lapse``), prints one
Markdown table per model, the issue-12 targets met or not, and recall against every
fixed cycle at equal minutes (``--only`` and ``--model`` make a quicker partial run
for experiments; the oracle sweep is always kept, for the ratios); writes
``retention.csv`` (one row per model × policy) and, when matplotlib is installed
(``pip install -e .[plot]``), ``retention.png`` (recall vs. minutes per week with the
oracle's frontier) into ``--out``. The model and its assumptions are described in
``src/recall/simulation/learner.py`` (memory), ``src/recall/simulation/schedules.py``
(policies) and ``src/recall/simulation/run.py`` (run loop, metrics, monthly fitting);
results are in the README, "Does it keep knowledge alive, and at what cost?".
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from recall.core.deck import Deck, parse_deck
from recall.deckfiles import find_deck_files, load_decks
from recall.simulation import (
    LearnerModel,
    SimulationConfig,
    default_policies,
    run_simulation,
    synthetic_deck_text,
)
from recall.simulation.report import csv_text, format_table, format_targets, save_chart

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
    parser.add_argument("--quick", action="store_true", help="10 employees (under a minute)")
    parser.add_argument("--employees", type=int, default=None, help="default 200")
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path("benchmark-results"))
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--decks", type=Path, default=REPO / "decks")
    parser.add_argument(
        "--only",
        action="append",
        metavar="TEXT",
        help="keep only the policies whose name contains TEXT (repeatable), and the oracles",
    )
    parser.add_argument(
        "--model", choices=[m.value for m in LearnerModel], help="one learner model only"
    )
    args = parser.parse_args(argv)
    employees = args.employees or (QUICK_EMPLOYEES if args.quick else 200)
    policies = tuple(
        spec
        for spec in default_policies()
        if not args.only or spec.kind == "oracle" or any(t in spec.name for t in args.only)
    )
    models = [LearnerModel(args.model)] if args.model else list(LearnerModel)
    try:
        configs = [
            SimulationConfig(
                employees=employees,
                days=args.days,
                seed=args.seed,
                learner_model=model,
                policies=policies,
            )
            for model in models
        ]
    except ValueError as error:
        parser.error(str(error))
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    decks, origin = decks_or_synthetic(args.decks)
    print(origin, file=sys.stderr)

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{done}/{total} employee-months", end="", file=sys.stderr, flush=True)

    results = []
    for config in configs:
        started = time.perf_counter()
        results.append(run_simulation(decks, config, workers=args.workers, progress=progress))
        print(
            f"\rsimulated {employees} employees (learner model {config.learner_model}) in "
            f"{time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
    print(format_table(results))
    print()
    print(format_targets(results))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "retention.csv").write_text(csv_text(results), encoding="utf-8")
    print(f"wrote {args.out / 'retention.csv'}", file=sys.stderr)
    if save_chart(results, args.out / "retention.png"):
        print(f"wrote {args.out / 'retention.png'}", file=sys.stderr)
    else:
        print("matplotlib is not installed: no chart (pip install -e .[plot])", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
