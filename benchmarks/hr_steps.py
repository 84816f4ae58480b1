"""HR steps at organisation scale: an incident over 10,000 employees, ``report overview``.

Usage::

    python benchmarks/hr_steps.py                       # 100,000 employees (builds once)
    python benchmarks/hr_steps.py --employees 20000     # smaller
    python benchmarks/hr_steps.py --db /tmp/hr.db       # where the built database is kept

Targets: the incident (10,000 employees, the topic with most cards) under 5 s; ``report
overview`` under 10 s. Both are timed through the CLI in-process (``recall incident
add`` / ``recall report overview``), so the figures include opening the database.

The organisation: departments of 10,000 employees with the bundled decks. Each employee
answered the onboarding core on one of 60 days before ``--now`` and a third of the core
again a few days later, so memory and the review log hold realistic, varied states.
Answers go through the core (``answer_card``) and ``Store.record_answers``; answer
results are computed once per card, day and delay, and reused across employees.

``benchmarks/org_scale.py`` calls :func:`run_steps` on its own database.
"""

from __future__ import annotations

import argparse
import shutil
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
NOW = datetime(2026, 6, 30, 1, 0, tzinfo=UTC)
DEPARTMENT_SIZE = 10_000
COHORT_DAYS = 60


def build(db: Path, employees: int, decks: Path = DECKS, now: datetime = NOW) -> None:
    """Create ``db`` with ``employees`` employees and their answers (see module doc)."""
    store = Store.open(db)
    store.sync_decks(load_decks([decks]), now=now - timedelta(days=COHORT_DAYS + 10))
    policy = store.policy()
    core = [c for c in store.cards().values() if c.onboarding]
    people = [
        Employee(
            id=f"E{n:06d}",
            name=f"社員 {n}",
            department=f"dept-{n // DEPARTMENT_SIZE:02d}",
            hired=date(2026, 3, 1),
        )
        for n in range(employees)
    ]
    store.add_employees(people, now=now - timedelta(days=COHORT_DAYS + 5))
    cache: dict[tuple[str, int, int], tuple[Answer, ...]] = {}

    def answers(card_index: int, day: int, delay: int) -> tuple[Answer, ...]:
        card = core[card_index]
        key = (card.id, day, delay)
        if key not in cache:
            first_at = now - timedelta(days=COHORT_DAYS - day, hours=-(card_index % 8))
            memory = policy.new_memory(card_index, first_at)
            wrong = next(c.key for c in card.choices if c.key != card.answer)
            choice = wrong if (day + card_index) % 7 == 0 else card.answer
            first = answer_card(card, memory, choice, 8_000, first_at, policy, seed_key=key[0])
            result = (first,)
            if delay:
                again_at = first_at + timedelta(days=delay)
                result += (
                    answer_card(
                        card, first.after, card.answer, 6_000, again_at, policy, seed_key=key[0]
                    ),
                )
            cache[key] = result
        return cache[key]

    start = time.perf_counter()
    batch = 2_000
    for first in range(0, employees, batch):
        store.record_answers(
            AnswerRow(people[n].id, result, Reason.ONBOARDING, Method.API)
            for n in range(first, min(first + batch, employees))
            for index in range(len(core))
            for result in answers(
                index, n % COHORT_DAYS, 1 + (n + index) % 9 if index % 3 == 0 else 0
            )
        )
        done = min(first + batch, employees)
        print(f"  built {done:,}/{employees:,} employees ({time.perf_counter() - start:.0f} s)")
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.db.execute("ANALYZE")
    store.close()


def _cli(db: Path, decks: Path, now: datetime, *args: str) -> float:
    started = time.perf_counter()
    result = CliRunner().invoke(
        app,
        ["--db", str(db), "--decks", str(decks), "--now", now.isoformat(), *args],
        env={"COLUMNS": "160", "RECALL_NOW": None, "RECALL_DB": None, "RECALL_DECKS": None},
    )
    elapsed = time.perf_counter() - started
    if result.exit_code != 0:
        raise SystemExit(f"recall {' '.join(args)} failed:\n{result.output}")
    return elapsed


