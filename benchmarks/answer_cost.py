"""What one answer costs on a large database (the triggers of schema 5 included).

Usage::

    python benchmarks/answer_cost.py --db /tmp/recall-hr-web-100000.db     # a copy is used
    python benchmarks/answer_cost.py --db X --answers 3000 --seed 1

Answers ``--answers`` cards through the answering use case (``review.answer``: grade,
FSRS, one transaction, as the terminal, the browser and the LMS relay do), each by a
random active employee one second after the other from the latest record on,
on a copy of ``--db`` (the original is left as it is), and prints the median, p90 and p99
time of one answer. Run it with an older recall on ``PYTHONPATH`` to compare.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hr_steps import NOW  # noqa: E402

from recall.core.codes import Method  # noqa: E402
from recall.service import review  # noqa: E402
from recall.store import Store  # noqa: E402


def main() -> None:
    """Copy, answer, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--answers", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    work = args.db.with_name(args.db.stem + ".answer-cost.db")
    shutil.copyfile(args.db, work)
    rng = random.Random(args.seed)
    try:
        started = time.perf_counter()
        store = Store.open(work)
        opened = time.perf_counter() - started
        ids = [e.id for e in store.employees()]
        cards = list(store.cards())
        times = []
        moment = max(NOW, store.latest_record_at() or NOW)  # the clock rule: never earlier
        for _ in range(args.answers):
            moment += timedelta(seconds=1)
            person, card = rng.choice(ids), rng.choice(cards)
            choice = rng.choice([c.key for c in store.card(card).choices])
            started = time.perf_counter()
            review.answer(store, person, card, choice, moment, response_ms=5_000, method=Method.API)
            times.append(time.perf_counter() - started)
        store.close()
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(str(work) + suffix).unlink(missing_ok=True)
    times.sort()
    print(
        f"{args.answers} answers on a copy of {args.db.name} (opened in {opened:.1f} s): "
        f"median {statistics.median(times) * 1000:.2f} ms, "
        f"p90 {times[int(len(times) * 0.9)] * 1000:.2f} ms, "
        f"p99 {times[int(len(times) * 0.99)] * 1000:.2f} ms"
    )


if __name__ == "__main__":
    main()
