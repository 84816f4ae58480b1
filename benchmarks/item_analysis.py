"""``recall report cards`` (item analysis) on a large review log.

Usage::

    python benchmarks/item_analysis.py                     # 10,000 employees (builds once)
    python benchmarks/item_analysis.py --employees 2000    # smaller
    python benchmarks/item_analysis.py --db /tmp/items.db  # where the built database is kept

The organisation: ``--employees`` people on the bundled decks; each answers every card
three times (first sight, then after 3 and 8 more days), about one answer in seven
wrong, with varied response times: 168 review-log rows per employee. Answers go through
the core (``answer_card``) and ``Store.record_answers``, computed once per card and
cohort and reused across employees.

Prints the wall and CPU seconds of the command (in-process, JSON into a file) and the
peak memory of the script.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from typer.testing import CliRunner

from recall.cli.app import app
from recall.core.answering import Answer, answer_card
from recall.core.codes import Method, Reason
from recall.core.employee import Employee
from recall.deckfiles import load_decks
from recall.store import AnswerRow, Store

REPO = Path(__file__).resolve().parents[1]
DECKS = REPO / "decks"
START = datetime(2026, 4, 1, tzinfo=UTC)
COHORTS = 97


def build(db: Path, employees: int) -> int:
    """Create ``db`` (see module doc); returns the number of review-log rows."""
    store = Store.open(db)
    store.sync_decks(load_decks([DECKS]), now=START)
    policy = store.policy()
    cards = list(store.cards().values())
    people = [
        Employee(id=f"E{n:06d}", name=f"社員 {n}", department=f"d{n % 50}", hired=date(2026, 3, 1))
        for n in range(employees)
    ]
    store.add_employees(people, now=START)
    cache: dict[tuple[int, int], list[Answer]] = {}

    def answers(index: int, cohort: int) -> list[Answer]:
        if (index, cohort) not in cache:
            card = cards[index]
            at = START + timedelta(days=cohort % 30, hours=index % 8)
            memory = policy.new_memory(index, at)
            wrong = next(c.key for c in card.choices if c.key != card.answer)
            result = []
            for r in range(3):
                choice = wrong if (cohort * 7 + index * 3 + r * 5) % 7 == 0 else card.answer
                ms = 3_000 + (cohort * 37 + index * 11 + r * 101) % 9_000
                answer = answer_card(card, memory, choice, ms, at, policy, seed_key=card.id)
                result.append(answer)
                memory, at = answer.after, at + timedelta(days=3 + r * 5)
            cache[(index, cohort)] = result
        return cache[(index, cohort)]

    rows: list[AnswerRow] = []
    for n, person in enumerate(people):
        for index in range(len(cards)):
            rows += [
                AnswerRow(person.id, a, Reason.NEW, Method.CLI) for a in answers(index, n % COHORTS)
            ]
        if len(rows) > 200_000:
            store.record_answers(rows)
            rows = []
    store.record_answers(rows)
    store.db.execute("ANALYZE")
    count = store.db.execute("SELECT COUNT(*) FROM review_log").fetchone()[0]
    store.close()
    return count


def main(argv: list[str] | None = None) -> int:
    """Build (once) and time ``recall report cards`` over the whole log."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=None, help="built database (kept)")
    args = parser.parse_args(argv)
    db = args.db or Path(f"/tmp/recall-items-bench-{args.employees}.db")
    if not db.exists():
        started = time.perf_counter()
        rows = build(db, args.employees)
        print(f"built {rows:,} review-log rows in {time.perf_counter() - started:.0f} s")
    out = db.with_suffix(".cards.json")
    wall, cpu = time.perf_counter(), time.process_time()
    result = CliRunner().invoke(
        app,
        ["--db", str(db), "--decks", str(DECKS), "--now", "2026-09-01T09:00:00+09:00"]
        + ["report", "cards", "-o", str(out)],
        env={"RECALL_NOW": None, "RECALL_DB": None, "RECALL_DECKS": None},
    )
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if result.exit_code != 0:
        raise SystemExit(f"recall report cards failed:\n{result.output}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"report cards: {wall:.1f} s wall, {cpu:.1f} s CPU; peak memory {peak:.0f} MB")
    out.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