def step_incident(
    db: Path, decks: Path = DECKS, now: datetime = NOW, scope: int = 10_000
) -> tuple[float, str]:
    """Time ``recall incident add`` on one topic for departments totalling ``scope`` people.

    Departments are taken largest first until they hold at least ``scope`` employees.

    Returns:
        Seconds, and what was assigned.
    """
    store = Store.open(db)
    try:
        sizes = store.db.execute(
            "SELECT department, COUNT(*) FROM employees WHERE left_on IS NULL "
            "GROUP BY department ORDER BY 2 DESC, 1"
        ).fetchall()
        before = store.db.execute("SELECT COUNT(*) FROM assignments").fetchone()[0]
        topic = max(
            store.db.execute(
                "SELECT topic, COUNT(*) FROM card_topics ct JOIN cards c ON c.id = ct.card_id "
                "WHERE c.active = 1 GROUP BY topic ORDER BY 2 DESC, 1 LIMIT 1"
            ).fetchall()
        )[0]
    finally:
        store.close()
    departments: list[str] = []
    people = 0
    for department, size in sizes:
        if people >= scope:
            break
        departments.append(department)
        people += size
    options = [x for d in departments for x in ("--department", d)]
    seconds = _cli(
        db, decks, now, "incident", "add", "--title", "benchmark", "--occurred",
        (now.date() - timedelta(days=1)).isoformat(), "--topics", topic, *options,
        "--within", "7d",
    )  # fmt: skip
    store = Store.open(db)
    try:
        after = store.db.execute("SELECT COUNT(*) FROM assignments").fetchone()[0]
    finally:
        store.close()
    return seconds, (
        f"{people:,} employees in {len(departments)} department(s), topic {topic}: "
        f"{after - before:,} refreshers"
    )


def step_overview(db: Path, decks: Path = DECKS, now: datetime = NOW) -> tuple[float, str]:
    """Time ``recall report overview`` (terminal table into a file).

    Returns:
        Seconds, and the size of the memory table it read.
    """
    store = Store.open(db)
    try:
        employees = store.db.execute("SELECT COUNT(*) FROM employees").fetchone()[0]
        memory = store.db.execute("SELECT COUNT(*) FROM memory").fetchone()[0]
        log = store.db.execute("SELECT COUNT(*) FROM review_log").fetchone()[0]
    finally:
        store.close()
    out = db.with_suffix(".overview.txt")
    seconds = _cli(db, decks, now, "report", "overview", "-o", str(out))
    return seconds, f"{employees:,} employees, {memory:,} memory rows, {log:,} log rows"


def run_steps(
    db: Path, decks: Path = DECKS, now: datetime = NOW, *, copy: bool = True
) -> list[tuple[str, float, str]]:
    """Run both HR steps on ``db`` (on a copy unless ``copy`` is False).

    Returns:
        (step, seconds, note) per step.
    """
    work = db.with_name(db.stem + ".hr-steps.db") if copy else db
    if copy:
        shutil.copyfile(db, work)
    try:
        overview = step_overview(work, decks, now)
        incident = step_incident(work, decks, now)
    finally:
        if copy:
            for suffix in ("", "-wal", "-shm"):
                Path(str(work) + suffix).unlink(missing_ok=True)
        work.with_suffix(".overview.txt").unlink(missing_ok=True)
    return [
        ("incident add (10,000 employees, one topic)", incident[0], incident[1]),
        ("report overview", overview[0], overview[1]),
    ]


def main(argv: list[str] | None = None) -> int:
    """Build (once) and time the HR steps; print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None, help="built database (kept)")
    args = parser.parse_args(argv)
    db = args.db or Path(f"/tmp/recall-hr-bench-{args.employees}.db")
    if not db.exists():
        print(f"building {args.employees:,} employees into {db} ...")
        started = time.perf_counter()
        build(db, args.employees)
        print(f"built in {time.perf_counter() - started:.0f} s")
    print("| step | seconds | target | data |")
    print("|---|---:|---:|---|")
    targets = {"report overview": 10.0}
    for name, seconds, note in run_steps(db):
        target = targets.get(name, 5.0)
        print(f"| {name} | {seconds:.2f} | < {target:.0f} | {note} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
