"""``recall optimize`` at scale: time the fit on a million-review log.

Usage::

    python benchmarks/optimize_scale.py                    # about 1,000,000 reviews
    python benchmarks/optimize_scale.py --employees 100    # quick

Builds a database in a temporary folder with the synthetic 50-card deck and simulated
employees answering their daily queue for a year (``recall.simulation.simulated_answers``,
written with ``Store.record_answers``), then times ``recall.service.optimize.optimize``
(read the log, fit, score on held-out employees, advise a retention) and prints each
phase's time. Target: a million reviews in seconds (README, "Fit the scheduler").
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from recall.core.codes import Method, Reason
from recall.core.deck import parse_deck
from recall.core.employee import Employee
from recall.service.optimize import optimize
from recall.simulation import SimulationConfig, simulated_answers, synthetic_deck_text
from recall.store import AnswerRow, Store

START = datetime(2026, 3, 1, tzinfo=UTC)


def main(argv: list[str] | None = None) -> int:
    """Build the log, fit, print timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=1100)
    parser.add_argument("--days", type=int, default=365)
    args = parser.parse_args(argv)
    deck = parse_deck(synthetic_deck_text(), "<synthetic>")
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "recall.db")
        store.sync_decks([deck], now=START)
        people = [
            Employee(id=f"sim-{n:04d}", name=f"Sim {n}", department="d", hired=date(2026, 4, 1))
            for n in range(args.employees)
        ]
        store.add_employees(people, now=START)
        started = time.perf_counter()
        step = 500
        for first in range(0, args.employees, step):
            count = min(step, args.employees - first)
            config = SimulationConfig(employees=first + count, days=args.days)
            answers = simulated_answers([deck], config, first=first)
            store.record_answers(
                AnswerRow(e, answer, Reason(reason), Method.API) for e, answer, reason in answers
            )
            print(f"simulated {first + count} employees", file=sys.stderr)
        print(
            f"log: {store.review_count():,} reviews, built in "
            f"{time.perf_counter() - started:.0f} s",
        )
        marks = [("start", time.perf_counter())]
        result = optimize(
            store,
            datetime(2027, 4, 1, tzinfo=UTC),
            progress=lambda phase: marks.append((phase, time.perf_counter())),
        )
        marks.append(("done", time.perf_counter()))
        for (phase, at), (_, end) in zip(marks[1:], marks[2:], strict=False):
            print(f"  {phase}: {end - at:.1f} s")
        fit = result.fit
        print(
            f"optimize: {marks[-1][1] - marks[0][1]:.1f} s for {fit.reviews:,} reviews "
            f"({fit.fitted_reviews:,} fitted, {fit.held_out_reviews:,} held out); "
            f"log loss {fit.before.log_loss:.4f} -> {fit.after.log_loss:.4f}, "
            f"RMSE (bins) {fit.before.rmse_bins:.4f} -> {fit.after.rmse_bins:.4f}; "
            f"recommended retention {result.recommended_retention:.2f}"
        )
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
